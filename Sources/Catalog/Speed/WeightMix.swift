// Which weight types a model file's transformer blocks are stored in, as shares of their weights:
// what the prompt speed depends on, since each type has its own kernel (Q5_0 and Q8_0 read a
// prompt more slowly for their size than Q4_K). A file on disk says exactly (its GGUF header);
// a catalog file is known by its quantisation name, which stands for llama.cpp's usual mixture.

public enum WeightMix {
    /// The mixture llama.cpp's quantiser gives each file type: the `_M` types keep about a seventh
    /// of the block weights (half the value and feed-forward output matrices) in Q6_K, as the
    /// 1B random-weight Q4_K_M model of `scripts/make-bench-models` holds (85.3 % Q4_K, 14.7 %
    /// Q6_K by its header); the `_S` types nearly all in their own type.
    static let byQuantization: [String: [String: Double]] = [
        "Q4_0": ["Q4_0": 1], "Q4_1": ["Q4_1": 1], "Q5_0": ["Q5_0": 1], "Q5_1": ["Q5_1": 1],
        "Q8_0": ["Q8_0": 1], "Q6_K": ["Q6_K": 1], "F16": ["F16": 1], "BF16": ["BF16": 1],
        "Q4_K_S": ["Q4_K": 1], "Q5_K_S": ["Q5_K": 1],
        "Q4_K_M": ["Q4_K": 0.85, "Q6_K": 0.15], "Q5_K_M": ["Q5_K": 0.85, "Q6_K": 0.15],
    ]

    /// Bits per weight of each GGML type (its block's bytes × 8 ÷ its weights), for a type whose
    /// streaming speed was not measured.
    static let bitsPerWeight: [String: Double] = [
        "Q4_0": 4.5, "Q4_1": 5, "Q5_0": 5.5, "Q5_1": 6, "Q8_0": 8.5, "Q4_K": 4.5, "Q5_K": 5.5, "Q6_K": 6.5625,
        "F16": 16, "BF16": 16, "F32": 32,
    ]

    /// The type llama.cpp's quantiser gives the output matrix (the embedding table when tied):
    /// Q6_K but for Q8_0 and the float types, which keep their own.
    public static func outputType(of file: ModelFile) -> String {
        if let own = file.outputWeightType { return own }
        switch file.quantization {
        case "Q8_0", "F16", "BF16": return file.quantization
        default: return "Q6_K"
        }
    }

    /// Shares of the block weights by GGML type name (`Q4_K`), adding up to 1: the file's own when
    /// its header was read, else its quantisation's usual mixture, else Q4_K's (the commonest).
    public static func shares(of file: ModelFile) -> [String: Double] {
        if let own = file.blockWeightTypes, !own.isEmpty {
            let total = own.values.reduce(0, +)
            if total > 0 { return own.mapValues { Double($0) / Double(total) } }
        }
        return byQuantization[file.quantization] ?? ["Q4_K": 1]
    }
}
