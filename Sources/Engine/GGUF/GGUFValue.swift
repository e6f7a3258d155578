// One metadata value from a GGUF file. Arrays are stored typed (not as [GGUFValue]) so a
// 262k-entry token list costs one array of strings, not 262k enum boxes.

enum GGUFValue: Sendable, Equatable {
    case uint8(UInt8)
    case int8(Int8)
    case uint16(UInt16)
    case int16(Int16)
    case uint32(UInt32)
    case int32(Int32)
    case uint64(UInt64)
    case int64(Int64)
    case float32(Float)
    case float64(Double)
    case bool(Bool)
    case string(String)
    case array(GGUFArray)

    /// The type's name as GGUF tools print it, for messages ("u32", "str", "arr[str]").
    var typeName: String {
        switch self {
        case .uint8: return "u8"
        case .int8: return "i8"
        case .uint16: return "u16"
        case .int16: return "i16"
        case .uint32: return "u32"
        case .int32: return "i32"
        case .uint64: return "u64"
        case .int64: return "i64"
        case .float32: return "f32"
        case .float64: return "f64"
        case .bool: return "bool"
        case .string: return "str"
        case .array(let array): return "arr[\(array.elementTypeName)]"
        }
    }
}

/// A metadata array: all elements share one type, as in the file.
enum GGUFArray: Sendable, Equatable {
    case uint8([UInt8])
    case int8([Int8])
    case uint16([UInt16])
    case int16([Int16])
    case uint32([UInt32])
    case int32([Int32])
    case uint64([UInt64])
    case int64([Int64])
    case float32([Float])
    case float64([Double])
    case bool([Bool])
    case string([String])

    var count: Int { summary.count }

    var elementTypeName: String { summary.elementTypeName }

    /// Both facts from one switch, so the list of cases is written once.
    private var summary: (count: Int, elementTypeName: String) {
        switch self {
        case .uint8(let a): return (a.count, "u8")
        case .int8(let a): return (a.count, "i8")
        case .uint16(let a): return (a.count, "u16")
        case .int16(let a): return (a.count, "i16")
        case .uint32(let a): return (a.count, "u32")
        case .int32(let a): return (a.count, "i32")
        case .uint64(let a): return (a.count, "u64")
        case .int64(let a): return (a.count, "i64")
        case .float32(let a): return (a.count, "f32")
        case .float64(let a): return (a.count, "f64")
        case .bool(let a): return (a.count, "bool")
        case .string(let a): return (a.count, "str")
        }
    }
}

/// Value type ids as written in the file (`enum gguf_type`).
enum GGUFValueType: UInt32 {
    case uint8 = 0, int8 = 1, uint16 = 2, int16 = 3, uint32 = 4, int32 = 5, float32 = 6
    case bool = 7, string = 8, array = 9, uint64 = 10, int64 = 11, float64 = 12

    /// The fewest bytes one value of this type takes in the file; bounds counts before allocating.
    var minimumEncodedSize: Int {
        switch self {
        case .uint8, .int8, .bool: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64, .string: return 8
        case .array: return 4 + 8
        }
    }
}
