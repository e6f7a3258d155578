// Any JSON document with every string redacted: how the report carries the probe's complete facts
// (`MachineFacts`, `onramp probe --json`) without a second copy of their types.

import Foundation

public indirect enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(RedactedText)
    case array([JSONValue])
    /// Keys in sorted order, so redaction numbers values in the same order every time.
    case object([String: JSONValue])

    /// Encodes `value` and redacts every string in it, visiting keys in sorted order.
    static func redacting<Value: Encodable>(_ value: Value, with redaction: inout ReportRedaction) throws -> JSONValue {
        let raw = try JSONDecoder().decode(RawJSON.self, from: try JSONEncoder().encode(value))
        return convert(raw, &redaction)
    }

    private static func convert(_ node: RawJSON, _ redaction: inout ReportRedaction) -> JSONValue {
        switch node {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return .number(value)
        case .string(let text): return .string(redaction.machine(text))
        case .array(let items): return .array(items.map { convert($0, &redaction) })
        case .object(let members):
            var object: [String: JSONValue] = [:]
            for key in members.keys.sorted() { object[key] = convert(members[key]!, &redaction) }
            return .object(object)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(RedactedText.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers (byte counts, core counts) as integers, as the probe writes them.
            if value == value.rounded(), abs(value) < 9.0e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

/// JSON as decoded, before redaction; never leaves this file.
private indirect enum RawJSON: Decodable {
    case null, bool(Bool), number(Double), string(String), array([RawJSON]), object([String: RawJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([RawJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: RawJSON].self))
        }
    }
}
