// Runs every check on the facts, isolating each one: a check that throws becomes a finding.
//
// Swift cannot catch a trap (overflow, out-of-range index) inside the process, so isolation covers
// thrown errors; traps are prevented instead: checks validate odd facts and throw `OddFact`, and a
// test runs every check over extreme facts (zeros, maximums, empty strings) to prove none traps.

import Probe

public struct CheckRunner: Sendable {
    public var checks: [any Check]

    public init(checks: [any Check] = CheckRegistry.all) {
        self.checks = checks
    }

    public func examine(_ facts: MachineFacts) -> DoctorReport {
        var findings: [Finding] = []
        for check in checks {
            do {
                findings += try check.run(facts)
            } catch {
                findings.append(.checkFailed(checkID: check.id, area: check.area, error: error))
            }
        }
        return DoctorReport(facts: facts, findings: findings)
    }
}
