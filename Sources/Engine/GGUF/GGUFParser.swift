// Reads and validates the structure of a GGUF file (header, metadata, tensor infos) from its
// bytes, with the checks llama.cpp's loader makes: nothing is trusted until it fits the file.

/// Everything about a GGUF file except the tensor bytes themselves.
struct GGUFLayout: Sendable {
    var version: UInt32
    var alignment: Int
    var metadata: GGUFMetadata
    var tensors: [GGUFTensorInfo]
    /// Where the tensor data section begins; tensor offsets in the file are relative to it.
    var dataOffset: Int
}

enum GGUFParser {
    static let supportedVersions: ClosedRange<UInt32> = 2...3
    static let defaultAlignment = 32
    /// ggml keeps tensor names in a 64-byte buffer including the terminating zero.
    static let maximumNameBytes = 63
    static let maximumDimensions = 4
    /// The smallest possible metadata entry: key length, a 1-byte key, type, a 1-byte value.
    static let minimumEntryBytes = 8 + 1 + 4 + 1
    /// The smallest possible tensor info: name length, a 1-byte name, dimension count, type, offset.
    static let minimumTensorInfoBytes = 8 + 1 + 4 + 4 + 8
    /// Counts in the file are claims: storage is reserved only up to this many elements and
    /// otherwise grows with what is actually read, so a false count cannot force a large allocation.
    static let reservationLimit = 1 << 16

    static func reservation(_ count: Int) -> Int { min(count, reservationLimit) }

    static func parse(_ bytes: UnsafeRawBufferPointer, fileName: String) throws(GGUFError) -> GGUFLayout {
        var reader = GGUFByteReader(bytes: bytes, fileName: fileName)
        try checkMagic(bytes, fileName: fileName)
        reader.skip(to: 4)
        let version = try readVersion(&reader)
        let tensorCount = try readCount(&reader, what: "tensors", minimumBytesEach: minimumTensorInfoBytes)
        let entryCount = try readCount(&reader, what: "metadata entries", minimumBytesEach: minimumEntryBytes)
        let boundedTogether = tensorCount.multipliedReportingOverflow(by: minimumTensorInfoBytes)
        if boundedTogether.overflow || boundedTogether.partialValue > reader.remaining - entryCount * minimumEntryBytes {
            throw GGUFError(.countTooLarge, "\(fileName) says it holds \(ByteCountText.count(entryCount)) metadata entries and \(ByteCountText.count(tensorCount)) tensors, more than its \(ByteCountText.size(bytes.count)) could describe. \(GGUFError.incompleteOrDamagedAdvice)")
        }

        var entries: [(String, GGUFValue)] = []
        entries.reserveCapacity(reservation(entryCount))
        var seenKeys = Set<String>(minimumCapacity: reservation(entryCount))
        for entryNumber in 0..<entryCount {
            let (key, value) = try readEntry(&reader, number: entryNumber)
            guard seenKeys.insert(key).inserted else {
                throw GGUFError(.duplicateKey, "\(fileName) lists the setting '\(key)' twice (the second time as entry \(entryNumber + 1)), so it is unclear which one applies. \(GGUFError.damagedAdvice)")
            }
            entries.append((key, value))
        }
        let metadata = GGUFMetadata(entries: entries, fileName: fileName)
        let alignment = try readAlignment(metadata, fileName: fileName)

        var tensors: [PendingTensor] = []
        tensors.reserveCapacity(reservation(tensorCount))
        var seenNames = Set<String>(minimumCapacity: reservation(tensorCount))
        for tensorNumber in 0..<tensorCount {
            let pending = try readTensorInfo(&reader, number: tensorNumber)
            guard seenNames.insert(pending.name).inserted else {
                throw GGUFError(.duplicateTensorName, "\(fileName) lists the tensor '\(pending.name)' twice (the second time as tensor \(tensorNumber + 1)), so it is unclear which one to use. \(GGUFError.damagedAdvice)")
            }
            tensors.append(pending)
        }

        let dataOffset = try dataSectionStart(after: reader.position, alignment: alignment, fileSize: bytes.count, hasTensors: tensorCount > 0, fileName: fileName)
        let placed = try tensors.map { pending throws(GGUFError) in
            try place(pending, dataOffset: dataOffset, alignment: alignment, fileSize: bytes.count, fileName: fileName)
        }
        try checkNoOverlap(placed, fileName: fileName)
        return GGUFLayout(version: version, alignment: alignment, metadata: metadata, tensors: placed, dataOffset: dataOffset)
    }

    // MARK: Header

    private static func checkMagic(_ bytes: UnsafeRawBufferPointer, fileName: String) throws(GGUFError) {
        let magic: [UInt8] = Array("GGUF".utf8)
        if bytes.count >= 4, Array(bytes[0..<4]) == magic { return }
        if bytes.count < 4 {
            throw GGUFError(.truncated, "\(fileName) is only \(bytes.count) bytes long, too short to be a model file. \(GGUFError.incompleteAdvice)")
        }
        throw GGUFError(.notGGUF, "\(fileName) is not a GGUF model file: \(FileFormatGuess.describe(bytes)). Choose a file ending in .gguf (for example from a Hugging Face repository whose name ends in -GGUF).")
    }

    private static func readVersion(_ reader: inout GGUFByteReader) throws(GGUFError) -> UInt32 {
        let version = try reader.integer(UInt32.self, "the format version")
        let fileName = reader.fileName
        if version != 0, version & 0xFFFF == 0 {
            throw GGUFError(.unsupportedVersion, "\(fileName) was written for big-endian computers (its version number reads as \(ByteCountText.count(version)) here), so this computer cannot read it. Download the ordinary (little-endian) GGUF of this model.")
        }
        if version == 1 {
            throw GGUFError(.unsupportedVersion, "\(fileName) uses GGUF version 1, an early format from 2023 that Onramp (like llama.cpp) no longer reads. Download a current GGUF of this model.")
        }
        guard supportedVersions.contains(version) else {
            throw GGUFError(.unsupportedVersion, "\(fileName) uses GGUF version \(ByteCountText.count(version)); Onramp reads versions 2 and 3. \(version == 0 ? GGUFError.damagedAdvice : "Update Onramp, or download a version 3 GGUF of this model.")")
        }
        return version
    }

    private static func readCount(_ reader: inout GGUFByteReader, what: String, minimumBytesEach: Int) throws(GGUFError) -> Int {
        let raw = try reader.integer(UInt64.self, "the number of \(what)")
        let (needed, overflow) = Int(clamping: raw).multipliedReportingOverflow(by: minimumBytesEach)
        guard raw <= UInt64(Int.max), !overflow, needed <= reader.remaining else {
            throw GGUFError(.countTooLarge, "\(reader.fileName) says it holds \(ByteCountText.count(raw)) \(what), but its \(ByteCountText.size(reader.bytes.count)) could not describe that many. \(GGUFError.incompleteOrDamagedAdvice)")
        }
        return Int(raw)
    }

    // MARK: Metadata

    private static func readEntry(_ reader: inout GGUFByteReader, number: Int) throws(GGUFError) -> (String, GGUFValue) {
        let fileName = reader.fileName
        let key = try reader.string("the name of metadata entry \(number + 1)")
        guard !key.isEmpty else {
            throw GGUFError(.emptyKey, "\(fileName): metadata entry \(number + 1) has an empty name. \(GGUFError.damagedAdvice)")
        }
        let type = try readValueType(&reader, key: key)
        return (key, try readValue(&reader, type: type, key: key))
    }

    private static func readValueType(_ reader: inout GGUFByteReader, key: String, inArray: Bool = false) throws(GGUFError) -> GGUFValueType {
        let raw = try reader.integer(UInt32.self, "the type of setting '\(key)'")
        guard let type = GGUFValueType(rawValue: raw), !(inArray && type == .array) else {
            let what = inArray && raw == GGUFValueType.array.rawValue ? "a list of lists, which GGUF readers do not accept" : "value type \(raw), which is not a GGUF type"
            throw GGUFError(.invalidValueType, "\(reader.fileName): setting '\(key)' has \(what). \(GGUFError.damagedAdvice)")
        }
        return type
    }

    private static func readValue(_ reader: inout GGUFByteReader, type: GGUFValueType, key: String) throws(GGUFError) -> GGUFValue {
        let what = "the value of setting '\(key)'"
        switch type {
        case .uint8: return .uint8(try reader.integer(UInt8.self, what))
        case .int8: return .int8(try reader.integer(Int8.self, what))
        case .uint16: return .uint16(try reader.integer(UInt16.self, what))
        case .int16: return .int16(try reader.integer(Int16.self, what))
        case .uint32: return .uint32(try reader.integer(UInt32.self, what))
        case .int32: return .int32(try reader.integer(Int32.self, what))
        case .uint64: return .uint64(try reader.integer(UInt64.self, what))
        case .int64: return .int64(try reader.integer(Int64.self, what))
        case .float32: return .float32(Float(bitPattern: try reader.integer(UInt32.self, what)))
        case .float64: return .float64(Double(bitPattern: try reader.integer(UInt64.self, what)))
        case .bool: return .bool(try reader.integer(UInt8.self, what) != 0)
        case .string: return .string(try reader.string("the text of setting '\(key)'"))
        case .array: return .array(try readArray(&reader, key: key))
        }
    }

    private static func readArray(_ reader: inout GGUFByteReader, key: String) throws(GGUFError) -> GGUFArray {
        let elementType = try readValueType(&reader, key: key, inArray: true)
        let start = reader.position
        let raw = try reader.integer(UInt64.self, "the length of list '\(key)'")
        let size = elementType.minimumEncodedSize
        guard raw <= UInt64(reader.remaining / size) else {
            throw GGUFError(.countTooLarge, "\(reader.fileName): list '\(key)' at byte \(ByteCountText.count(start)) is said to hold \(ByteCountText.count(raw)) items, but only \(ByteCountText.count(reader.remaining)) bytes of the file remain. \(GGUFError.incompleteOrDamagedAdvice)")
        }
        let count = Int(raw)
        switch elementType {
        case .uint8: return .uint8(reader.integers(count, UInt8.self))
        case .int8: return .int8(reader.integers(count, Int8.self))
        case .uint16: return .uint16(reader.integers(count, UInt16.self))
        case .int16: return .int16(reader.integers(count, Int16.self))
        case .uint32: return .uint32(reader.integers(count, UInt32.self))
        case .int32: return .int32(reader.integers(count, Int32.self))
        case .uint64: return .uint64(reader.integers(count, UInt64.self))
        case .int64: return .int64(reader.integers(count, Int64.self))
        case .float32: return .float32(reader.integers(count, UInt32.self).map(Float.init(bitPattern:)))
        case .float64: return .float64(reader.integers(count, UInt64.self).map(Double.init(bitPattern:)))
        case .bool: return .bool(reader.integers(count, UInt8.self).map { $0 != 0 })
        case .string:
            var texts: [String] = []
            texts.reserveCapacity(reservation(count))
            for index in 0..<count {
                texts.append(try reader.string("item \(index + 1) of list '\(key)'"))
            }
            return .string(texts)
        case .array:
            preconditionFailure("nested lists are refused by readValueType")
        }
    }

    private static func readAlignment(_ metadata: GGUFMetadata, fileName: String) throws(GGUFError) -> Int {
        guard let value = metadata["general.alignment"] else { return defaultAlignment }
        guard case .uint32(let alignment) = value else {
            throw GGUFError(.badAlignment, "\(fileName): setting 'general.alignment' should be of type u32 but is \(value.typeName). \(GGUFError.damagedAdvice)")
        }
        guard alignment != 0, alignment & (alignment - 1) == 0 else {
            throw GGUFError(.badAlignment, "\(fileName): the data alignment is \(ByteCountText.count(alignment)), which is not a power of two. \(GGUFError.damagedAdvice)")
        }
        return Int(alignment)
    }

    // MARK: Tensor infos

    /// A tensor as described, before its offset is checked against the file.
    private struct PendingTensor {
        var name: String
        var shape: [Int]
        var type: GGMLType
        var relativeOffset: UInt64
        var byteCount: Int
    }

    private static func readTensorInfo(_ reader: inout GGUFByteReader, number: Int) throws(GGUFError) -> PendingTensor {
        let fileName = reader.fileName
        let name = try reader.string("the name of tensor \(number + 1)")
        guard !name.isEmpty, name.utf8.count <= maximumNameBytes else {
            let problem = name.isEmpty ? "has an empty name" : "has a name \(name.utf8.count) bytes long ('\(name.prefix(40))…'); the limit is \(maximumNameBytes)"
            throw GGUFError(.badTensorName, "\(fileName): tensor \(number + 1) \(problem). \(GGUFError.damagedAdvice)")
        }
        let dimensionCount = try reader.integer(UInt32.self, "the number of dimensions of tensor '\(name)'")
        guard dimensionCount <= UInt32(maximumDimensions) else {
            throw GGUFError(.tooManyDimensions, "\(fileName): tensor '\(name)' has \(ByteCountText.count(dimensionCount)) dimensions; GGUF tensors have at most \(maximumDimensions). \(GGUFError.damagedAdvice)")
        }
        var shape: [Int] = []
        for axis in 0..<Int(dimensionCount) {
            let raw = try reader.integer(Int64.self, "dimension \(axis + 1) of tensor '\(name)'")
            guard raw >= 0 else {
                throw GGUFError(.negativeDimension, "\(fileName): tensor '\(name)' has a negative size (\(ByteCountText.count(raw))) in dimension \(axis + 1). \(GGUFError.damagedAdvice)")
            }
            shape.append(Int(raw))
        }
        // Zero extents are skipped so that a zero cannot hide an overflow in the other
        // dimensions: every partial product (rows, elements) then fits in an Int.
        var magnitude = 1
        for extent in shape where extent > 0 {
            let (product, overflow) = magnitude.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw GGUFError(.tooManyElements, "\(fileName): tensor '\(name)' has shape \(GGUFTensorInfo.text(of: shape)), too many elements to count. \(GGUFError.damagedAdvice)")
            }
            magnitude = product
        }
        let type = try readTensorType(&reader, name: name)
        let rowLength = shape.first ?? 1
        guard rowLength % type.blockSize == 0 else {
            throw GGUFError(.rowNotWholeBlocks, "\(fileName): tensor '\(name)' has rows of \(ByteCountText.count(rowLength)) elements, but its type \(type) stores elements in blocks of \(type.blockSize). \(GGUFError.damagedAdvice)")
        }
        let rows = shape.dropFirst().reduce(1, *)  // cannot overflow: bounded by `magnitude`
        guard let rowBytes = type.byteCount(elements: rowLength) else {
            throw GGUFError(.tooManyElements, "\(fileName): tensor '\(name)' has rows too large to address. \(GGUFError.damagedAdvice)")
        }
        let (byteCount, overflow) = rowBytes.multipliedReportingOverflow(by: rows)
        guard !overflow else {
            throw GGUFError(.tooManyElements, "\(fileName): tensor '\(name)' with shape \(GGUFTensorInfo.text(of: shape)) would need more bytes than any file can hold. \(GGUFError.damagedAdvice)")
        }
        let offset = try reader.integer(UInt64.self, "the data offset of tensor '\(name)'")
        return PendingTensor(name: name, shape: shape, type: type, relativeOffset: offset, byteCount: byteCount)
    }

    private static func readTensorType(_ reader: inout GGUFByteReader, name: String) throws(GGUFError) -> GGMLType {
        let raw = try reader.integer(UInt32.self, "the type of tensor '\(name)'")
        if let type = GGMLType(rawValue: raw) { return type }
        if let known = GGMLType.refusedTypeNames[raw] {
            throw GGUFError(.unsupportedTensorType, "\(reader.fileName): tensor '\(name)' is stored as \(known) (type \(raw)), which Onramp cannot compute with yet. \(GGMLType.computableAdvice)")
        }
        throw GGUFError(.unknownTensorType, "\(reader.fileName): tensor '\(name)' has type number \(ByteCountText.count(raw)), which is not a known tensor type. \(GGUFError.damagedAdvice)")
    }

    // MARK: Data placement

    private static func dataSectionStart(after position: Int, alignment: Int, fileSize: Int, hasTensors: Bool, fileName: String) throws(GGUFError) -> Int {
        guard hasTensors else { return position }
        let padded = (position + alignment - 1) / alignment * alignment
        guard padded <= fileSize else {
            throw GGUFError(.truncated, "\(fileName) ends at byte \(ByteCountText.count(fileSize)), before its tensor data begins (at byte \(ByteCountText.count(padded))). \(GGUFError.incompleteAdvice)")
        }
        return padded
    }

    private static func place(_ pending: PendingTensor, dataOffset: Int, alignment: Int, fileSize: Int, fileName: String) throws(GGUFError) -> GGUFTensorInfo {
        let name = pending.name
        guard pending.relativeOffset % UInt64(alignment) == 0 else {
            throw GGUFError(.misalignedTensorData, "\(fileName): tensor '\(name)' starts at data offset \(ByteCountText.count(pending.relativeOffset)), which is not a multiple of the file's alignment (\(alignment) bytes). \(GGUFError.damagedAdvice)")
        }
        let start = UInt64(dataOffset).addingReportingOverflow(pending.relativeOffset)
        let end = start.partialValue.addingReportingOverflow(UInt64(pending.byteCount))
        guard !start.overflow, !end.overflow, end.partialValue <= UInt64(fileSize) else {
            let beginsInside = !start.overflow && start.partialValue < UInt64(fileSize)
            let absolute = start.overflow ? "beyond any possible position" : "at byte \(ByteCountText.count(start.partialValue))"
            // Data that begins inside the file and runs off its end is the signature of a cut-off download.
            let advice = beginsInside ? GGUFError.incompleteAdvice : GGUFError.incompleteOrDamagedAdvice
            throw GGUFError(.tensorDataPastEnd, "\(fileName): tensor '\(name)' (\(ByteCountText.size(pending.byteCount))) starts \(absolute) and runs past the end of the \(ByteCountText.size(fileSize)) file. \(advice)")
        }
        return GGUFTensorInfo(name: name, shape: pending.shape, type: pending.type, offset: Int(start.partialValue), byteCount: pending.byteCount)
    }

    private static func checkNoOverlap(_ tensors: [GGUFTensorInfo], fileName: String) throws(GGUFError) {
        let byStart = tensors.filter { $0.byteCount > 0 }.sorted { $0.offset < $1.offset }
        for (previous, next) in zip(byStart, byStart.dropFirst()) where next.offset < previous.offset + previous.byteCount {
            throw GGUFError(.overlappingTensors, "\(fileName): the data of tensors '\(previous.name)' and '\(next.name)' overlap (bytes \(ByteCountText.count(next.offset)) to \(ByteCountText.count(min(next.offset + next.byteCount, previous.offset + previous.byteCount)))), so one of them is wrong. \(GGUFError.damagedAdvice)")
        }
    }
}
