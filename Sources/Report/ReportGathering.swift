// Collects what a report shows besides the probe and the doctor: the saved self-test and
// benchmark (`SavedResults`) and Onramp's environment variables. One call for `onramp report`
// and the wizard's Report screen.

import Doctor
import Foundation
import Probe
import SelfTest

extension ReportInput {
    /// The input for a report of this computer. `models` come from the caller (the store belongs
    /// to `Fetch`, which the report does not need to know). A damaged saved result becomes a note.
    public static func thisComputer(
        onrampVersion: String, facts: MachineFacts, identity: MachineIdentity, models: [StoredModel],
        environment: [String: String] = ProcessInfo.processInfo.environment, date: Date = Date()
    ) -> ReportInput {
        var notes: [String] = []
        func load<Value: Decodable>(_ type: Value.Type, _ file: URL) -> Value? {
            do {
                return try SavedResults.load(type, from: file)
            } catch {
                notes.append("Left out: \(error)")
                return nil
            }
        }
        let selfTest = load(SavedSelfTest.self, SavedResults.selfTestFile(environment: environment))
        let bench = load(SavedBench.self, SavedResults.benchFile(environment: environment))
        return ReportInput(
            onrampVersion: onrampVersion, date: date, machine: "this computer", facts: facts,
            doctor: CheckRunner().examine(facts), identity: identity, selfTest: selfTest, bench: bench, models: models,
            settings: settingNames.map { (name: $0, value: environment[$0]) }, notes: notes)
    }

    /// The input for a replayed profile: the machine in the profile, without this computer's
    /// self-test, benchmark and models, which would describe a different machine.
    public static func profile(named name: String, onrampVersion: String, facts: MachineFacts, identity: MachineIdentity, date: Date = Date()) -> ReportInput {
        ReportInput(
            onrampVersion: onrampVersion, date: date, machine: "the profile \(name)", facts: facts,
            doctor: CheckRunner().examine(facts), identity: identity,
            notes: ["Replayed from a machine profile: the self-test, benchmark and models of the computer that made this report are left out."])
    }
}
