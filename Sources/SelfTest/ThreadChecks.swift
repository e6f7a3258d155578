// Threads: a product split over one thread and over every core must give the same bits, since
// the engine splits rows into fixed-size chunks whatever the thread count.
import Engine

enum ThreadChecks {
    /// The largest-weight product of each kernel family on `path`, in 32-row chunks (as the
    /// model's products are split) on a one-thread pool and on a pool with every core.
    static func products(path: KernelPath, cores: Int) -> SelfTestCheck {
        let started = Clock.now
        var differing: [String] = []
        for type in [GGMLType.f16, .q4_0, .q4_1, .q8_0, .q4_K, .q6_K] where KernelSelfCheck.types.contains(type) {
            guard let weights = try? SyntheticMatrix(type: type, rows: 200, columns: 512, seed: 77),
                  let x = try? QuantizedActivations(columns: 512, batch: 3, for: type)
            else { differing.append("\(type)"); continue }
            let input = SyntheticMatrix.activations(count: 512 * 3, seed: 78)
            input.withUnsafeBufferPointer { x.quantize($0.baseAddress!, path: .portable) }
            let one = product(weights.matrix, x, path: path, pool: WorkerPool(threads: 1))
            let many = product(weights.matrix, x, path: path, pool: WorkerPool(threads: cores))
            if one.map(\.bitPattern) != many.map(\.bitPattern) { differing.append("\(type)") }
        }
        return result(name: "1 thread and \(cores) threads give identical products", path: path, differing: differing, seconds: Clock.since(started))
    }

    /// Logits of a model with one thread and with `cores` threads, compared bit for bit.
    static func model(oneThread: [Float], manyThreads: [Float], cores: Int, path: KernelPath, seconds: Double) -> SelfTestCheck {
        let same = oneThread.map(\.bitPattern) == manyThreads.map(\.bitPattern)
        return result(name: "1 thread and \(cores) threads give identical logits", path: path, differing: same ? [] : ["the model's logits"], seconds: seconds)
    }

    private static func result(name: String, path: KernelPath, differing: [String], seconds: Double) -> SelfTestCheck {
        SelfTestCheck(
            group: .threads, name: name, path: path.rawValue, passed: differing.isEmpty, measured: nil, limit: nil,
            detail: differing.isEmpty ? "bit-identical"
                                      : "results depend on the number of threads: \(differing.joined(separator: ", "))",
            seconds: seconds)
    }

    private static func product(_ w: WeightMatrix, _ x: QuantizedActivations, path: KernelPath, pool: WorkerPool) -> [Float] {
        var y = [Float](repeating: 0, count: w.rows * x.batch)
        let rows = w.rows
        y.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            pool.run(tasks: (rows + 31) / 32) { task in
                let range = (task * 32)..<min(rows, task * 32 + 32)
                MatrixProduct.multiply(w, x, rows: range, into: base, yStride: rows, path: path)
            }
        }
        return y
    }
}
