// What a diagnostics report is made from, before redaction: the facts, the doctor's findings, the
// saved self-test and benchmark, the models in the store and Onramp's own settings. The command
// (and the wizard) gathers these; `ReportBuilder` turns them into a redacted `DiagnosticsReport`.

import Doctor
import Foundation
import Probe
import SelfTest

public struct ReportInput: Sendable {
    public var onrampVersion: String
    public var date: Date
    /// Which machine: "this computer", or "the profile NAME" for a replayed one.
    public var machine: String
    public var facts: MachineFacts
    public var doctor: DoctorReport
    /// Whose names to hide.
    public var identity: MachineIdentity
    public var selfTest: SavedSelfTest?
    public var bench: SavedBench?
    public var models: [StoredModel]
    /// Onramp's own environment variables (name, value; nil = unset). Values of secret variables
    /// (`HF_TOKEN`) never appear, only whether they are set.
    public var settings: [(name: String, value: String?)]
    /// Sentences about what could not be included, and why.
    public var notes: [String]

    public init(
        onrampVersion: String, date: Date, machine: String, facts: MachineFacts, doctor: DoctorReport,
        identity: MachineIdentity, selfTest: SavedSelfTest? = nil, bench: SavedBench? = nil,
        models: [StoredModel] = [], settings: [(name: String, value: String?)] = [], notes: [String] = []
    ) {
        self.onrampVersion = onrampVersion
        self.date = date
        self.machine = machine
        self.facts = facts
        self.doctor = doctor
        self.identity = identity
        self.selfTest = selfTest
        self.bench = bench
        self.models = models
        self.settings = settings
        self.notes = notes
    }

    /// The environment variables that change what Onramp does.
    public static let settingNames = [
        "ONRAMP_HOME", "ONRAMP_KERNELS", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "HF_ENDPOINT", "HF_TOKEN", "HF_HUB_OFFLINE",
    ]
}

/// A model in Onramp's store: what it is, never where it is.
public struct StoredModel: Sendable, Equatable {
    public var name: String
    public var sizeBytes: Int64
    public var architecture: String?
    /// Where it came from (`hf://ORG/REPO/FILE@REV`, an https address without its query).
    public var source: String

    public init(name: String, sizeBytes: Int64, architecture: String?, source: String) {
        self.name = name
        self.sizeBytes = sizeBytes
        self.architecture = architecture
        self.source = source
    }
}
