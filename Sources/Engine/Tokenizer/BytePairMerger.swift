// Byte-pair encoding of one word: start from one symbol per byte and keep merging the adjacent pair
// with the best merge rank (leftmost first on ties) until none applies — llama.cpp's order exactly.

/// The symbols merging works on: every token text, plus texts that merges name but the vocabulary
/// lacks, plus the 256 byte characters. Symbol ids below the vocabulary size are token ids.
struct BytePairSymbols: Sendable {
    /// Symbol texts in the byte-level alphabet, as UTF-8.
    private(set) var texts: [[UInt8]] = []
    private(set) var idForText: [[UInt8]: Int32] = [:]
    let tokenCount: Int
    /// The symbol of each raw byte's alphabet character.
    private(set) var symbolForByte = [Int32](repeating: 0, count: 256)
    private(set) var ranks: PairRankTable

    init(tokens: [[UInt8]], merges: [String]) {
        tokenCount = tokens.count
        ranks = PairRankTable(capacity: merges.count)
        texts.reserveCapacity(tokens.count + 256)
        idForText.reserveCapacity(tokens.count + 256)
        for text in tokens { _ = intern(text) }
        for byte in 0..<256 {
            symbolForByte[byte] = intern(ByteLevelAlphabet.utf8ForByte[byte])
        }
        for (rank, merge) in merges.enumerated() {
            let bytes = Array(merge.utf8)
            // Split at the first space after the first byte, as llama.cpp does; a merge without one is unusable.
            guard bytes.count > 1, let cut = bytes[1...].firstIndex(of: 0x20) else { continue }
            let left = Array(bytes[..<cut])
            let right = Array(bytes[(cut + 1)...])
            let leftID = intern(left)
            let rightID = intern(right)
            let resultID = intern(left + right)
            ranks.insertIfAbsent(left: leftID, right: rightID, rank: Int32(rank), result: resultID)
        }
    }

    private mutating func intern(_ text: [UInt8]) -> Int32 {
        if let id = idForText[text] { return id }
        let id = Int32(texts.count)
        texts.append(text)
        idForText[text] = id
        return id
    }

    /// The symbol that is exactly this text, if any.
    func symbol(for text: [UInt8]) -> Int32? {
        idForText[text]
    }
}

/// Reusable scratch space for merging, so encoding long texts does not allocate per word.
struct BytePairMerger {
    private var symbol: [Int32] = []
    private var previous: [Int32] = []
    private var next: [Int32] = []
    /// Candidate merges keyed (rank << 32 | left position): the smallest key is the next merge.
    private var queue: [UInt64] = []

    /// Merges the bytes of one word; calls `emit` with each final symbol in order.
    mutating func merge(
        _ bytes: UnsafeBufferPointer<UInt8>, symbols: BytePairSymbols, emit: (Int32) -> Void
    ) {
        let count = bytes.count
        guard count > 0 else { return }
        symbol.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
        next.removeAll(keepingCapacity: true)
        queue.removeAll(keepingCapacity: true)
        for index in 0..<count {
            symbol.append(symbols.symbolForByte[Int(bytes[index])])
            previous.append(Int32(index - 1))
            next.append(index + 1 < count ? Int32(index + 1) : -1)
        }
        for index in 0..<(count - 1) {
            offer(Int32(index), Int32(index + 1), symbols)
        }
        while let key = popSmallest() {
            let left = Int(truncatingIfNeeded: key & 0xFFFF_FFFF)
            let rank = Int32(truncatingIfNeeded: key >> 32)
            let leftSymbol = symbol[left]
            let right = Int(next[left])
            // A queued pair is stale when either side has since been merged into something else.
            guard leftSymbol >= 0, right >= 0,
                let merge = symbols.ranks.lookup(left: leftSymbol, right: symbol[right]),
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
        guard let merge = symbols.ranks.lookup(left: symbol[Int(left)], right: symbol[Int(right)]) else { return }
        push(UInt64(UInt32(bitPattern: merge.rank)) << 32 | UInt64(UInt32(bitPattern: left)))
    }

    private mutating func push(_ key: UInt64) {
        queue.append(key)
        var child = queue.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if queue[parent] <= key { break }
            queue[child] = queue[parent]
            child = parent
        }
        queue[child] = key
    }

    private mutating func popSmallest() -> UInt64? {
        guard let last = queue.popLast() else { return nil }
        guard !queue.isEmpty else { return last }
        let smallest = queue[0]
        let count = queue.count
        var parent = 0
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && queue[child + 1] < queue[child] { child += 1 }
            if last <= queue[child] { break }
            queue[parent] = queue[child]
            parent = child
        }
        queue[parent] = last
        return smallest
    }
}
