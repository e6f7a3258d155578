// A conversation memory (KV cache) shared by two threads: forward passes take turns, and the
// room check and the positions a pass writes belong to the same turn, so a second pass can never
// write past the cache's capacity.

import Dispatch
import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Engine

@Suite("KV cache shared between threads", .onOwnThread)
struct KVCacheSharingTests {
    /// What each pass came to ("ran", "refused" or an unexpected error).
    final class Outcomes: Sendable {
        let list = Mutex<[String]>([])
    }

    @Test("two passes that together overflow the cache: one runs, the other is refused, nothing is written past the end")
    func concurrentPassesTakeTurns() throws {
        let model = try TestModel.open(threads: 2)
        let prompt = Array(TokenID(100)..<110)
        for _ in 0..<5 {
            let cache = try model.makeCache(capacity: 16)
            let outcomes = Outcomes()
            @Sendable func pass() {
                do {
                    _ = try model.forward(prompt, cache: cache)
                    outcomes.list.withLock { $0.append("ran") }
                } catch ModelError.contextFull {
                    outcomes.list.withLock { $0.append("refused") }
                } catch {
                    outcomes.list.withLock { $0.append("\(error)") }
                }
            }
            // The second pass starts while the first is computing (a pass of 10 tokens takes
            // milliseconds), so it asks for room before the first has filled its positions.
            let firstStarted = DispatchSemaphore(value: 0)
            let done = DispatchGroup()
            DispatchQueue.global().async(group: done) {
                firstStarted.signal()
                pass()
            }
            firstStarted.wait()
            usleep(200)
            pass()
            done.wait()
            #expect(outcomes.list.withLock { $0.sorted() } == ["ran", "refused"])
            #expect(cache.count == prompt.count)
        }
    }

    @Test("two passes on one shared cache give the logits of the same passes run one after the other")
    func sharedCacheKeepsResults() throws {
        let model = try TestModel.open(threads: 2)
        let tokens = Array(TokenID(200)..<210)
        let sequential = try model.makeCache(capacity: 64)
        let first = try model.forward(tokens, cache: sequential)
        let second = try model.forward(tokens, cache: sequential)
        for _ in 0..<5 {
            let shared = try model.makeCache(capacity: 64)
            let results = Mutex<[[Float]]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    let logits = try model.forward(tokens, cache: shared)
                    results.withLock { $0.append(logits) }
                } catch {
                    Issue.record("unexpected error: \(error)")
                }
            }
            #expect(shared.count == 20)
            let produced = results.withLock { $0 }
            #expect(produced.count == 2 && produced.contains(first) && produced.contains(second))
        }
    }
}
