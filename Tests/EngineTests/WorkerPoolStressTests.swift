// The worker pool under contention: more threads than cores, several pools dispatching at
// once, and jobs whose inputs live on the caller's stack and change with every dispatch. A
// pool that published a job before its inputs, or returned before a worker had finished,
// shows up here as a wrong or late write (and under `--sanitize=thread` as a reported race).

import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Engine

@Suite("Worker pool under contention", .onOwnThread)
struct WorkerPoolStressTests {
    /// Threads per pool: more than this machine has cores, so workers are preempted mid-job.
    static let oversubscribed = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount + 1)

    @Test("every dispatch sees its own inputs and finishes all its writes before run returns")
    func dispatchesSeeTheirOwnInputs() {
        let failures = Atomic<Int>(0)
        let callers = 3
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            let pool = WorkerPool(threads: Self.oversubscribed)
            failures.add(Self.dispatchRepeatedly(pool: pool, rounds: 2_000, seed: caller), ordering: .relaxed)
        }
        #expect(failures.load(ordering: .relaxed) == 0)
    }

    /// Runs `rounds` jobs whose expected output depends on the round; counts rounds whose
    /// output was wrong when `run` returned, or changed afterwards.
    static func dispatchRepeatedly(pool: WorkerPool, rounds: Int, seed: Int) -> Int {
        var failures = 0
        let tasks = 37
        var output = [Int](repeating: -1, count: tasks)
        var work = [Int](repeating: 0, count: tasks)
        for round in 0..<rounds {
            // The job's input is a local of this frame: a worker that ran a stale job, or read
            // this round's before it was written, writes another round's number.
            let stamp = (seed &* 1_000_003) &+ round
            output.withUnsafeMutableBufferPointer { buffer in
                work.withUnsafeMutableBufferPointer { workBuffer in
                    let base = buffer.baseAddress!, workBase = workBuffer.baseAddress!
                    pool.runWithThreadIndex(tasks: tasks) { task, thread in
                        precondition(thread >= 0 && thread < pool.threadCount)
                        // A little work, so tasks overlap and workers are preempted inside them.
                        var mixed = stamp
                        for _ in 0..<(task % 7) * 50 { mixed = mixed &* 6_364_136_223_846_793_005 &+ 1 }
                        workBase[task] = mixed
                        base[task] = stamp &+ task
                    }
                }
            }
            let snapshot = output
            let expected = (0..<tasks).map { stamp &+ $0 }
            if snapshot != expected { failures += 1 }
            // Nothing may write after run returned: give a late worker a moment, then look again.
            if round % 64 == 0 { sched_yield() }
            if output != snapshot { failures += 1 }
        }
        return failures
    }

    @Test("attention for every (token, head) on an oversubscribed pool equals the one-thread result bit for bit")
    func attentionIsThreadIndependent() throws {
        let model = try TestModel.open(threads: 1)
        let prompt = Array(TokenID(1)...40)
        let single = try Self.logits(model, prompt: prompt)
        let busy = try TestModel.open(threads: Self.oversubscribed)
        for _ in 0..<3 {
            #expect(try Self.logits(busy, prompt: prompt) == single)
        }
    }

    /// The prompt's last logits followed by three generated tokens' logits (batched and
    /// single-token attention both run).
    static func logits(_ model: TransformerModel, prompt: [TokenID]) throws -> [Float] {
        let cache = try model.makeCache(capacity: 64)
        var all = try model.forward(prompt, cache: cache)
        for token: TokenID in [42, 7, 1000] { all += try model.forward([token], cache: cache) }
        return all
    }
}
