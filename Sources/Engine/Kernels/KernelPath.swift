// Which implementation of the matrix product runs: by default the fastest this CPU can do;
// the caller may ask for another (`onramp` honours ONRAMP_KERNELS=portable) so the portable
// path can be tested and compared. The engine itself reads no environment.

public enum KernelPath: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Plain Swift integer dot products; runs on any CPU.
    case portable
    /// x86 AVX2 + FMA + F16C: 8-bit products with vpmaddubsw/vpmaddwd.
    case avx2
    /// AVX2 with AVX-VNNI: vpdpbusd does the 8-bit multiply-add in one instruction.
    case avxVNNI = "avx-vnni"

    public var description: String { rawValue }

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

    /// Whether this CPU can run the path.
    public var isSupported: Bool { CPUSupport.supportedPaths.contains(self) }
}
