// Builds small GGUF images in memory for tests that need one specific value or layout.

struct GGUFTestImage {
    var version: UInt32 = 3
    var entries: [[UInt8]] = []
    var tensors: [(name: String, shape: [Int64], type: UInt32, offset: UInt64)] = []
    var dataBytes = 0
    var alignment = 32

    mutating func add(_ key: String, type: UInt32, payload: [UInt8]) {
        entries.append(Self.text(key) + Self.little(type) + payload)
    }

    mutating func add(_ key: String, u32 value: UInt32) { add(key, type: 4, payload: Self.little(value)) }
    mutating func add(_ key: String, i8 value: Int8) { add(key, type: 1, payload: Self.little(value)) }
    mutating func add(_ key: String, u64 value: UInt64) { add(key, type: 10, payload: Self.little(value)) }
    mutating func add(_ key: String, i64 value: Int64) { add(key, type: 11, payload: Self.little(value)) }
    mutating func add(_ key: String, f64 value: Double) { add(key, type: 12, payload: Self.little(value.bitPattern)) }
    mutating func add(_ key: String, bool value: Bool) { add(key, type: 7, payload: [value ? 1 : 0]) }
    mutating func add(_ key: String, string value: String) { add(key, type: 8, payload: Self.text(value)) }
    mutating func add(_ key: String, u16s values: [UInt16]) {
        add(key, type: 9, payload: Self.little(UInt32(2)) + Self.little(UInt64(values.count)) + values.flatMap(Self.little))
    }
    mutating func add(_ key: String, f64s values: [Double]) {
        add(key, type: 9, payload: Self.little(UInt32(12)) + Self.little(UInt64(values.count)) + values.flatMap { Self.little($0.bitPattern) })
    }
    mutating func add(_ key: String, u64s values: [UInt64]) {
        add(key, type: 9, payload: Self.little(UInt32(10)) + Self.little(UInt64(values.count)) + values.flatMap(Self.little))
    }

    var bytes: [UInt8] {
        var out = Array("GGUF".utf8) + Self.little(version)
        out += Self.little(UInt64(tensors.count)) + Self.little(UInt64(entries.count))
        out += entries.flatMap { $0 }
        for tensor in tensors {
            out += Self.text(tensor.name) + Self.little(UInt32(tensor.shape.count))
            out += tensor.shape.flatMap(Self.little) + Self.little(tensor.type) + Self.little(tensor.offset)
        }
        if !tensors.isEmpty {
            out += [UInt8](repeating: 0, count: (alignment - out.count % alignment) % alignment)
        }
        return out + (0..<dataBytes).map { UInt8(truncatingIfNeeded: $0) }
    }

    static func little<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    static func text(_ value: String) -> [UInt8] {
        little(UInt64(value.utf8.count)) + Array(value.utf8)
    }
}
