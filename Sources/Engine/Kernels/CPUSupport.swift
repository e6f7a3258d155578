// What the CPU this process runs on can execute, read once at run time (never assumed from
// the build machine).
import CX86Kernels

enum CPUSupport {
    /// Kernel paths this CPU supports, slowest first.
    static let supportedPaths: [KernelPath] = {
        let features = Int(onramp_x86_features())
        return KernelPath.allCases.filter { features & $0.entry.features == $0.entry.features }
    }()
}
