// Runs several matrix products (say the query, key and value projections, which read the
// same input) as one job on the worker pool, split into fixed-size row chunks. The chunk
// size does not depend on the thread count, so every row is computed the same way whatever
// the number of threads: results are bit-identical.

struct MatrixProductJob {
    let weights: WeightMatrix
    let input: QuantizedActivations
    /// Row b of the result starts at output + b · outputStride.
    let output: UnsafeMutablePointer<Float>
    let outputStride: Int
}

struct MatrixProducts {
    let pool: WorkerPool
    let kernel: ProductKernel
    /// Rows per task: large enough to amortise a task, small enough to balance two to
    /// sixteen threads on the smallest projection (192 rows in SmolLM2-135M).
    static let rowsPerTask = 32

    func run(_ jobs: [MatrixProductJob]) {
        var starts: [Int] = []
        var total = 0
        for job in jobs {
            starts.append(total)
            total += (job.weights.rows + Self.rowsPerTask - 1) / Self.rowsPerTask
        }
        pool.run(tasks: total) { task in
            var index = jobs.count - 1
            while starts[index] > task { index -= 1 }
            let job = jobs[index]
            let first = (task - starts[index]) * Self.rowsPerTask
            let rows = first..<min(job.weights.rows, first + Self.rowsPerTask)
            MatrixProduct.multiply(job.weights, job.input, rows: rows, into: job.output, yStride: job.outputStride, kernel: kernel)
        }
    }
}
