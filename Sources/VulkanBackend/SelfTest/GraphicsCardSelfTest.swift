// The self-test of the graphics card: find the device the engine would use (or the one named with
// --device), skip it when an earlier self-test switched it off, and run every kernel check on it.
// What it found goes into the self-test's report (SelfTest's `GraphicsCardReport`); a failed check
// makes `onramp selftest` switch the card off (DisabledKernelPaths), so the engine computes on the
// processor instead.

import SelfTest

public enum GraphicsCardSelfTest {
    /// Runs the checks and returns the summary and every check. `damage` names a check whose
    /// reference is made wrong on purpose (tests prove with it that a check can fail).
    public static func run(
        request: DeviceRequest = .automatic, disabled: DisabledKernelPaths = DisabledKernelPaths(), damage: String? = nil,
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
        let report = GraphicsCardReport(device: info.name)
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
        return (report, checks(on: device, damage: damage, progress: progress))
    }

    /// Every kernel check on an opened device.
    static func checks(on device: ComputeDevice, damage: String? = nil, progress: (SelfTestCheck) -> Void = { _ in }) -> [SelfTestCheck] {
        DeviceKernelCases.all.map { kernelCase in
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
