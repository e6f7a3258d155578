// `onramp selftest [MODEL]`: proves the engine computes the right numbers on this computer;
// a kernel path that fails is recorded so Onramp stops using it.
import ArgumentParser
import Catalog
import Engine
import Foundation
import SelfTest
import VulkanBackend

struct SelftestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Check that the engine computes the right numbers on this computer.",
        discussion: """
            Compares every kernel this CPU runs with its plain reference, checks the other \
            operations and threads, checks the graphics card's kernels against the processor's when \
            Onramp would use a card (or --device names one), and, given a model, runs it end to end \
            and measures its speed. A kernel path or graphics card that gives wrong results is \
            switched off (recorded in \
            $XDG_CONFIG_HOME/onramp/disabled-kernel-paths.json); --reset switches them back on. \
            The result is kept in $XDG_CONFIG_HOME/onramp/last-selftest.json for `onramp report`. \
            Exit status: 0 every check passed, 1 a check failed.
            """)

    @Argument(help: "A model file (.gguf) to check end to end.")
    var model: String?

    @Flag(help: "Print the result as JSON (schema: docs/selftest.md).")
    var json = false

    @Flag(name: .shortAndLong, help: "Show every check with its numbers.")
    var verbose = false

    @Flag(help: "Forget the kernel paths and graphics cards earlier self-tests switched off, then run.")
    var reset = false

    @Option(name: .long, help: ArgumentHelp(
        "The graphics card to check: its number or part of its name, as onramp gpu lists them (default: the one Onramp would use).",
        valueName: "device"))
    var device: String?

    func run() throws {
        let file = DisabledKernelPaths.file()
        do {
            if reset {
                try DisabledKernelPaths.reset(at: file)
                if !json { StandardError.write("Forgot the kernel paths and graphics cards earlier self-tests switched off.\n") }
            }
            let report = try Self.check(model: model, device: DeviceRequest(option: device))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                StandardOutput.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
            } else {
                StandardOutput.write(SelfTestText.render(report, verbose: verbose))
                if let model, let speed = report.speed, let line = Self.predictionLine(model: model, measured: speed) {
                    StandardOutput.write(line + "\n")
                }
            }
            if !report.passed {
                // One line that scripts and logs can find, like every other command's failure.
                let failures = report.checks.filter { !$0.passed }
                // No failed check: a device named with --device could not be checked (the message says why).
                throw StandardError.fail(
                    failures.isEmpty ? report.messages.first ?? "the self-test failed"
                        : "\(failures.count) check\(failures.count == 1 ? "" : "s") failed; first: \(failures.first.map { "\($0.name): \($0.detail)" } ?? "see above")",
                    in: Self.self)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }
}

extension SelftestCommand {
    /// The self-test as `onramp selftest` and the wizard's Self-test step run it: on this
    /// machine's cores and graphics card (`device`), skipping the kernel paths and cards switched off
    /// before, and switching off any that fail now. `progress` sees each check as it finishes.
    /// A result that could not be kept is said in the report's messages, not on standard error:
    /// under the wizard, standard error would land on top of the full-screen frame.
    static func check(model: String?, device: DeviceRequest = .automatic, progress: (SelfTestCheck) -> Void = { _ in }) throws -> SelfTestReport {
        let file = DisabledKernelPaths.file()
        var disabled = try DisabledKernelPaths.load(from: file)
        let known = disabled
        var report = SelfTest.run(
            model: model, cores: EngineSetup.threads(requested: nil), disabled: disabled,
            graphicsCard: { GraphicsCardSelfTest.run(request: device, disabled: known, model: model, threads: EngineSetup.threads(requested: nil), progress: $0) },
            progress: progress)
        let failed = SelfTest.failedPaths(report)
        let failedCard = SelfTest.failedGraphicsCard(report)
        if !failed.isEmpty || failedCard != nil {
            disabled.disable(failed)
            if let failedCard { disabled.disable(graphicsCard: failedCard.device, reason: failedCard.reason) }
            try disabled.save(to: file)
        }
        // Kept for `onramp report`; a self-test that could not be saved still counts.
        do {
            try SavedResults.save(SavedSelfTest(date: Date(), report: report), to: SavedResults.selfTestFile())
        } catch {
            // The error names the file and says it is for `onramp report`.
            report.messages.append("\(error) The self-test itself is not affected.")
        }
        return report
    }
}

extension SelftestCommand {
    /// The measured speed beside what `onramp recommend --model` predicts for the same file on
    /// this computer (from the file's own header, listed in the catalog or not): the self-test is
    /// where the prediction is checked. The prediction's own measurement (under a second) runs only then.
    static func predictionLine(model: String, measured: SpeedMeasurement) -> String? {
        guard let (entry, file) = try? ModelFileDescription.describe(path: model) else { return nil }
        let predicted = SpeedPrediction.predict(entry, file: file, on: ModelAdvice.measure(threads: measured.threads))
        func compared(_ value: Double, _ prediction: Double, _ predictedFor: String = "") -> String {
            String(format: "%.1f tokens/s, predicted %.1f%@ (measured %+.0f%%)", value, prediction, predictedFor, (value / prediction - 1) * 100)
        }
        // The recommender predicts a 512-token prompt, whose attention costs more per token than the
        // self-test's short one, so the prompt figures differ by design and are labelled.
        return "prediction (onramp recommend, \(entry.name)): prompt of \(measured.promptTokens) tokens: "
            + compared(measured.promptTokensPerSecond, predicted.promptTokensPerSecond, " for 512 tokens") + "; "
            + "answers: \(compared(measured.generationTokensPerSecond, predicted.generationTokensPerSecond))"
    }
}
