// One thing the doctor found on a machine: what, why it matters, the facts that show it, the fix.

public struct Finding: Sendable, Equatable {
    public var id: String
    public var area: Area
    public var severity: Severity
    public var title: String
    public var explanation: String
    /// The lines of facts that show it, as read from the machine.
    public var evidence: [String]
    public var fix: Fix?
    /// Set when Onramp can apply the fix itself (with consent).
    public var action: FixAction?
    /// Good advice that never stops models by itself (see `FindingKind.advice`).
    public var advice: Bool
    /// Set by the report when another finding explains what is wrong and this one does not.
    public var notTheCause: Bool

    public init(
        id: String, area: Area, severity: Severity, title: String, explanation: String,
        evidence: [String], fix: Fix?, action: FixAction?, advice: Bool = false, notTheCause: Bool = false
    ) {
        self.id = id
        self.area = area
        self.severity = severity
        self.title = title
        self.explanation = explanation
        self.evidence = evidence
        self.fix = fix
        self.action = action
        self.advice = advice
        self.notTheCause = notTheCause
    }

    /// The id reported for a check that threw instead of answering.
    public static let checkFailedID = "doctor.check-failed"

    /// Reported in place of a check's findings when the check could not run.
    public static func checkFailed(checkID: String, area: Area, error: any Error) -> Finding {
        Finding(
            id: checkFailedID, area: area, severity: .warning,
            title: "The check \"\(checkID)\" could not run",
            explanation: "Onramp could not decide this check from what it read about the machine, "
                + "so a problem here may go unnoticed. The other checks still ran.",
            evidence: ["\(checkID): \(String(describing: error))"],
            fix: .steps(.manual(
                "Save what Onramp read with `onramp probe --capture onramp-capture` and attach that folder "
                    + "(user and host names are replaced) to a bug report so the check can be fixed.")),
            action: nil)
    }
}
