// Machine facts as JSON and as text: unknown stays unknown, limits read naturally, sizes in binary units.

import Foundation
import Testing
@testable import Probe

@Suite("Facts as JSON and text")
struct FactsCodingTests {
    @Test("an empty MachineFacts is all unknown, and survives a JSON round trip")
    func unknownRoundTrip() throws {
        let facts = MachineFacts()
        let decoded = try MachineFacts.decode(json: facts.jsonText())
        #expect(decoded == facts)
        #expect(!facts.jsonText().contains("null"), "unknown fields are left out, not written as null")
        #expect(facts.cpu.has(.avx2) == nil)
        #expect(facts.memory.usableBytes == nil)
    }

    @Test("a limit is a number or the word unlimited in JSON")
    func limitCoding() throws {
        let cgroup = CgroupFacts(version: 2, memoryLimit: .limited(4_294_967_296), cpuLimitCores: .unlimited)
        let json = String(decoding: try JSONEncoder().encode(cgroup), as: UTF8.self)
        #expect(json.contains("\"memoryLimit\":4294967296"))
        #expect(json.contains("\"cpuLimitCores\":\"unlimited\""))
        #expect(try JSONDecoder().decode(CgroupFacts.self, from: Data(json.utf8)) == cgroup)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Limit<UInt64>.self, from: Data("\"lots\"".utf8)) }
    }

    @Test("usable memory is the smaller of the machine's and the container's")
    func usableMemory() {
        var memory = MemoryFacts(totalBytes: 64 << 30)
        #expect(memory.usableBytes == 64 << 30)
        memory.cgroup = CgroupFacts(memoryLimit: .limited(4 << 30))
        #expect(memory.usableBytes == 4 << 30)
        memory.cgroup = CgroupFacts(memoryLimit: .unlimited)
        #expect(memory.usableBytes == 64 << 30)
    }

    @Test("sizes print in binary units with one decimal, unknown as 'unknown'")
    func sizes() {
        #expect(FactsText.bytes(nil) == "unknown")
        #expect(FactsText.bytes(512) == "512 B")
        #expect(FactsText.bytes(12 << 30) == "12.0 GiB")
        #expect(FactsText.bytes(1536 << 20) == "1.5 GiB")
    }

    @Test("unknown facts print as unknown, never as zero")
    func unknownText() {
        let text = FactsText.render(MachineFacts())
        #expect(text.contains("  Model         unknown\n"))
        #expect(text.contains("  Cores         unknown physical, unknown logical\n"))
        #expect(text.contains("  Total      unknown\n"))
        #expect(!text.contains("Tools that did not answer"))
    }
}
