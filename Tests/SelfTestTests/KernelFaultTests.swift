// With the test-only fault switched on, the self-test must name the broken type and path, tell
// Onramp to stop using the path, and pass on the re-run with the next path.
@testable import Engine
import Foundation
import SelfTest
import Testing

struct KernelFaultTests {
    /// One weight type of each kernel family: 16-bit floats, the 32-value blocks with and
    /// without a minimum, 8-bit blocks, and the 256-value K-quant blocks.
    static let families: [GGMLType] = [.f16, .q4_0, .q4_1, .q8_0, .q4_K, .q6_K]

    @Test("a damaged kernel fails for its type and path, is switched off, and the re-run passes on the next path", arguments: families)
    func damagedPathFallsBack(type: GGMLType) throws {
        let supported = KernelPath.supported
        let broken = try #require(supported.last)
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("onramp/disabled-kernel-paths.json")

        try KernelFault.inject(type: type, path: broken) {
            let first = SelfTest.run(cores: 2, disabled: try DisabledKernelPaths.load(from: file))
            #expect(!first.passed)
            let failed = first.failedChecks
            #expect(failed.map(\.name) == ["\(type) product on \(broken)"])
            #expect(failed.first?.detail.contains("wrong results") == true)
            // 1/16 too large everywhere: an NMSE of about (1/16)², far above any limit.
            #expect((failed.first?.measured ?? 0) > 1e-3)

            guard supported.count > 1 else {
                #expect(first.messages.contains { $0.contains("no other path") })
                return
            }
            let next = supported[supported.count - 2]
            #expect(first.newlyDisabledPaths == [broken.rawValue])
            #expect(first.kernelPath == next.rawValue)
            #expect(first.messages.first?.contains("give wrong results on this processor") == true)
            #expect(first.messages.first?.contains("Onramp will use the") == true)

            var disabled = try DisabledKernelPaths.load(from: file)
            disabled.disable(SelfTest.failedPaths(first))
            try disabled.save(to: file)

            let again = SelfTest.run(cores: 2, disabled: try DisabledKernelPaths.load(from: file))
            #expect(again.passed, "\(again.failedChecks)")
            #expect(again.kernelPath == next.rawValue)
            #expect(again.disabledPaths == [broken.rawValue])
            #expect(!again.checks.contains { $0.path == broken.rawValue })
        }
    }

    @Test("a damaged portable kernel fails and is never switched off: there is nothing to fall back to")
    func damagedPortableStays() {
        KernelFault.inject(type: .q4_0, path: .portable) {
            let report = SelfTest.run(cores: 2)
            #expect(!report.passed)
            #expect(report.failedChecks.map(\.name) == ["q4_0 product on portable"])
            #expect(report.newlyDisabledPaths.isEmpty)
            var disabled = DisabledKernelPaths()
            disabled.disable(SelfTest.failedPaths(report))
            #expect(disabled.paths.isEmpty)
            #expect(report.messages.contains { $0.contains("portable kernels give wrong results") && $0.contains("no other path") })
        }
    }

    @Test("the fault touches only its own type and path")
    func faultIsNarrow() throws {
        let w = try SyntheticMatrix(type: .q8_0, rows: 4, columns: 64, seed: 1)
        let x = try QuantizedActivations(columns: 64, batch: 1, for: .q8_0)
        let input = SyntheticMatrix.activations(count: 64, seed: 2)
        input.withUnsafeBufferPointer { x.quantize($0.baseAddress!, path: .portable) }
        func product(_ path: KernelPath) -> [Float] {
            var y = [Float](repeating: 0, count: 4)
            y.withUnsafeMutableBufferPointer { MatrixProduct.multiply(w.matrix, x, rows: 0..<4, into: $0.baseAddress!, yStride: 4, path: path) }
            return y
        }
        let clean = product(.portable)
        KernelFault.inject(type: .q4_0, path: .portable) { #expect(product(.portable) == clean) }
        KernelFault.inject(type: .q8_0, path: .portable) { #expect(product(.portable) == clean.map { $0 * KernelFault.factor }) }
        #expect(product(.portable) == clean)
    }
}
