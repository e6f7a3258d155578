// scripts/install with the binary scripts/test built (--binary, so nothing is rebuilt), into a
// temporary HOME or PREFIX: where the binary and the completions go, and what it tells the user.

import Foundation
import Testing
import TestSupport

@Suite("scripts/install", .onOwnThread)
struct InstallScriptTests {
    static let script = RunCommandTests.repository.appendingPathComponent("scripts/install").path

    func install(home: String, prefix: String? = nil, path: String = "/usr/bin:/bin") throws -> CommandResult {
        var environment = ["HOME": home, "PATH": path]
        if let prefix { environment["PREFIX"] = prefix }
        return try runProgram([Self.script, "--binary", try OnrampBinary.path()], environment: environment)
    }

    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onramp-install-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("without PREFIX: ~/.local/bin, completions in the per-user folders, and how to add the folder to PATH")
    func userInstall() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try install(home: home)
        #expect(result.status == 0, "\(result.output)")
        let installed = home + "/.local/bin/onramp"
        #expect(FileManager.default.isExecutableFile(atPath: installed))
        #expect(result.output.contains("Installed onramp 0.1.0-dev to \(installed)"))
        #expect(result.output.contains("\(home)/.local/bin is not on your PATH yet"))
        #expect(result.output.contains("echo 'export PATH=\"\(home)/.local/bin:$PATH\"' >> ~/.bashrc"))
        #expect(result.output.contains("fish_add_path \(home)/.local/bin"))

        let version = try runProgram([installed, "--version"])
        #expect(version.output == "0.1.0-dev\n")

        let bash = home + "/.local/share/bash-completion/completions/onramp"
        let zsh = home + "/.local/share/zsh/site-functions/_onramp"
        let fish = home + "/.config/fish/completions/onramp.fish"
        #expect(try String(contentsOfFile: zsh, encoding: .utf8).hasPrefix("#compdef onramp"))
        #expect(try String(contentsOfFile: fish, encoding: .utf8).contains("complete -c 'onramp'"))
        // The bash script loads and registers a completion for onramp that knows the subcommands.
        let loaded = try runProgram(["bash", "--norc", "-c", "source \(bash) && complete -p onramp && type _onramp_bench >/dev/null && echo loaded"])
        #expect(loaded.status == 0, "\(loaded.output)")
        #expect(loaded.output.contains("-F _onramp onramp"))
        #expect(loaded.output.hasSuffix("loaded\n"))
    }

    @Test("with PREFIX: PREFIX/bin and PREFIX/share, and no PATH advice when PREFIX/bin is on it")
    func prefixInstall() throws {
        let prefix = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let result = try install(home: "/nonexistent", prefix: prefix, path: "\(prefix)/bin:/usr/bin:/bin")
        #expect(result.status == 0, "\(result.output)")
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/onramp"))
        for completion in ["bash-completion/completions/onramp", "zsh/site-functions/_onramp", "fish/vendor_completions.d/onramp.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/share/" + completion), "\(completion)")
        }
        #expect(!result.output.contains("not on your PATH"))
        #expect(result.output.contains("Start it with: onramp"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent"), "nothing is written under HOME when PREFIX is set")
    }

    @Test("a binary that is not there is a usage error that says which path")
    func missingBinary() throws {
        let result = try runProgram([Self.script, "--binary", "/nonexistent/onramp"])
        #expect(result.status == 64)
        #expect(result.output.contains("scripts/install: /nonexistent/onramp is not an executable file."))
    }
}
