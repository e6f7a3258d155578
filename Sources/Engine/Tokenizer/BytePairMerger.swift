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
    /// Tokens keyed by a hash of their text, for looking up whole words without building strings.
    private var tokenForTextHash: Hash64Table
    /// Each raw byte's alphabet character as UTF-8, two slots per byte, and how many are used.
    private var alphabetBytes = [UInt8](repeating: 0, count: 512)
    private var alphabetLengths = [Int](repeating: 0, count: 256)

    init(tokens: [[UInt8]], merges: [String]) {
        tokenCount = tokens.count
        ranks = Hash64Table(capacity: merges.count)
        tokenForTextHash = Hash64Table(capacity: tokens.count)
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
        for text in tokens {
            let id = intern(text)
            tokenForTextHash.insertIfAbsent(Self.hash(text), UInt64(id))
        }
        for byte in 0..<256 {
            let utf8 = ByteLevelAlphabet.utf8ForByte[byte]
            symbolForByte[byte] = intern(utf8)
            alphabetLengths[byte] = utf8.count
            for (offset, unit) in utf8.enumerated() { alphabetBytes[2 * byte + offset] = unit }
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

    /// FNV-1a of some bytes, kept clear of the table's empty marker.
    private static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return min(hash, UInt64.max - 1)
    }

    /// The token whose text is the whole word written in the byte-level alphabet, if there is one.
    func tokenForWholeWord(_ word: UnsafeBufferPointer<UInt8>) -> Int32? {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        var length = 0
        for byte in word {
            let index = Int(byte)
            for offset in 0..<alphabetLengths[index] {
                hash = (hash ^ UInt64(alphabetBytes[2 * index + offset])) &* 0x100_0000_01B3
            }
            length += alphabetLengths[index]
        }
        guard let found = tokenForTextHash.lookup(min(hash, UInt64.max - 1)) else { return nil }
        // A hash match is checked byte by byte, so a collision never picks the wrong token; a token whose
        // hash another token already has (odds near 1e-10 for 250k tokens) would be merged instead.
        let text = texts[Int(found)]
        guard text.count == length else { return nil }
        var position = 0
        for byte in word {
            let index = Int(byte)
            for offset in 0..<alphabetLengths[index] {
                if text[position] != alphabetBytes[2 * index + offset] { return nil }
                position += 1
            }
        }
        return Int32(found)
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
