// Choosing the kernel path: the fast one on a CPU that has it, the portable one when forced.
@testable import Engine
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

    @Test("a CPU with AVX2, FMA and F16C gets the AVX2 path, and AVX-VNNI or AVX-512 VNNI when it has them too")
    func fastPathOnThisCPU() {
        func has(_ flags: String...) -> Bool { flags.allSatisfy { Self.cpuFlags.contains(Substring($0)) } }
        let hasAVX2 = has("avx2", "fma", "f16c")
        #expect(KernelPath.supported.contains(.avx2) == hasAVX2)
        #expect(KernelPath.supported.contains(.avxVNNI) == (hasAVX2 && has("avx_vnni")))
        // /proc/cpuinfo lists AVX-512 flags only when the kernel enabled the ZMM state.
        #expect(KernelPath.supported.contains(.avx512VNNI) == (hasAVX2 && has("avx512f", "avx512bw", "avx512vl", "avx512_vnni")))
        #expect(KernelPath.supported.first == .portable)
        // The engine reads no environment: its default is always the fastest supported path.
        #expect(MatrixProduct.path == KernelPath.supported.last)
    }

    @Test("ONRAMP_KERNELS forces a supported path and is ignored when unknown or unsupported")
    func forcing() {
        let all = KernelPath.allCases
        #expect(KernelPath.choose(supported: all, requested: "portable") == .portable)
        #expect(KernelPath.choose(supported: all, requested: "avx2") == .avx2)
        #expect(KernelPath.choose(supported: all, requested: "avx-vnni") == .avxVNNI)
        #expect(KernelPath.choose(supported: all, requested: nil) == all.last)
        #expect(KernelPath.choose(supported: all, requested: "sse9") == all.last)
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
