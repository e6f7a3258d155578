// One finished check of the self-test: what was compared, the number measured, the limit it
// had to stay under, and how long it took. Part of `SelfTestReport` (schema: docs/selftest.md).

public struct SelfTestCheck: Codable, Sendable, Equatable {
    public enum Group: String, Codable, Sendable {
        case kernel, quantizer, op, threads, model, speed
        /// A kernel on the graphics card against the engine's processor code.
        case graphicsCard = "graphics-card"
    }

    public var group: Group
    /// What was checked, e.g. "q4_0 product on avx2" or "RMSNorm".
    public var name: String
    /// The kernel path checked, when the check is about one.
    public var path: String?
    public var passed: Bool
    /// The measured value (an NMSE, a perplexity, tokens/s); nil when it was not a finite number.
    public var measured: Double?
    /// The limit `measured` had to stay below; nil when there is none (speed, bit-identity).
    public var limit: Double?
    /// One plain sentence: what was compared, and on failure what it means.
    public var detail: String
    public var seconds: Double

    public init(group: Group, name: String, path: String? = nil, passed: Bool, measured: Double?, limit: Double?, detail: String, seconds: Double) {
        self.group = group
        self.name = name
        self.path = path
        self.passed = passed
        self.measured = measured.flatMap { $0.isFinite ? $0 : nil }
        self.limit = limit
        self.detail = detail
        self.seconds = seconds
    }

    /// A check passes when `measured` is a finite number below `limit` (NaN never passes).
    static func below(_ measured: Double, _ limit: Double) -> Bool { measured.isFinite && measured < limit }
}
