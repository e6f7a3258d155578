// GPT-2's byte-to-unicode alphabet: every byte 0…255 is written as one printable code point, so
// byte-level BPE vocabularies store arbitrary bytes as text ("Ġ" is the space byte 0x20).

enum ByteLevelAlphabet {
    /// The code point that stands for each byte.
    static let scalarForByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            // Printable Latin-1 bytes stand for themselves; the rest are moved past 255 in order.
            let printable = (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
            if printable {
                table[byte] = UInt32(byte)
            } else {
                table[byte] = next
                next += 1
            }
        }
        return table
    }()

    /// The UTF-8 encoding of each byte's stand-in code point (one or two bytes).
    static let utf8ForByte: [[UInt8]] = scalarForByte.map { scalar in
        Unicode.Scalar(scalar).map { Array(String($0).utf8) } ?? []
    }

    /// The byte a stand-in code point means, or nil when the code point is not in the alphabet.
    static func byte(for scalar: UInt32) -> UInt8? {
        if scalar < 256 {
            let byte = Int(scalar)
            return scalarForByte[byte] == scalar ? UInt8(byte) : nil
        }
        return byteForShiftedScalar[scalar]
    }

    private static let byteForShiftedScalar: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (byte, scalar) in scalarForByte.enumerated() where scalar >= 256 {
            map[scalar] = UInt8(byte)
        }
        return map
    }()
}
