// A map from 64-bit keys to 64-bit values, open addressing with linear probing: the BPE inner loop
// looks up merges (keyed by symbol pair) and whole words (keyed by text hash) with it.

struct Hash64Table: Sendable {
    private var keys: [UInt64]
    private var values: [UInt64]
    private let mask: Int
    private let shift: UInt64
    /// Marks an empty slot; `UInt64.max` is never used as a key (callers' keys cannot produce it).
    private static let empty = UInt64.max

    /// Room for `capacity` entries at most half full.
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
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
    }

    /// Stores `value` unless `key` already has one; returns whether it was stored.
    @discardableResult
    mutating func insertIfAbsent(_ key: UInt64, _ value: UInt64) -> Bool {
        var index = slot(for: key)
        while keys[index] != Self.empty {
            if keys[index] == key { return false }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = value
        return true
    }

    @inline(__always)
    func lookup(_ key: UInt64) -> UInt64? {
        var index = slot(for: key)
        while true {
            let stored = keys[index]
            if stored == key { return values[index] }
            if stored == Self.empty { return nil }
            index = (index + 1) & mask
        }
    }
}
