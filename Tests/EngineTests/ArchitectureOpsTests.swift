// The operations the newer architectures add, against their definitions: GELU's gated
// activation (ggml's f16 table) and RoPE on the two halves of a head (NEOX style).
import Testing
@testable import Engine

@Suite("Architecture operations")
struct ArchitectureOpsTests {
    @Test("gated GELU (tanh) from the f16 table stays within f16 rounding of its definition")
    func gelu() {
        var gate = TestNumbers.vector(2048, seed: 11, range: 12)
        let up = TestNumbers.vector(2048, seed: 12, range: 2)
        let expected = GELU.reference(gate: gate, up: up)
        GELU.applyGated(gate: &gate, up: up, count: gate.count)
        // Inputs and table entries are rounded to f16 (relative 2^-11 each), as ggml does.
        #expect(TestNumbers.nmse(gate, expected) < 1e-5)
        #expect(TestNumbers.nmse(gate, expected) > 0, "the table, not the exact function, should be used")
        var edges: [Float] = [-10, -20, 10, 20, 0]
        GELU.applyGated(gate: &edges, up: [Float](repeating: 2, count: 5), count: 5)
        #expect(edges == [0, 0, 20, 40, 0])
    }

    @Test("RoPE on halves rotates (x[i], x[i + d/2]) by position times base^(-2i/d)", arguments: [1, 17, 4000])
    func ropeHalves(position: Int) {
        let rope = RotaryEmbedding(dimensions: 64, frequencyBase: 1_000_000)
        var vectors = TestNumbers.vector(2 * 80, seed: 13)
        // Two heads of 80 elements, of which the first 64 are rotated and the rest left alone.
        let expected = (0..<2).flatMap { head -> [Float] in
            let part = Array(vectors[(head * 80)..<(head * 80 + 64)])
            return rope.referenceHalves(part, position: position) + vectors[(head * 80 + 64)..<(head * 80 + 80)]
        }
        var table = [Float](repeating: 0, count: 64)
        rope.fillTable(position: position, into: &table)
        rope.applyToHalves(table: table, to: &vectors, heads: 2, headSize: 80)
        #expect(TestNumbers.nmse(vectors, expected) < 1e-7)
    }
}
