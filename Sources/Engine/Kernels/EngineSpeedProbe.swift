// The engine's own parts timed on the live machine, for `onramp recommend`'s speed prediction:
// how fast its one-token product streams each weight type from memory (writing an answer), how
// fast its batched product runs for each weight type (reading a prompt), how fast its attention
// reads the f16 cache, and what one hand-off to the worker threads costs. Each is the code
// `onramp run` runs, so a faster kernel shows up in the prediction without recalibration.
// Together they take under a second.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum EngineSpeedProbe {
    /// Tokens per batched product timed: large enough for the batched kernels' tiles to reach
    /// their speed (they take 4 tokens at a time), small enough to time in a few milliseconds.
    static let promptBatch = 64
    /// Rows and columns of the batched products timed: a small model's layer, in cache.
    static let width = 1024

    /// Weights per second the engine's one-token product streams from memory for each of
    /// `types` with `threads` threads on its worker pool, over `bytes` of weights (choose more
    /// than the last-level cache, so they come from memory as a model's do): one pass per type.
    /// The kernel's own speed counts, as it does when a model answers: on few cores a type whose
    /// blocks take long to unpack cannot keep up with the memory.
    public static func streamingRates(types: [GGMLType], threads: Int, bytes: Int) -> [GGMLType: Double] {
        let columns = 4096
        let storage = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        defer { storage.deallocate() }
        // 0x3C in every byte is a valid block of every type: each f16 scale reads 0x3C3C (1.06),
        // each f32 0.0115, and any byte is a valid code; written at memory speed.
        memset(storage, 0x3C, bytes)
        let products = MatrixProducts(pool: WorkerPool(threads: threads), kernel: .path(.best))
        let input = SyntheticMatrix.activations(count: columns, seed: 7)
        var rates: [GGMLType: Double] = [:]
        for type in types {
            guard let rowBytes = type.byteCount(elements: columns), bytes / rowBytes >= 1,
                  let weights = try? WeightMatrix(base: storage, type: type, rows: bytes / rowBytes, columns: columns),
                  let x = try? QuantizedActivations(matching: weights, batch: 1) else { continue }
            input.withUnsafeBufferPointer { x.quantize($0.baseAddress!) }
            let y = UnsafeMutablePointer<Float>.allocate(capacity: weights.rows)
            defer { y.deallocate() }
            let job = [MatrixProductJob(weights: weights, input: x, output: y, outputStride: weights.rows)]
            let start = now()
            products.run(job)
            rates[type] = Double(weights.rows * columns) / (now() - start)
        }
        return rates
    }

    /// Operations per second (a multiply-add is two) of each weight type's batched product, as a
    /// prompt runs it: `promptBatch` tokens on the worker pool with all threads, weights in cache;
    /// the fastest of repetitions lasting about `seconds` per type.
    public static func promptFlops(types: [GGMLType], threads: Int, seconds: Double = 0.015) -> [GGMLType: Double] {
        let products = MatrixProducts(pool: WorkerPool(threads: threads), kernel: .path(.best))
        let input = SyntheticMatrix.activations(count: width * promptBatch, seed: 7)
        let y = UnsafeMutablePointer<Float>.allocate(capacity: width * promptBatch)
        defer { y.deallocate() }
        var flops: [GGMLType: Double] = [:]
        for type in types {
            guard let weights = try? SyntheticMatrix(type: type, rows: width, columns: width, seed: 42),
                  let x = try? QuantizedActivations(matching: weights.matrix, batch: promptBatch) else { continue }
            input.withUnsafeBufferPointer { x.quantize($0.baseAddress!) }
            let job = [MatrixProductJob(weights: weights.matrix, input: x, output: y, outputStride: width)]
            let time = KernelBenchmark.time(minimumSeconds: seconds) { products.run(job) }
            flops[type] = 2 * Double(width * width * promptBatch) / time
            withExtendedLifetime(weights) {}
        }
        return flops
    }

    /// Seconds per attended position and head element the engine's f16-cache attention takes on
    /// one thread, for a query over `attended` cache positions half of which it may see (a prompt
    /// token's average: the engine computes a batch's attention over the whole batch, masked),
    /// divided by `threads` as the pool spreads heads over them.
    public static func attentionSeconds(headSize: Int = 64, attended: Int = 512, threads: Int, seconds: Double = 0.02) -> Double {
        let keys = [UInt16](repeating: HalfFloat.f16(from: 0.01), count: attended * headSize)
        let query = SyntheticMatrix.activations(count: headSize, seed: 5)
        var scores = [Float](repeating: 0, count: attended)
        var output = [Float](repeating: 0, count: headSize)
        let scratch = AttentionScratch(threads: 1, headSize: headSize)
        let time = keys.withUnsafeBufferPointer { k in
            query.withUnsafeBufferPointer { q in
                scores.withUnsafeMutableBufferPointer { s in
                    output.withUnsafeMutableBufferPointer { o in
                        KernelBenchmark.time(minimumSeconds: seconds) {
                            HalfCacheAttention.attend(
                                query: q.baseAddress!, keys: k.baseAddress!, values: k.baseAddress!, length: attended / 2,
                                attended: attended, headSize: headSize, stride: headSize, scale: 0.125,
                                scores: s.baseAddress!, output: o.baseAddress!, singleQuery: false,
                                scratch: scratch.slice(thread: 0),
                                kernel: .best)
                        }
                    }
                }
            }
        }
        return time / Double(attended * headSize) / Double(max(1, threads))
    }

    /// Seconds one job handed to a pool of `threads` threads costs when the work itself is
    /// nothing (a task per thread): what each product, and attention, adds per layer.
    public static func dispatchSeconds(threads: Int, seconds: Double = 0.02) -> Double {
        let pool = WorkerPool(threads: threads)
        var count = 0
        let start = now()
        repeat {
            for _ in 0..<100 { pool.run(tasks: threads) { _ in } }
            count += 100
        } while now() - start < seconds
        return (now() - start) / Double(count)
    }

    static func now() -> Double { KernelBenchmark.now() }
}
