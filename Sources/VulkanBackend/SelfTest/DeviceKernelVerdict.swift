// Turning what a device kernel computed into a self-test check: the NMSE against the processor's
// answer, the verdict, and the sentence people read. Pure, so it is tested without a device.

import SelfTest

enum DeviceKernelVerdict {
    /// Σ(a − e)² / Σe² in Double; NaN when a value is not finite or the counts differ (never a pass).
    static func nmse(_ actual: [Float], _ expected: [Float]) -> Double {
        guard actual.count == expected.count, !expected.isEmpty else { return .nan }
        var error = 0.0, power = 0.0
        for (a, e) in zip(actual, expected) {
            guard a.isFinite, e.isFinite else { return .nan }
            error += (Double(a) - Double(e)) * (Double(a) - Double(e))
            power += Double(e) * Double(e)
        }
        return power == 0 ? error : error / power
    }

    static func check(name: String, limit: Double, actual: [Float], expected: [Float], seconds: Double) -> SelfTestCheck {
        let error = nmse(actual, expected)
        let passed = error.isFinite && error < limit
        let measured = error.isFinite ? String(error) : "not a number"
        return SelfTestCheck(
            group: .graphicsCard, name: name, passed: passed, measured: error, limit: limit,
            detail: passed ? "matches the engine's result on the processor"
                : "differs from the engine's result on the processor (NMSE \(measured), limit \(limit))",
            seconds: seconds)
    }

    /// A kernel that could not run at all (the device refused a buffer or a pipeline) is a failure too:
    /// the engine would hit the same wall.
    static func failure(name: String, limit: Double?, reason: String, seconds: Double) -> SelfTestCheck {
        SelfTestCheck(
            group: .graphicsCard, name: name, passed: false, measured: nil, limit: limit,
            detail: "could not run on the graphics card: \(reason)", seconds: seconds)
    }
}
