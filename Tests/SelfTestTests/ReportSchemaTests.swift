// `onramp selftest --json` must match the schema documented in docs/selftest.md: the same
// fields at every level, and the documented group names.
import Foundation
import SelfTest
import Testing

struct ReportSchemaTests {
    /// Field names of the table under `### title` in docs/selftest.md.
    static func documentedFields(_ title: String) throws -> Set<String> {
        let text = try String(contentsOf: TestFiles.repositoryRoot.appendingPathComponent("docs/selftest.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "### \(title)\n").dropFirst().first)
        let table = section.components(separatedBy: "\n\n").first { $0.contains("| field |") } ?? ""
        return Set(table.split(separator: "\n").compactMap { line in
            line.hasPrefix("| `") ? line.split(separator: "`").dropFirst().first.map(String.init) : nil
        })
    }

    static let example = SelfTestReport(
        passed: false, kernelPath: "avx2", supportedPaths: ["portable", "avx2"], disabledPaths: [],
        newlyDisabledPaths: ["avx-vnni"], model: "m.gguf",
        checks: [SelfTestCheck(group: .kernel, name: "q4_0 product on avx-vnni", path: "avx-vnni", passed: false, measured: 4e-3, limit: 1e-10, detail: "wrong", seconds: 0.01)],
        speed: SpeedMeasurement(promptTokens: 64, promptTokensPerSecond: 100, generatedTokens: 16, generationTokensPerSecond: 20, threads: 2),
        messages: ["x"], seconds: 1,
        graphicsCard: {
            var card = GraphicsCardReport(notChecked: "Vulkan is installed but lists no graphics card.", advice: "Run onramp doctor.", requested: false)
            card.device = "llvmpipe"
            card.model = .init(layers: 0, totalLayers: 32, output: false, processorReason: "too little memory")
            return card
        }())

    @Test("every field of the JSON report is documented, and every documented field is written")
    func fieldsMatchDocumentation() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.example)) as? [String: Any])
        #expect(Set(json.keys) == (try Self.documentedFields("SelfTestReport")))
        let check = try #require((json["checks"] as? [[String: Any]])?.first)
        #expect(Set(check.keys) == (try Self.documentedFields("SelfTestCheck")))
        let speed = try #require(json["speed"] as? [String: Any])
        #expect(Set(speed.keys) == (try Self.documentedFields("SpeedMeasurement")))
        let card = try #require(json["graphicsCard"] as? [String: Any])
        #expect(Set(card.keys) == (try Self.documentedFields("GraphicsCardReport")))
        let placement = try #require(card["model"] as? [String: Any])
        #expect(Set(placement.keys) == (try Self.documentedFields("ModelPlacement")))
    }

    @Test("the text names why the model stays on the processor when the card holds none of it")
    func modelStaysOnProcessor() throws {
        let text = SelfTestText.render(Self.example, verbose: false)
        #expect(!text.contains("the model stays on the processor"), "the example's card was not checked: one line, no placement")
        var report = Self.example
        report.graphicsCard = GraphicsCardReport(device: "NVIDIA GeForce RTX 3050")
        report.graphicsCard?.model = .init(layers: 0, totalLayers: 32, output: false, processorReason: "It has 1.2 GB free, too little for one layer.")
        report.checks = [SelfTestCheck(group: .graphicsCard, name: "softmax on the graphics card", passed: true, measured: 0, limit: 1e-10, detail: "", seconds: 0)]
        let lines = SelfTestText.render(report, verbose: false).split(separator: "\n").map(String.init)
        let card = try #require(lines.firstIndex { $0.hasPrefix("[ok] graphics card: 1 passed on NVIDIA GeForce RTX 3050") })
        #expect(lines[card + 1] == "       the model stays on the processor: It has 1.2 GB free, too little for one layer.")
    }

    @Test("a value that is not a finite number is left out of the JSON, which cannot hold NaN")
    func notANumber() throws {
        let check = SelfTestCheck(group: .model, name: "perplexity", passed: false, measured: .nan, limit: 30, detail: "d", seconds: 0)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(check)) as? [String: Any])
        #expect(json["measured"] == nil)
        #expect(json["limit"] as? Double == 30)
    }

    @Test("the documented group names are the ones the report uses")
    func groups() throws {
        let text = try String(contentsOf: TestFiles.repositoryRoot.appendingPathComponent("docs/selftest.md"), encoding: .utf8)
        for group in ["kernel", "quantizer", "op", "threads", "graphics-card", "model", "speed"] {
            #expect(SelfTestCheck.Group(rawValue: group) != nil)
            #expect(text.contains("`\(group)`"))
        }
    }
}
