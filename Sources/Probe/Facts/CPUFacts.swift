// What the processor is and which instruction sets it offers (the engine's kernels depend on them).

public struct CPUFacts: Codable, Sendable, Equatable {
    /// Kernel machine name: `x86_64`, `aarch64`, ...
    public var architecture: String?
    /// `GenuineIntel`, `AuthenticAMD`, or an ARM implementer name such as `ARM`.
    public var vendor: String?
    public var modelName: String?
    public var physicalCores: Int?
    public var logicalCores: Int?
    /// The features that matter for inference that this CPU has; nil when the flags could not be read.
    public var features: [CPUFeature]?

    public init(
        architecture: String? = nil, vendor: String? = nil, modelName: String? = nil,
        physicalCores: Int? = nil, logicalCores: Int? = nil, features: [CPUFeature]? = nil
    ) {
        self.architecture = architecture
        self.vendor = vendor
        self.modelName = modelName
        self.physicalCores = physicalCores
        self.logicalCores = logicalCores
        self.features = features
    }

    /// nil when the flags are unknown, so a check can tell "no AVX2" from "could not tell".
    public func has(_ feature: CPUFeature) -> Bool? {
        features.map { $0.contains(feature) }
    }
}

/// Instruction-set features the kernels choose between; raw values are the Linux flag names.
public enum CPUFeature: String, Codable, Sendable, CaseIterable, Comparable {
    case sse4_2
    case avx
    case avx2
    case fma
    case f16c
    case avx512f
    case avx512bw
    case avx512vl
    case avx512vnni = "avx512_vnni"
    case avx512bf16 = "avx512_bf16"
    case avxvnni = "avx_vnni"
    case amxTile = "amx_tile"
    case amxInt8 = "amx_int8"
    case amxBF16 = "amx_bf16"
    case neon
    case dotprod
    case i8mm
    case sve
    case sve2

    public static func < (lhs: CPUFeature, rhs: CPUFeature) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
