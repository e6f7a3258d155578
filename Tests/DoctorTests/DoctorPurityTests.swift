// Doctor stays pure: no module that Doctor's code can reach reads this machine by itself. The live
// machine (LiveSystem reading /proc and /sys, the environment, running programs) is LiveMachine's,
// and only the shell (Wizard, onramp) imports it. Read from the source tree: Package.swift's
// dependencies and the `import`s of every source file, followed module by module.

import Foundation
import Testing
import TestSupport

@Suite("Doctor imports no live-system code", .onOwnThread)
struct DoctorPurityTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// Modules that hold the live machine's code; a pure module must not reach them.
    static let liveModules: Set<String> = ["LiveMachine", "CProcessShim"]

    @Test("no live module among the modules Package.swift lets it depend on", arguments: ["Doctor", "Catalog"])
    func packageDependencies(module: String) throws {
        let manifest = try String(contentsOf: Self.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        let graph = try SourceModules.packageGraph(manifest)
        let reached = SourceModules.reachable(from: module, in: graph)
        #expect(reached.contains("Probe"), "the manifest was read as it should be: \(reached.sorted())")
        #expect(reached.isDisjoint(with: Self.liveModules), "\(module) reaches \(reached.intersection(Self.liveModules).sorted()) through Package.swift")
    }

    @Test("no live module among the modules its sources import", arguments: ["Doctor", "Catalog"])
    func sourceImports(module: String) throws {
        let sources = Self.repository.appendingPathComponent("Sources")
        let graph = try SourceModules.importGraph(sources: sources)
        let reached = SourceModules.reachable(from: module, in: graph)
        #expect(reached.contains("Probe"), "the scan found the imports it should: \(reached.sorted())")
        #expect(reached.isDisjoint(with: Self.liveModules), "\(module) imports \(reached.intersection(Self.liveModules).sorted())")
    }

    @Test("no module it reaches reads the environment, runs a program or loads a library", arguments: ["Doctor", "Catalog"])
    func noLiveCalls(module: String) throws {
        let sources = Self.repository.appendingPathComponent("Sources")
        let reached = SourceModules.reachable(from: module, in: try SourceModules.importGraph(sources: sources))
        var found: [String] = []
        for name in reached.sorted() {
            found += try SourceModules.liveCalls(in: sources.appendingPathComponent(name))
        }
        #expect(found.isEmpty, "live-system calls in \(module)'s modules: \(found)")
    }

    // MARK: the rules catch what they are for

    @Test("a pure module that imports a module importing LiveMachine is caught, and so is a getenv")
    func rulesCatchViolations() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("onramp-purity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (path, text) in [
            "Doctor/Check.swift": "import Foundation\nimport Probe\n",
            "Probe/Facts.swift": "// getenv in a comment is fine\n@testable import Middle\n",
            "Middle/Reader.swift": "import LiveMachine\nlet home = getenv(\"HOME\")\n",
            "LiveMachine/LiveSystem.swift": "import Glibc\n",
        ] {
            let file = scratch.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        let reached = SourceModules.reachable(from: "Doctor", in: try SourceModules.importGraph(sources: scratch))
        #expect(reached == ["Doctor", "Probe", "Middle", "LiveMachine"])
        #expect(try SourceModules.liveCalls(in: scratch.appendingPathComponent("Probe")).isEmpty)
        #expect(try SourceModules.liveCalls(in: scratch.appendingPathComponent("Middle")).count == 1)

        let manifest = """
            .target(name: "PlainText"),
            .target(name: "LiveMachine"),
            .target(name: "Doctor", dependencies: ["Probe", "PlainText"]),
            .target(name: "Probe", dependencies: [
                "Helper", .product(name: "Crypto", package: "swift-crypto"),
            ]),
            .target(name: "Helper", dependencies: ["LiveMachine"]),
            """
        let graph = try SourceModules.packageGraph(manifest)
        #expect(SourceModules.reachable(from: "Doctor", in: graph) == ["Doctor", "Probe", "PlainText", "Helper", "LiveMachine"])
    }
}

/// Modules as the source tree and the manifest describe them: each module and the ones it names.
enum SourceModules {
    /// Every target in the manifest and the targets it depends on by name (other packages' products
    /// left out).
    static func packageGraph(_ manifest: String) throws -> [String: Set<String>] {
        let whole = NSRange(manifest.startIndex..., in: manifest)
        let anyTarget = try NSRegularExpression(pattern: #"\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"(\w+)""#)
        var graph: [String: Set<String>] = [:]
        for match in anyTarget.matches(in: manifest, range: whole) {
            if let name = Range(match.range(at: 1), in: manifest) { graph[String(manifest[name])] = [] }
        }
        let withDependencies = try NSRegularExpression(
            pattern: #"\.(?:target|executableTarget|testTarget)\(\s*name:\s*"(\w+)"\s*,\s*dependencies:\s*\[([^\]]*)\]"#)
        for match in withDependencies.matches(in: manifest, range: whole) {
            guard let name = Range(match.range(at: 1), in: manifest), let list = Range(match.range(at: 2), in: manifest) else { continue }
            // A bare "Name" is a target; `.product(name: "X", package: "y")` is another package's.
            let entries = manifest[list].split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            graph[String(manifest[name])] = Set(entries.filter { $0.hasPrefix("\"") }.compactMap { $0.split(separator: "\"").first.map(String.init) })
        }
        return graph
    }

    /// Every folder under `sources` and the modules its Swift files import.
    static func importGraph(sources: URL) throws -> [String: Set<String>] {
        var graph: [String: Set<String>] = [:]
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            var imported: Set<String> = []
            for text in try swiftTexts(in: sources.appendingPathComponent(module)) {
                for line in text.split(whereSeparator: \.isNewline) {
                    // `import X`, `@testable import X`, `import X.Y`; not a comment that says "import".
                    let words = line.split(separator: " ")
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                        words[..<index].allSatisfy({ $0.hasPrefix("@") })
                    else { continue }
                    imported.insert(String(words[index + 1].split(separator: ".")[0]))
                }
            }
            graph[module] = imported
        }
        return graph
    }

    /// `start` and every module of `graph` it reaches; names outside the graph (Foundation, Glibc,
    /// other packages) end a path.
    static func reachable(from start: String, in graph: [String: Set<String>]) -> Set<String> {
        var seen: Set<String> = [start]
        var queue = [start]
        while let module = queue.popLast() {
            for next in graph[module] ?? [] where graph[next] != nil && !seen.contains(next) {
                seen.insert(next)
                queue.append(next)
            }
        }
        return seen
    }

    /// Lines (outside comments) of a module's sources that read the environment, start a program or
    /// load a library.
    static func liveCalls(in module: URL) throws -> [String] {
        let pattern = try NSRegularExpression(
            pattern: #"\bposix_spawn|\bfork\(|\bexecv|\bpopen\(|\bdlopen\(|\bgetenv\(|\bsetenv\(|\benviron\b|ProcessInfo\.processInfo\.environment|\bProcess\(\)|import CProcessShim"#)
        var found: [String] = []
        for text in try swiftTexts(in: module) {
            for line in text.split(whereSeparator: \.isNewline) {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                if pattern.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
                    found.append(module.lastPathComponent + ": " + code)
                }
            }
        }
        return found
    }

    private static func swiftTexts(in folder: URL) throws -> [String] {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "swift" }.map { try String(contentsOf: $0, encoding: .utf8) }
    }
}
