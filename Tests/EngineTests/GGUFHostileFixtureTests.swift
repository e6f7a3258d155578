// Every committed malformed file is refused with its own problem and a message that says
// what is wrong; the table of expectations is Fixtures/Hostile/expected.tsv.
import Foundation
import Testing
@testable import Engine

struct HostileFixture: CustomTestStringConvertible, Sendable {
    let file: String
    let level: String
    let problem: String
    let fragment: String

    var testDescription: String { file }
    var path: String { GGUFTestFiles.hostileFolder.appendingPathComponent(file).path }

    static func all() -> [HostileFixture] {
        let table = GGUFTestFiles.hostileFolder.appendingPathComponent("expected.tsv")
        guard let text = try? String(contentsOf: table, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return nil }
            return HostileFixture(file: fields[0], level: fields[1], problem: fields[2], fragment: fields[3])
        }
    }
}

@Suite("Hostile GGUF fixtures")
struct GGUFHostileFixtureTests {
    @Test("the expectation table lists every fixture file, and there are at least 20")
    func tableIsComplete() throws {
        let listed = Set(HostileFixture.all().map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: GGUFTestFiles.hostileFolder.path).filter { $0.hasSuffix(".gguf") })
        #expect(listed == present)
        #expect(listed.count >= 20)
        for fixture in HostileFixture.all() {
            let size = try FileManager.default.attributesOfItem(atPath: fixture.path)[.size] as? Int ?? .max
            #expect(size < 64 * 1024, "\(fixture.file) is \(size) bytes")
        }
    }

    @Test("each fixture is refused with its specific problem and message", arguments: HostileFixture.all())
    func refused(_ fixture: HostileFixture) throws {
        let outcome: Result<ModelWeights, GGUFError>
        var fileOpened = false
        do throws(GGUFError) {
            let file = try GGUFFile(path: fixture.path)
            fileOpened = true
            outcome = .success(try ModelWeights(file: file, hyperparameters: ModelHyperparameters(file: file)))
        } catch {
            outcome = .failure(error)
        }
        switch (fixture.level, outcome) {
        case ("valid", .success):
            break
        case ("valid", .failure(let error)):
            Issue.record("the valid base was refused: \(error)")
        case (_, .success):
            Issue.record("\(fixture.file) was accepted; expected \(fixture.problem)")
        case (let level, .failure(let error)):
            #expect(fileOpened == (level == "model"), "\(fixture.file) should be refused by \(level == "file" ? "GGUFFile" : "ModelHyperparameters and ModelWeights"): \(error)")
            #expect(error.problem.rawValue == fixture.problem, "\(error)")
            #expect(error.message.contains(fixture.fragment), "message was: \(error.message)")
            // Errors about the file itself give its full path ('/…/empty.gguf'), those about its content its name.
            #expect(error.message.contains("\(fixture.file)'") || fixture.level == "model", "message should name the file: \(error.message)")
        }
    }

    @Test("every prefix of a valid file is refused as incomplete, never crashing")
    func everyTruncationIsRefused() throws {
        let bytes = try [UInt8](Data(contentsOf: GGUFTestFiles.hostileFolder.appendingPathComponent("valid-tiny-llama.gguf")))
        for length in 0..<bytes.count {
            do throws(GGUFError) {
                _ = try GGUFFile(bytes: Array(bytes[0..<length]), name: "prefix.gguf")
                Issue.record("a \(length)-byte prefix was accepted")
            } catch {
                // A cut inside the header can also show as a count larger than what follows.
                #expect([.truncated, .tensorDataPastEnd, .countTooLarge].contains(error.problem), "\(length) bytes: \(error)")
                #expect(error.message.contains("incomplete"), "\(length) bytes: \(error)")
            }
        }
        #expect(throws: Never.self) { try GGUFFile(bytes: bytes) }
    }
}
