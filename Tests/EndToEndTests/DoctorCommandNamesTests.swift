// The doctor never tells anyone to run an Onramp command that does not exist: every `onramp WORD`
// in its fixes and guide answers `--help` with exit 0. `--explain` replaces links into the source
// tree, which an installed copy does not have.

import Foundation
import Testing
import TestSupport

@Suite("Commands the doctor names", .onOwnThread)
struct DoctorCommandNamesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every `onramp WORD` in the doctor's sources (fixes built at run time included) and its guide.
    static func namedCommands() throws -> Set<String> {
        var texts = [try String(contentsOf: repository.appendingPathComponent("docs/troubleshooting.md"), encoding: .utf8)]
        let sources = repository.appendingPathComponent("Sources/Doctor")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" {
            texts.append(try String(contentsOf: file, encoding: .utf8))
        }
        let pattern = try NSRegularExpression(pattern: "\\bonramp ([a-z][a-z-]*)")
        var names: Set<String> = []
        for text in texts {
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
            }
        }
        return names
    }

    @Test("every onramp command named in a fix or the guide exists")
    func namedCommandsExist() throws {
        let names = try Self.namedCommands()
        #expect(names.contains("doctor") && names.contains("run"), "the scan found the commands it should: \(names)")
        for name in names.sorted() {
            let result = try runProgram([try OnrampBinary.path(), name, "--help"])
            #expect(result.status == 0, "`onramp \(name)` is named by the doctor but does not exist (exit \(result.status))")
        }
    }

    @Test("onramp doctor --explain prints a finding's section; an unknown id is a usage error")
    func explain() throws {
        let known = try runProgram([try OnrampBinary.path(), "doctor", "--explain", "nvidia.uvm-not-loaded"])
        #expect(known.status == 0)
        #expect(known.output.contains("sudo modprobe nvidia_uvm"))
        let unknown = try runProgram([try OnrampBinary.path(), "doctor", "--explain", "no.such-finding"])
        #expect(unknown.status == 64)
        #expect(unknown.output.contains("--list-checks"))
    }
}
