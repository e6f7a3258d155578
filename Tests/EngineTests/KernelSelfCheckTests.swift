// The self-check and the benchmark that ship in the engine, run as users would run them.
@testable import Engine
import Testing

@Suite("Kernel self-check and benchmark")
struct KernelSelfCheckTests {
    @Test("every type passes on every path this CPU supports")
    func allPass() {
        let outcomes = KernelSelfCheck.run()
        #expect(outcomes.count == KernelSelfCheck.types.count * KernelPath.supported.count)
        for outcome in outcomes { #expect(outcome.passed, "\(outcome)") }
    }

    @Test("a wrong product is reported as failing")
    func detectsErrors() {
        #expect(KernelSelfCheck.normalisedError([1, 2, 3], [1, 2, 3]) == 0)
        #expect(KernelSelfCheck.Outcome(type: .q4_1, path: .portable, nmse: KernelSelfCheck.normalisedError([1, 2, 4], [1, 2, 3])).passed == false)
        #expect(KernelSelfCheck.Outcome(type: .q4_1, path: .portable, nmse: KernelSelfCheck.normalisedError([.nan, 2, 3], [1, 2, 3])).passed == false)
    }

    @Test("the benchmark measures every path and the reference")
    func benchmark() {
        let shape = KernelBenchmark.Shape(type: .q4_1, rows: 64, columns: 256, batch: 2)
        let results = KernelBenchmark.run(shapes: [shape], minimumSeconds: 0.01)
        let paths = results.map(\.path)
        #expect(paths == [KernelBenchmark.Result.quantizePath, "reference"] + KernelPath.supported.map(\.rawValue))
        // Which path is faster is the benchmark's answer to report (onramp bench-kernels), not a
        // test's to assert on two shared cores.
        for result in results { #expect(result.seconds > 0 && result.gigaflops.isFinite, "\(result)") }
    }
}
