// The built-in English paragraph every model reads, and the perplexity a healthy model of each
// family stays below on it. A model that loads but writes nonsense scores in the thousands.
import Engine

enum PerplexityBound {
    /// Plain, common English: any instruction-tuned model predicts it well.
    static let paragraph = """
        The sun rose slowly over the quiet village. Children walked to school along the river, \
        and their parents opened the shops on the main street. In the afternoon it began to rain, \
        so most people stayed inside and drank a cup of hot tea. By the evening the sky was clear \
        again, and the first stars appeared above the hills.
        """

    /// Bounds by tokenizer pre-tokenizer (`tokenizer.ggml.pre`), which names the model family.
    /// smollm: SmolLM2-135M-Instruct Q4_1 measures 21.4 here (docs/selftest.md); 50 leaves room
    /// for other quantisations of the family while a damaged model lands far above.
    static let byFamily: [String: Double] = ["smollm": 50]

    /// For families not measured yet: loose, but still far below nonsense (the vocabulary size).
    static let unmeasuredFamily = 200.0

    static func bound(family: String?) -> (bound: Double, measured: Bool) {
        if let family, let bound = byFamily[family] { return (bound, true) }
        return (unmeasuredFamily, false)
    }
}
