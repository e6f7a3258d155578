// Starting an initialisation test child (`onramp gpu-init-test cuda|vulkan`) and recording how it
// went: the CUDA and Vulkan tests differ only in what they print, so both share this one runner.

extension ProbeSession {
    /// What became of an initialisation test child, before its output is read.
    enum InitTestOutcome {
        /// It ran to the end: its standard output, for the test's reader.
        case answered(String)
        case crashed
        case timedOut
        /// The library it tests is not installed: the child's standard output, which may say more.
        case libraryMissing(String)
        /// Nothing to report: the child could not start.
        case absent
    }

    /// Runs `argv` with `timeout`, lists it under `shown` (the command as a person would type it,
    /// not the /proc path that starts onramp itself) in the commands the probe ran, and says what
    /// became of it. `libraryMissing` is the child's exit status for "the library is not installed".
    func runInitTest(_ argv: [String], shown: [String], timeout: Duration, libraryMissing: Int32) -> InitTestOutcome {
        let result = source.run(argv, timeout: timeout)
        switch result.outcome {
        case .exited:
            facts.commands.append(CommandFact(
                argv: shown, outcome: result.exitStatus == 0 ? .succeeded : .failed,
                exitStatus: result.exitStatus, note: result.message))
            if result.exitStatus == libraryMissing { return .libraryMissing(result.stdout) }
            if let status = result.exitStatus, status > 128 { return .crashed }
            return .answered(result.stdout)
        case .timedOut:
            facts.commands.append(CommandFact(argv: shown, outcome: .timedOut, note: "killed after \(timeout) without finishing"))
            return .timedOut
        case .couldNotStart:
            facts.commands.append(CommandFact(argv: shown, outcome: .couldNotStart, note: result.message))
            return .absent
        }
    }
}
