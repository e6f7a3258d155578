// `--threads N`, shared by every command that runs the engine (run, chat, bench).
import ArgumentParser

struct ThreadsOption: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: OptionRanges.threads.help("Threads to compute with; without it, one per physical core."),
        transform: OptionRanges.threads.parse)
    var threads: Int?
}
