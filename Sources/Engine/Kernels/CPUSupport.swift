// What the CPU this process runs on can execute, read once at run time (never assumed from
// the build machine).
import CX86Kernels

enum CPUSupport {
    /// Kernel paths this CPU supports, slowest first.
    static let supportedPaths: [KernelPath] = {
        let features = Int(onramp_x86_features())
        var paths: [KernelPath] = [.portable]
        if features & ONRAMP_X86_AVX2 != 0 { paths.append(.avx2) }
        if features & ONRAMP_X86_AVX2 != 0, features & ONRAMP_X86_AVX_VNNI != 0 { paths.append(.avxVNNI) }
        return paths
    }()
}
