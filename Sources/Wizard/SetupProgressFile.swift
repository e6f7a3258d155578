// Where Set up's answers and progress are kept between runs, so `onramp` after a quit, a crash or a
// reboot offers to continue: `$XDG_CONFIG_HOME/onramp/setup-progress.json` (else ~/.config/onramp).
import Foundation

/// The step Set up had reached, what it knew then, and the Onramp version that saved it.
public struct SavedSetup: Codable, Equatable, Sendable {
    public var version: String
    /// The step to continue at.
    public var step: Step
    public var answers: SetupAnswers

    public init(version: String, step: Step, answers: SetupAnswers) {
        self.version = version
        self.step = step
        self.answers = answers
    }

    /// Where to continue with this Onramp: a passed self-test is not repeated for the same model
    /// and version, but a new version tests again (its engine changed), and so does another model.
    func resumeStep(version current: String) -> Step {
        if step == .finish, version != current || answers.selfTest?.passed != true || !Self.sameFile(answers.selfTest?.model, answers.modelPath) {
            return .selfTest
        }
        return step
    }

    /// The self-test names the file it ran (without its folder); the answers keep its path.
    static func sameFile(_ tested: String?, _ path: String?) -> Bool {
        guard let tested, let path else { return false }
        return URL(fileURLWithPath: tested).lastPathComponent == URL(fileURLWithPath: path).lastPathComponent
    }
}

public enum SetupProgressFile {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/onramp/setup-progress.json"
    }

    /// The saved progress, or nil when there is none or it cannot be read (then Set up starts
    /// afresh; a damaged file is replaced at the next save).
    public static func load(from path: String) -> SavedSetup? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(SavedSetup.self, from: data)
    }

    /// Written whole to a new file, then renamed over the old, so a crash never leaves half of one.
    public static func save(_ saved: SavedSetup, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(saved).write(to: url, options: .atomic)
    }
}
