// The last self-test and the last benchmark, saved so a diagnostics report (`onramp report`) can
// include them without running them again. One folder for everything Onramp keeps about this
// computer: $XDG_CONFIG_HOME/onramp (default ~/.config/onramp), beside disabled-kernel-paths.json.
import Foundation

public enum SavedResults {
    /// `$XDG_CONFIG_HOME/onramp`, else `~/.config/onramp`.
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let config: URL
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = URL(fileURLWithPath: xdg)
        } else {
            config = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        }
        return config.appendingPathComponent("onramp")
    }

    public static func selfTestFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        folder(environment: environment).appendingPathComponent("last-selftest.json")
    }

    public static func benchFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        folder(environment: environment).appendingPathComponent("last-bench.json")
    }

    /// Written whole to a temporary file and renamed, so a reader never sees half of one.
    public static func save<Value: Encodable>(_ value: Value, to file: URL) throws {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            try encoder.encode(value).write(to: file, options: .atomic)
        } catch {
            throw SelfTestError.unwritableResult(file: file.path, reason: error.localizedDescription)
        }
    }

    /// nil when there is no file; a damaged file is an error naming it (the report says so
    /// instead of leaving the result out silently).
    public static func load<Value: Decodable>(_ type: Value.Type, from file: URL) throws -> Value? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(type, from: Data(contentsOf: file))
        } catch {
            let reason = error is DecodingError ? "its contents are damaged" : error.localizedDescription
            throw SelfTestError.unreadableResult(file: file.path, reason: reason)
        }
    }
}

/// A self-test as it was saved: when it ran, and its report.
public struct SavedSelfTest: Codable, Sendable, Equatable {
    public var date: Date
    public var report: SelfTestReport

    public init(date: Date, report: SelfTestReport) {
        self.date = date
        self.report = report
    }
}

/// An `onramp bench` run as it was saved: the model's file name (never its folder) and each test's numbers.
public struct SavedBench: Codable, Sendable, Equatable {
    public struct Test: Codable, Sendable, Equatable {
        /// "pp512" or "tg128".
        public var test: String
        public var tokens: Int
        public var medianTokensPerSecond: Double
        public var standardDeviation: Double

        public init(test: String, tokens: Int, medianTokensPerSecond: Double, standardDeviation: Double) {
            self.test = test
            self.tokens = tokens
            self.medianTokensPerSecond = medianTokensPerSecond
            self.standardDeviation = standardDeviation
        }
    }

    public var date: Date
    public var model: String
    public var threads: Int
    public var tests: [Test]

    public init(date: Date, model: String, threads: Int, tests: [Test]) {
        self.date = date
        self.model = model
        self.threads = threads
        self.tests = tests
    }
}
