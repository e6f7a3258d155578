// The self-test of the graphics card: find the device the engine would use (or the one named with
// --device), skip it when an earlier self-test switched it off, and run every kernel check on it.
// What it found goes into the self-test's report (SelfTest's `GraphicsCardReport`); a failed check
// makes `onramp selftest` switch the card off (DisabledKernelPaths), so the engine computes on the
// processor instead.

import Engine
import SelfTest

public enum GraphicsCardSelfTest {
    /// Runs the checks and returns the summary and every check; with `model` (a file's path),
    /// also the model on the card against the processor once every kernel passed. `damage` names
    /// a check whose reference is made wrong on purpose (tests prove with it that a check can fail).
    public static func run(
        request: DeviceRequest = .automatic, disabled: DisabledKernelPaths = DisabledKernelPaths(), damage: String? = nil,
        model: String? = nil, threads: Int = 1,
        library: String = VulkanSurvey.defaultLoader, progress: (SelfTestCheck) -> Void = { _ in }
    ) -> (GraphicsCardReport, [SelfTestCheck]) {
        let requested = request != .automatic
        let info: VulkanDeviceInfo
        switch VulkanSurvey.take(request: request, library: library).choice {
        case .success(let chosen): info = chosen
        case .failure(let reason):
            return (GraphicsCardReport(notChecked: reason.summary, advice: reason.advice, requested: requested), [])
        }
        if let reason = disabled.graphicsCardDisabled(info.name) {
            return (GraphicsCardReport(
                notChecked: "Onramp stopped using \(info.name) after an earlier self-test: \(reason).",
                advice: "`onramp selftest --reset` checks it again.", requested: false), [])
        }
        var report = GraphicsCardReport(device: info.name)
        let started = ContinuousClock.now
        let device: ComputeDevice
        do {
            device = try ComputeDevice.open(request: .named(String(info.index)), library: library)
        } catch {
            let check = DeviceKernelVerdict.failure(
                name: "opening the graphics card", limit: nil, reason: error.summary, seconds: seconds(since: started))
            progress(check)
            return (report, [check])
        }
        var checks = checks(on: device, damage: damage, progress: progress)
        if let model, checks.allSatisfy(\.passed) {
            let (check, placement) = modelCheck(model, device: info, threads: threads, library: library)
            if let check {
                progress(check)
                checks.append(check)
            }
            report.model = placement
        }
        return (report, checks)
    }

    /// The model on the card, as `onramp run` would place it, against the processor
    /// (ModelOffload's check before use), and where it runs. No check when the model does not go
    /// to the card at all (too little memory, a weight type without a shader): then there is
    /// nothing of the card to judge, and the placement says why the model stays on the processor.
    static func modelCheck(
        _ path: String, device: VulkanDeviceInfo, threads: Int, library: String
    ) -> (SelfTestCheck?, GraphicsCardReport.ModelPlacement?) {
        let started = ContinuousClock.now
        let name = "the model on the graphics card"
        let loaded: LoadedModel
        do {
            loaded = try LoadedModel.open(path: path, threads: threads)
        } catch {
            return (nil, nil)  // the processor's model checks report a file that does not open
        }
        let model = loaded.model
        let outcome = ModelOffload.attach(
            to: loaded, request: .named(String(device.index)), gpuLayers: nil, capacity: 64, library: library)
        switch outcome {
        case .onDevice(_, let plan, let error):
            let check = SelfTestCheck(
                group: .graphicsCard, name: name, passed: true, measured: error, limit: ModelOffload.validationLimit,
                detail: "\(plan.layers) of \(model.shape.layers) layers\(plan.output ? " and the output" : "") on the card answer as the processor does",
                seconds: seconds(since: started))
            return (check, .init(layers: plan.layers, totalLayers: model.shape.layers, output: plan.output))
        case .processor(.wrongResults(_, let error)):
            let check = SelfTestCheck(
                group: .graphicsCard, name: name, passed: false, measured: error, limit: ModelOffload.validationLimit,
                detail: "answers differently from the processor (NMSE \(error), limit \(ModelOffload.validationLimit))",
                seconds: seconds(since: started))
            return (check, nil)
        case .processor(.setupFailed(let error)):
            return (DeviceKernelVerdict.failure(name: name, limit: ModelOffload.validationLimit, reason: error.message, seconds: seconds(since: started)), nil)
        case .processor(let reason):
            return (nil, .init(layers: 0, totalLayers: model.shape.layers, output: false, processorReason: reason.summary))
        }
    }

    /// Every kernel check on an opened device.
    static func checks(on device: ComputeDevice, damage: String? = nil, progress: (SelfTestCheck) -> Void = { _ in }) -> [SelfTestCheck] {
        DeviceKernelCases.applicable(to: device).map { kernelCase in
            let started = ContinuousClock.now
            let check: SelfTestCheck
            do {
                var (actual, expected) = try kernelCase.compute(device)
                // 17/16 of the right answer: an NMSE of about 4e-3, far above every limit.
                if kernelCase.name == damage { expected = expected.map { $0 * 17 / 16 } }
                check = DeviceKernelVerdict.check(
                    name: kernelCase.name, limit: kernelCase.limit, actual: actual, expected: expected, seconds: seconds(since: started))
            } catch let error as VulkanError {
                check = DeviceKernelVerdict.failure(name: kernelCase.name, limit: kernelCase.limit, reason: error.message, seconds: seconds(since: started))
            } catch {
                check = DeviceKernelVerdict.failure(name: kernelCase.name, limit: kernelCase.limit, reason: "\(error)", seconds: seconds(since: started))
            }
            progress(check)
            return check
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
