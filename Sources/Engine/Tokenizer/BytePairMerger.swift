// Byte-pair encoding of one word: start from one symbol per byte and keep merging the adjacent pair
// with the best merge rank (leftmost first on ties) until none applies — llama.cpp's order exactly.

/// The symbols merging works on: every token text, plus texts that merges name but the vocabulary
/// lacks, plus the 256 byte characters. Symbol ids below the vocabulary size are token ids.
struct BytePairSymbols: Sendable {
    /// Symbol texts in the byte-level alphabet, as UTF-8.
    let texts: [[UInt8]]
    let tokenCount: Int
    /// The symbol of each raw byte's alphabet character.
    private(set) var symbolForByte = [Int32](repeating: 0, count: 256)
    /// Merges keyed by (left symbol, right symbol), valued (rank, resulting symbol).
    private var ranks: Hash64Table

    init(tokens: [[UInt8]], merges: [String]) {
        tokenCount = tokens.count
        ranks = Hash64Table(capacity: merges.count)
        var texts: [[UInt8]] = []
        texts.reserveCapacity(tokens.count + 256)
        var idForText: [[UInt8]: Int32] = [:]
        idForText.reserveCapacity(tokens.count + 256)
        func intern(_ text: [UInt8]) -> Int32 {
            if let id = idForText[text] { return id }
            let id = Int32(texts.count)
            texts.append(text)
            idForText[text] = id
            return id
        }
        for text in tokens { _ = intern(text) }
        for byte in 0..<256 {
            symbolForByte[byte] = intern(ByteLevelAlphabet.utf8ForByte[byte])
        }
        for (rank, merge) in merges.enumerated() where rank < Int(Int32.max) {
            let bytes = Array(merge.utf8)
            // Split at the first space after the first byte, as llama.cpp does; a merge without one is unusable.
            guard bytes.count > 1, let cut = bytes[1...].firstIndex(of: 0x20) else { continue }
            let left = Array(bytes[..<cut])
            let right = Array(bytes[(cut + 1)...])
            let leftID = intern(left)
            let rightID = intern(right)
            let resultID = intern(left + right)
            ranks.insertIfAbsent(Self.pairKey(leftID, rightID), UInt64(UInt32(rank)) << 32 | UInt64(UInt32(resultID)))
        }
        self.texts = texts
    }

    @inline(__always)
    private static func pairKey(_ left: Int32, _ right: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
    }

    /// The merge of `left` followed by `right`: its rank and the symbol it makes.
    @inline(__always)
    func merge(_ left: Int32, _ right: Int32) -> (rank: Int32, result: Int32)? {
        guard let value = ranks.lookup(Self.pairKey(left, right)) else { return nil }
        return (Int32(truncatingIfNeeded: value >> 32), Int32(truncatingIfNeeded: value))
    }
}

/// Reusable scratch space for merging, so encoding long texts does not allocate per word.
struct BytePairMerger {
    private var symbol: [Int32] = []
    private var previous: [Int32] = []
    private var next: [Int32] = []
    /// Candidate merges keyed (rank << 32 | left position): the smallest key is the next merge.
    private var queue = PriorityQueue<UInt64>()

    /// Merges the bytes of one word; calls `emit` with each final symbol in order.
    mutating func merge(
        _ bytes: UnsafeBufferPointer<UInt8>, symbols: BytePairSymbols, emit: (Int32) -> Void
    ) {
        let count = bytes.count
        guard count > 0 else { return }
        symbol.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        queue.removeAll()
        for index in 0..<count {
            symbol.append(symbols.symbolForByte[Int(bytes[index])])
            previous.append(Int32(index - 1))
            next.append(index + 1 < count ? Int32(index + 1) : -1)
        }
        for index in 0..<(count - 1) {
            offer(Int32(index), Int32(index + 1), symbols)
        }
        while let key = queue.popSmallest() {
            let left = Int(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let rank = Int32(truncatingIfNeeded: key >> 32)
            let leftSymbol = symbol[left]
            let right = Int(next[left])
            // A queued pair is stale when either side has since been merged into something else.
            guard leftSymbol >= 0, right >= 0,
                let merge = symbols.merge(leftSymbol, symbol[right]),
                merge.rank == rank
            else { continue }
            symbol[left] = merge.result
            symbol[right] = -1
            let after = next[right]
            next[left] = after
            if after >= 0 { previous[Int(after)] = Int32(left) }
            if previous[left] >= 0 { offer(previous[left], Int32(left), symbols) }
            if after >= 0 { offer(Int32(left), after, symbols) }
        }
        var index: Int32 = 0
        while index >= 0 {
            emit(symbol[Int(index)])
            index = next[Int(index)]
        }
    }

    @inline(__always)
    private mutating func offer(_ left: Int32, _ right: Int32, _ symbols: BytePairSymbols) {
        guard let merge = symbols.merge(symbol[Int(left)], symbol[Int(right)]) else { return }
        queue.push(UInt64(UInt32(bitPattern: merge.rank)) << 32 | UInt64(UInt32(bitPattern: left)))
    }
}
