// Scores the doctor on one corpus case: is its top finding (`DoctorReport.topFinding`: the first
// error, else the first warning that is not mere advice) the expected one, and does that finding's fix,
// for the machine's distribution, contain what the real fix needed? scripts/score-cases applies the
// same rule to `onramp doctor --json`.

@testable import Doctor

struct CaseScore {
    var topFinding: String?
    var rightFinding: Bool
    /// The `fixMustContain` pieces the top finding's fix lacks (all of them when the finding is wrong).
    var missingFromFix: [String]

    var passes: Bool { rightFinding && missingFromFix.isEmpty }

    init(report: DoctorReport, expecting corpusCase: CorpusCase) {
        let top = report.topFinding
        topFinding = top?.id
        let right = top != nil && top?.id == corpusCase.expectedFindings.first
        let fixText = (top?.fix?.steps(for: report.family) ?? []).map(\.text).joined(separator: "\n")
        rightFinding = right
        missingFromFix = corpusCase.fixMustContain.filter { !right || !fixText.contains($0) }
    }

    /// One line of the score table: verdict, case, what came first, what the fix lacks.
    func line(_ name: String, _ corpusCase: CorpusCase) -> String {
        let verdict = passes ? "PASS" : "FAIL"
        var line = "\(verdict)  \(name)  [\(corpusCase.status.rawValue)]  top: \(topFinding ?? "none")"
        if !rightFinding { line += " (expected \(corpusCase.expectedFindings.first ?? "?"))" }
        if rightFinding && !missingFromFix.isEmpty { line += "; fix lacks " + missingFromFix.map { "\"\($0)\"" }.joined(separator: ", ") }
        for channel in corpusCase.missingChannels ?? [] { line += "\n      needs channel: \(channel)" }
        return line
    }
}
