// Names of ggml tensor types that exist but that Onramp cannot compute with, so a refusal
// can say "IQ2_XXS" instead of "type 16". Numbers follow ggml's `enum ggml_type`.

enum GGMLTypeNames {
    static let unsupported: [UInt32: String] = [
        4: "Q4_2 (a removed 2023 format)",
        5: "Q4_3 (a removed 2023 format)",
        16: "IQ2_XXS",
        17: "IQ2_XS",
        18: "IQ3_XXS",
        19: "IQ1_S",
        20: "IQ4_NL",
        21: "IQ3_S",
        22: "IQ2_S",
        23: "IQ4_XS",
        29: "IQ1_M",
        31: "Q4_0_4_4 (a removed repacked format)",
        32: "Q4_0_4_8 (a removed repacked format)",
        33: "Q4_0_8_8 (a removed repacked format)",
        34: "TQ1_0",
        35: "TQ2_0",
        36: "IQ4_NL_4_4 (a removed repacked format)",
        37: "IQ4_NL_4_8 (a removed repacked format)",
        38: "IQ4_NL_8_8 (a removed repacked format)",
        39: "MXFP4",
    ]
}
