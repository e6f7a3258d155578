// Choosing the kernel path: the fast one on a CPU that has it, the portable one when forced.
import Engine
import Foundation
import Testing

@Suite("Kernel dispatch")
struct KernelDispatchTests {
    /// CPU flags as the kernel reports them in /proc/cpuinfo (empty elsewhere).
    static let cpuFlags: Set<Substring> = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return [] }
        return Set(line.split(separator: " "))
    }()

    @Test("a CPU with AVX2, FMA and F16C gets the AVX2 path, and AVX-VNNI when it has that too")
    func fastPathOnThisCPU() {
        let hasAVX2 = ["avx2", "fma", "f16c"].allSatisfy { Self.cpuFlags.contains(Substring($0)) }
        #expect(KernelPath.supported.contains(.avx2) == hasAVX2)
        #expect(KernelPath.supported.contains(.avxVNNI) == (hasAVX2 && Self.cpuFlags.contains("avx_vnni")))
        #expect(KernelPath.supported.first == .portable)
        if ProcessInfo.processInfo.environment["ONRAMP_KERNELS"] == nil {
            #expect(MatrixProduct.path == KernelPath.supported.last)
        }
    }

    @Test("ONRAMP_KERNELS forces a supported path and is ignored when unknown or unsupported")
    func forcing() {
        let all: [KernelPath] = [.portable, .avx2, .avxVNNI]
        #expect(KernelPath.choose(supported: all, requested: "portable") == .portable)
        #expect(KernelPath.choose(supported: all, requested: "avx2") == .avx2)
        #expect(KernelPath.choose(supported: all, requested: nil) == .avxVNNI)
        #expect(KernelPath.choose(supported: all, requested: "sse9") == .avxVNNI)
        #expect(KernelPath.choose(supported: [.portable], requested: "avx2") == .portable)
    }

    @Test("asking for a path the CPU lacks computes on the portable path instead")
    func unsupportedPathFallsBack() throws {
        let product = ProductCase(.q8_0, rows: 5, blocks: 2, batch: 2)
        let portable = try product.fast(.portable)
        for path in KernelPath.allCases where !path.isSupported {
            #expect(try product.fast(path) == portable)
        }
    }
}
