// Runs several matrix products (say the query, key and value projections, which read the
// same input) as one job on the worker pool, split into fixed-size row chunks. The chunk
// size does not depend on the thread count (only on whether the batch is one row or several), so
// every row is computed the same way whatever the number of threads: results are bit-identical.

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
    /// Rows per task for one activation row (generation): large enough to amortise a task,
    /// small enough to balance two to sixteen threads on the smallest projection (192 rows in
    /// SmolLM2-135M).
    static let rowsPerTask = 32
    /// Rows per task for a prompt batch: the Q4_0 and Q4_K prompt kernels copy a task's rows into
    /// an interleaved layout and prepare every activation row once per task, which 32 rows would
    /// not amortise (measured: a fifth of the kernel's time at 32 rows, a twentieth at 128).
    static let promptRowsPerTask = 128

    func run(_ jobs: [MatrixProductJob]) {
        let batch = jobs.map(\.input.batch).max() ?? 1
        let rowsPerTask = batch > 1 ? Self.promptRowsPerTask : Self.rowsPerTask
        var starts: [Int] = []
        var total = 0
        for job in jobs {
            starts.append(total)
            total += (job.weights.rows + rowsPerTask - 1) / rowsPerTask
        }
        pool.run(tasks: total) { task in
            var index = jobs.count - 1
            while starts[index] > task { index -= 1 }
            let job = jobs[index]
            let first = (task - starts[index]) * rowsPerTask
            let rows = first..<min(job.weights.rows, first + rowsPerTask)
            MatrixProduct.multiply(job.weights, job.input, rows: rows, into: job.output, yStride: job.outputStride, kernel: kernel)
        }
    }
}
