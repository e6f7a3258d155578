// `--threads N`, shared by every command that runs the engine (run, chat, bench).
import ArgumentParser

struct ThreadsOption: ParsableArguments {
    @Option(help: "Threads to compute with (default: one per physical core).")
    var threads: Int?

    func validate() throws {
        if let threads, !(1...512).contains(threads) { throw ValidationError("--threads must be between 1 and 512.") }
    }
}
