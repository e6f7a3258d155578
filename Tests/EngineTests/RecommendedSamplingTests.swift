// A model file's recommended sampling (general.sampling.* keys) over llama.cpp's defaults.
import Testing
@testable import Engine

@Suite("Recommended sampling from the model file")
struct RecommendedSamplingTests {
    func metadata(_ build: (inout GGUFTestImage) -> Void) throws -> GGUFMetadata {
        var image = GGUFTestImage()
        build(&image)
        return try GGUFFile(bytes: image.bytes, name: "sampling.gguf").metadata
    }

    @Test("no keys: llama.cpp's defaults, and nothing taken")
    func none() throws {
        let recommended = SamplingSettings.recommended(by: try metadata { $0.add("general.architecture", string: "llama") })
        #expect(recommended.settings == SamplingSettings())
        #expect(recommended.taken.isEmpty)
        #expect(recommended.ignored.isEmpty)
        #expect(recommended.settings.temperature == 0.8 && recommended.settings.topK == 40)
        #expect(recommended.settings.topP == 0.95 && recommended.settings.minP == 0.05 && recommended.settings.repeatPenalty == 1)
    }

    @Test("each key present replaces its default, in any number width converters write")
    func keys() throws {
        let recommended = SamplingSettings.recommended(by: try metadata {
            $0.add("general.sampling.temp", f64: 0.6)
            $0.add("general.sampling.top_k", u32: 20)
            $0.add("general.sampling.top_p", f64: 0.9)
            $0.add("general.sampling.min_p", f64: 0)
            $0.add("general.sampling.penalty_repeat", f64: 1.05)
            $0.add("general.sampling.penalty_last_n", i64: 128)
        })
        let settings = recommended.settings
        #expect(abs(settings.temperature - 0.6) < 1e-6 && settings.topK == 20 && abs(settings.topP - 0.9) < 1e-6)
        // A recommended zero is a choice (min-p off), kept as one.
        #expect(settings.minP == 0)
        #expect(abs(settings.repeatPenalty - 1.05) < 1e-6 && settings.repeatWindow == 128)
        #expect(recommended.taken == ["temperature", "top-k", "top-p", "min-p", "repeat penalty", "repeat window"])
    }

    @Test("a key of the wrong type or out of range is left out and named; the others still count")
    func unusable() throws {
        let recommended = SamplingSettings.recommended(by: try metadata {
            $0.add("general.sampling.temp", string: "hot")
            $0.add("general.sampling.top_p", f64: 0)
            $0.add("general.sampling.top_k", u32: 5)
        })
        #expect(recommended.settings.temperature == 0.8 && recommended.settings.topP == 0.95)
        #expect(recommended.settings.topK == 5)
        #expect(recommended.ignored == ["general.sampling.temp", "general.sampling.top_p"])
        #expect(recommended.taken == ["top-k"])
    }
}
