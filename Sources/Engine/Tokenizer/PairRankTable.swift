// Looks up a BPE merge by its two symbols: which rank it has and which symbol it makes.
// An open-addressing table over 64-bit keys, because this lookup is the inner loop of encoding.

struct PairRankTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt64]
    private let mask: Int
    private let shift: UInt64
    private static let empty = UInt64.max

    /// Room for `capacity` pairs at most half full.
    init(capacity: Int) {
        var size = 16
        var bits: UInt64 = 4
        while size < capacity * 2 {
            size <<= 1
            bits += 1
        }
        keys = [UInt64](repeating: Self.empty, count: size)
        values = [UInt64](repeating: 0, count: size)
        mask = size - 1
        shift = 64 - bits
    }

    @inline(__always)
    private static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
    }

    /// Records a merge unless the pair already has one: the first (best) rank wins, as in llama.cpp.
    mutating func insertIfAbsent(left: Int32, right: Int32, rank: Int32, result: Int32) {
        let key = Self.key(left, right)
        var index = slot(for: key)
        while keys[index] != Self.empty {
            if keys[index] == key { return }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = UInt64(UInt32(bitPattern: rank)) << 32 | UInt64(UInt32(bitPattern: result))
    }

    /// The merge of `left` followed by `right`: its rank and the symbol it makes.
    @inline(__always)
    func lookup(left: Int32, right: Int32) -> (rank: Int32, result: Int32)? {
        let key = Self.key(left, right)
        var index = slot(for: key)
        while true {
            let stored = keys[index]
            if stored == key {
                let value = values[index]
                return (Int32(truncatingIfNeeded: value >> 32), Int32(truncatingIfNeeded: value))
            }
            if stored == Self.empty { return nil }
            index = (index + 1) & mask
        }
    }
}
