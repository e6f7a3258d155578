// Which implementation of the matrix product runs: by default the fastest this CPU can do;
// the caller may ask for another (`onramp` honours ONRAMP_KERNELS=portable) so the portable
// path can be tested and compared. The engine itself reads no environment.
import CX86Kernels

public enum KernelPath: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Plain Swift integer dot products; runs on any CPU.
    case portable
    /// x86 AVX2 + FMA + F16C: 8-bit products with vpmaddubsw/vpmaddwd.
    case avx2
    /// AVX2 with AVX-VNNI: vpdpbusd does the 8-bit multiply-add in one instruction.
    case avxVNNI = "avx-vnni"
    /// AVX2 with AVX-512 VNNI: vpdpbusd in its EVEX form (AVX512-VNNI + AVX512-VL), for CPUs
    /// such as AMD Zen 4 that have it without AVX-VNNI.
    case avx512VNNI = "avx512-vnni"

    public var description: String { rawValue }

    /// The one table of kernel paths, in the order of `allCases` (slowest first): the CPU
    /// features (ONRAMP_X86_* bits, checked with CPUID and XGETBV) a path needs, in words for
    /// people, and its C entry point. Support, dispatch and the tests' report all read it.
    struct Entry {
        let features: Int
        let needs: String
        let product: (@convention(c) (UInt32, UnsafePointer<onramp_matmul_args>?) -> Int32)?
    }

    var entry: Entry {
        switch self {
        case .portable:
            Entry(features: 0, needs: "any CPU", product: nil)
        case .avx2:
            Entry(features: ONRAMP_X86_AVX2, needs: "AVX2, FMA and F16C with the OS saving YMM state", product: onramp_matmul_avx2)
        case .avxVNNI:
            Entry(features: ONRAMP_X86_AVX2 | ONRAMP_X86_AVX_VNNI, needs: "AVX2 and AVX-VNNI", product: onramp_matmul_avx_vnni)
        case .avx512VNNI:
            Entry(features: ONRAMP_X86_AVX2 | ONRAMP_X86_AVX512_VNNI,
                  needs: "AVX2 and AVX-512 F, BW, VL and VNNI with the OS saving ZMM state", product: onramp_matmul_avx512_vnni)
        }
    }

    /// What the CPU must have for this path, in words.
    public var needs: String { entry.needs }

    /// The fastest path this CPU supports.
    public static let best: KernelPath = choose(supported: CPUSupport.supportedPaths, requested: nil)

    /// The requested path when it is supported (an unknown or unsupported request is ignored,
    /// never trusted), otherwise the last — fastest — supported one.
    public static func choose(supported: [KernelPath], requested: String?) -> KernelPath {
        if let forced = requested.flatMap(KernelPath.init(rawValue:)), supported.contains(forced) {
            return forced
        }
        return supported.last ?? .portable
    }

    /// Every path this CPU supports, slowest first.
    public static var supported: [KernelPath] { CPUSupport.supportedPaths }

    /// Every path this CPU lacks.
    static var unsupported: [KernelPath] { allCases.filter { !$0.isSupported } }

    /// Whether this CPU can run the path.
    var isSupported: Bool { CPUSupport.supportedPaths.contains(self) }
}
