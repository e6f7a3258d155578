// Runs the terminal loop on a thread of its own: it blocks waiting for keys, and blocking one of the
// few shared async threads would stall the background work (scans, downloads) it is waiting for.
import Foundation

enum WizardThread {
    static func run(_ body: @escaping @Sendable () -> Int32) async -> Int32 {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "onramp-terminal"
            thread.start()
        }
    }
}
