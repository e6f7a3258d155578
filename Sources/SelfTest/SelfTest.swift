// The self-test: proves on this computer that the engine computes the right numbers. Kernels
// on every path still in use, then the other operations, threads, and (given a model) the model
// end to end and its speed. A kernel path that fails is reported for Onramp to stop using;
// the model checks run on the path that is left.
import Engine
import Foundation

public enum SelfTest {
    /// Runs every check. `cores`: the thread count the engine uses on this machine (the caller
    /// decides it from Probe's facts; the engine and the self-test read no machine files).
    /// `disabled`: paths Onramp already stopped using (not checked).
    /// `graphicsCard`: the graphics card's checks (VulkanBackend's, handed in by the shell, since
    /// this module cannot see the card), run after the processor's and before the model's.
    /// `progress` sees each check as it finishes (for `-v` and the wizard).
    public static func run(
        model: String? = nil, cores: Int, disabled: DisabledKernelPaths = DisabledKernelPaths(),
        supported: [KernelPath] = KernelPath.supported, graphicsCard: GraphicsCardChecks? = nil,
        progress: (SelfTestCheck) -> Void = { _ in }
    ) -> SelfTestReport {
        let started = Clock.now
        var checks: [SelfTestCheck] = []
        func record(_ new: [SelfTestCheck]) {
            checks += new
            new.forEach(progress)
        }
        let paths = supported.filter { !disabled.disabled.contains($0) }
        record(KernelChecks.products(paths: paths))
        record(KernelChecks.quantizers(paths: paths))
        record(OpsChecks.all())

        let failedPaths = failures(in: checks)
        let chosen = paths.last { failedPaths[$0] == nil || $0 == .portable } ?? .portable
        // At least two threads, so a split really happens even on a one-core machine.
        let threads = max(2, cores)
        record([ThreadChecks.products(path: chosen, cores: threads)])

        var card: GraphicsCardReport?
        if let graphicsCard {
            let (found, cardChecks) = graphicsCard(progress)
            card = found
            checks += cardChecks
        }

        var speed: SpeedMeasurement?
        if let model {
            let (modelChecks, loaded) = ModelChecks.run(path: model, kernelPath: chosen, cores: threads)
            record(modelChecks)
            if let loaded, modelChecks.allSatisfy(\.passed) {
                let (check, measured) = SpeedCheck.run(loaded, path: chosen)
                record([check])
                speed = measured
            }
        }

        let newlyDisabled = failedPaths.keys.filter { $0 != .portable }.sorted { $0.rawValue < $1.rawValue }
        return SelfTestReport(
            passed: checks.allSatisfy(\.passed) && card?.requestFailed != true, kernelPath: chosen.rawValue,
            supportedPaths: supported.map(\.rawValue),
            disabledPaths: supported.filter { disabled.disabled.contains($0) }.map(\.rawValue),
            newlyDisabledPaths: newlyDisabled.map(\.rawValue),
            model: model.map { URL(fileURLWithPath: $0).lastPathComponent },
            checks: checks, speed: speed,
            messages: messages(failedPaths: failedPaths, chosen: chosen, checks: checks, card: card),
            seconds: Clock.since(started), graphicsCard: card)
    }

    /// The paths a report found wrong (portable included), with the failed checks in words:
    /// what the caller records so Onramp stops using them.
    public static func failedPaths(_ report: SelfTestReport) -> [KernelPath: String] {
        failures(in: report.checks)
    }

    /// Paths with a failed kernel or quantiser check, and which checks failed.
    static func failures(in checks: [SelfTestCheck]) -> [KernelPath: String] {
        var failed: [KernelPath: [String]] = [:]
        for check in checks where !check.passed && (check.group == .kernel || check.group == .quantizer) {
            if let path = check.path.flatMap(KernelPath.init(rawValue:)) { failed[path, default: []].append(check.name) }
        }
        return failed.mapValues { $0.joined(separator: ", ") }
    }

    /// The graphics card a report found wrong, with its failed checks in words: what the caller
    /// records so the engine stops using it; nil when the card passed or was not checked.
    public static func failedGraphicsCard(_ report: SelfTestReport) -> (device: String, reason: String)? {
        let failed = report.checks.filter { $0.group == .graphicsCard && !$0.passed }
        guard let device = report.graphicsCard?.device, !failed.isEmpty else { return nil }
        return (device, failed.map(\.name).joined(separator: ", "))
    }

    /// What failed and what happens next, in plain words.
    static func messages(
        failedPaths: [KernelPath: String], chosen: KernelPath, checks: [SelfTestCheck], card: GraphicsCardReport? = nil
    ) -> [String] {
        var messages: [String] = []
        for (path, reason) in failedPaths.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if path == .portable {
                messages.append("The portable kernels give wrong results on this processor (\(reason)). There is no other path to fall back to: please report this, with `onramp selftest --json`.")
            } else {
                messages.append("The \(path.displayName) kernels give wrong results on this processor (\(reason)); Onramp will use the \(chosen.displayName) ones. `onramp selftest --reset` forgets this.")
            }
        }
        let kernelsFine = failedPaths.isEmpty
        for check in checks where !check.passed && (check.group == .op || check.group == .threads || check.group == .model) {
            messages.append("\(check.name): \(check.detail)")
        }
        let cardFailures = checks.filter { $0.group == .graphicsCard && !$0.passed }.map(\.name)
        if let device = card?.device, !cardFailures.isEmpty {
            messages.append("The graphics card (\(device)) gives wrong results (\(cardFailures.joined(separator: ", "))); Onramp will compute on the processor instead. `onramp selftest --reset` checks the card again.")
        }
        if let card, card.requestFailed, let reason = card.notChecked {
            messages.append("The graphics card named with --device was not checked: \(reason)" + (card.advice.map { " " + $0 } ?? ""))
        }
        if kernelsFine && checks.allSatisfy(\.passed) && card?.requestFailed != true {
            messages.append("Every check passed: the engine computes the right numbers on this computer (kernel path \(chosen)).")
        }
        return messages
    }
}

extension KernelPath {
    /// The name people know the instruction set by.
    var displayName: String {
        switch self {
        case .portable: "portable"
        case .avx2: "AVX2"
        case .avxVNNI: "AVX-VNNI"
        case .avx512VNNI: "AVX-512"
        }
    }
}
