// The last self-test and benchmark are saved in one folder and come back into the report;
// a damaged file is named in the report's notes instead of vanishing.

import Foundation
import Probe
import SelfTest
import Testing
@testable import Report

@Suite("Saved self-test and benchmark")
struct SavedResultsTests {
    static let selfTest = SelfTestReport(
        passed: false, kernelPath: "avx2", supportedPaths: ["portable", "avx2"], disabledPaths: [], newlyDisabledPaths: ["avx2"],
        model: "SmolLM2-135M-Instruct.Q4_1.gguf",
        checks: [
            SelfTestCheck(group: .kernel, name: "q4_0 product on avx2", path: "avx2", passed: false, measured: 0.5, limit: 1e-7,
                          detail: "NMSE 0.5 against the reference, read from /home/jdoe-planted/x", seconds: 0.1),
            SelfTestCheck(group: .op, name: "RMSNorm", passed: true, measured: 1e-12, limit: 1e-7, detail: "matches", seconds: 0.01),
        ],
        speed: SpeedMeasurement(promptTokens: 64, promptTokensPerSecond: 410.5, generatedTokens: 32, generationTokensPerSecond: 61.25, threads: 8),
        messages: ["The AVX2 kernels give wrong results on this processor (q4_0 product on avx2)."], seconds: 3.5)

    static let bench = SavedBench(
        date: ReportFixtures.date, model: "SmolLM2-135M-Instruct.Q4_1.gguf", threads: 8,
        tests: [.init(test: "pp512", tokens: 512, medianTokensPerSecond: 812.4, standardDeviation: 3.2),
                .init(test: "tg128", tokens: 128, medianTokensPerSecond: 71.9, standardDeviation: 0.4)])

    /// A report input with a self-test, a bench, models and settings, for tests that need every part.
    static func inputWithEverything(_ made: ReportFixtures.Made) -> ReportInput {
        var input = ReportInput.profile(named: "planted", onrampVersion: "0.0.0-test", facts: Prober(source: made.source).gather(),
                                        identity: made.identity, date: ReportFixtures.date)
        input.selfTest = SavedSelfTest(date: ReportFixtures.date, report: selfTest)
        input.bench = bench
        input.models = [StoredModel(name: "smollm2-135m", sizeBytes: 100_000_000, architecture: "llama",
                                    source: "https://cdn.example.org/smollm2.gguf?X-Amz-Signature=plantedsig")]
        input.settings = [("HF_TOKEN", "hf_plantedTokenAbCdEf0123456789"), ("ONRAMP_HOME", "/home/jdoe-planted/models"), ("HF_ENDPOINT", nil)]
        return input
    }

    @Test("saved in $XDG_CONFIG_HOME/onramp beside the disabled kernel paths, and read back")
    func saveAndLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onramp-saved-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = ["XDG_CONFIG_HOME": folder, "HOME": "/nonexistent"]
        #expect(SavedResults.selfTestFile(environment: environment).path == folder + "/onramp/last-selftest.json")
        #expect(SavedResults.benchFile(environment: environment).path == folder + "/onramp/last-bench.json")
        #expect(DisabledKernelPaths.file(environment: environment).deletingLastPathComponent().path == SavedResults.folder(environment: environment).path)
        let saved = SavedSelfTest(date: ReportFixtures.date, report: Self.selfTest)
        try SavedResults.save(saved, to: SavedResults.selfTestFile(environment: environment))
        try SavedResults.save(Self.bench, to: SavedResults.benchFile(environment: environment))
        let input = ReportInput.thisComputer(onrampVersion: "0.0.0-test", facts: MachineFacts(), identity: MachineIdentity(),
                                             models: [], environment: environment, date: ReportFixtures.date)
        #expect(input.selfTest == saved)
        #expect(input.bench == Self.bench)
        #expect(input.notes.isEmpty)
    }

    @Test("no saved file: the report says the self-test was not run; a damaged one is a note naming it")
    func missingAndDamaged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onramp-saved-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let environment = ["XDG_CONFIG_HOME": folder]
        var input = ReportInput.thisComputer(onrampVersion: "0", facts: MachineFacts(), identity: MachineIdentity(), models: [], environment: environment)
        #expect(input.selfTest == nil && input.notes.isEmpty)
        #expect(ReportMarkdown.render(ReportBuilder.build(input)).contains("not run yet (onramp selftest)"))
        try FileManager.default.createDirectory(atPath: folder + "/onramp", withIntermediateDirectories: true)
        try "{ not json".write(toFile: folder + "/onramp/last-selftest.json", atomically: true, encoding: .utf8)
        input = ReportInput.thisComputer(onrampVersion: "0", facts: MachineFacts(), identity: MachineIdentity(), models: [], environment: environment)
        #expect(input.selfTest == nil)
        #expect(input.notes.count == 1 && input.notes[0].contains("last-selftest.json") && input.notes[0].contains("damaged"))
    }

    @Test("self-test, bench, models and settings appear, redacted: secret values hidden, signed URLs cut")
    func everythingRedacted() throws {
        let made = try ReportFixtures.make(ReportFixtures.planted)
        let report = ReportBuilder.build(Self.inputWithEverything(made))
        let markdown = ReportMarkdown.render(report)
        let json = try ReportJSON.render(report)
        for text in [markdown, json] {
            #expect(ReportFixtures.leak(in: text) == nil, "\(ReportFixtures.leak(in: text) ?? "")")
            #expect(!text.contains("plantedsig"))
            for fact in ["410.5", "61.2", "812.4", "pp512", "tg128", "smollm2-135m", "q4_0 product on avx2", "set (value hidden)"] {
                #expect(text.contains(fact), "lost \(fact)")
            }
        }
        #expect(markdown.contains("Self-test (failed)"))
        #expect(report.settings.first { $0.label.text == "ONRAMP_HOME" }?.value.text == "<home>/models")
    }
}
