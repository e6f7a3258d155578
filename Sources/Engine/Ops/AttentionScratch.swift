// Working memory for `HalfCacheAttention`, one slice per pool thread, allocated once with the
// forward buffers and reused for every token and head: attention allocates nothing per call.

final class AttentionScratch {
    /// One thread's share: the query rounded to f16 (headSize / 16 vectors) and the 16-lane
    /// partial sums of weights·values (up to 4 groups × 16 lanes × headSize floats).
    struct Slice {
        let query: UnsafeMutablePointer<SIMD16<Float>>
        let lanes: UnsafeMutablePointer<Float>
    }

    let threads: Int
    let headSize: Int
    private let queries: UnsafeMutablePointer<SIMD16<Float>>
    private let lanes: UnsafeMutablePointer<Float>

    static func laneCount(headSize: Int) -> Int { 4 * 16 * headSize }

    /// Room for `threads` threads attending with heads of `headSize` (a multiple of 16).
    init(threads: Int, headSize: Int) {
        self.threads = max(1, threads)
        self.headSize = headSize
        let chunks = max(1, headSize / 16)
        queries = .allocate(capacity: self.threads * chunks)
        queries.initialize(repeating: SIMD16<Float>(), count: self.threads * chunks)
        let laneTotal = max(1, self.threads * Self.laneCount(headSize: headSize))
        lanes = .allocate(capacity: laneTotal)
        lanes.initialize(repeating: 0, count: laneTotal)
    }

    deinit {
        queries.deallocate()
        lanes.deallocate()
    }

    /// Thread `thread`'s slice; no two threads of one pool get overlapping memory.
    func slice(thread: Int) -> Slice {
        precondition(thread >= 0 && thread < threads, "thread \(thread) outside 0..<\(threads)")
        return Slice(
            query: queries + thread * max(1, headSize / 16),
            lanes: lanes + thread * Self.laneCount(headSize: headSize))
    }
}
