// Runs blocking work (the terminal loop) on a thread of its own: blocking one of the few shared
// async threads (two on a two-core machine) would starve the background work the loop waits for.
import Foundation

public enum DedicatedThread {
    public static func run<Result: Sendable>(name: String, _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = name
            thread.start()
        }
    }
}
