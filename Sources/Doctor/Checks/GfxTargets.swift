// AMD shader targets: which ones ROCm ships code for, and which supported target a close relative
// can borrow through HSA_OVERRIDE_GFX_VERSION (same instruction set, different chip).

enum GfxTargets {
    /// Targets ROCm's math libraries ship code for on Linux (ROCm 6.x and 7.x support lists).
    static let supported: Set<String> = [
        "gfx900", "gfx906", "gfx908", "gfx90a", "gfx940", "gfx941", "gfx942", "gfx950",
        "gfx1030", "gfx1100", "gfx1101", "gfx1102", "gfx1151", "gfx1200", "gfx1201",
    ]

    /// The override that makes ROCm run the supported relative's code, per unsupported target.
    static let override: [String: String] = [
        // RDNA 2 (RX 6000, Steam Deck, Ryzen 6000 graphics) runs gfx1030 code.
        "gfx1031": "10.3.0", "gfx1032": "10.3.0", "gfx1033": "10.3.0", "gfx1034": "10.3.0",
        "gfx1035": "10.3.0", "gfx1036": "10.3.0", "gfx1037": "10.3.0",
        // RDNA 3 (Radeon 780M and relatives) runs gfx1100 code.
        "gfx1103": "11.0.0", "gfx1150": "11.0.0", "gfx1152": "11.0.0",
        // Vega integrated graphics runs gfx900 code.
        "gfx902": "9.0.0", "gfx909": "9.0.0", "gfx90c": "9.0.0",
    ]

    /// `gfx` and 3–5 hex digits; anything else means the facts are garbled.
    static func isWellFormed(_ target: String) -> Bool {
        target.hasPrefix("gfx") && target.count >= 6 && target.count <= 8
            && target.dropFirst(3).allSatisfy { $0.isHexDigit }
    }
}
