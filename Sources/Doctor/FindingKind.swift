// What a finding id means, independent of any machine: the text of its troubleshooting section.

public struct FindingKind: Sendable, Equatable {
    /// Stable id, part of the JSON API (`nvidia.driver-library-mismatch`).
    public var id: String
    public var area: Area
    public var severity: Severity
    /// One line a non-expert understands.
    public var title: String
    /// Why it matters for running models.
    public var explanation: String
    /// The fix as documented; checks may fill in machine-specific values when they report it.
    public var fix: Fix?
    /// Whether checks attach a `FixAction` to this finding when they can (documented as such).
    public var runnable: Bool
    /// Good to fix, but never what stops models from running (no swap): ranked below every other
    /// warning, and marked as not the cause when something else is wrong.
    public var advice: Bool

    public init(
        id: String, area: Area, severity: Severity, title: String, explanation: String, fix: Fix?,
        runnable: Bool = false, advice: Bool = false
    ) {
        self.id = id
        self.area = area
        self.severity = severity
        self.title = title
        self.explanation = explanation
        self.fix = fix
        self.runnable = runnable
        self.advice = advice
    }

    /// A finding of this kind on a machine, with its evidence and, when given, a concrete fix.
    public func found(
        evidence: [String], fix concreteFix: Fix? = nil, action: FixAction? = nil,
        title concreteTitle: String? = nil
    ) -> Finding {
        Finding(
            id: id, area: area, severity: severity, title: concreteTitle ?? title,
            explanation: explanation, evidence: evidence, fix: concreteFix ?? fix, action: action, advice: advice)
    }
}
