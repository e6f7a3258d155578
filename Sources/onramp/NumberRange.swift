// The accepted values of one numeric option and the sentence that says them. Options parse
// their text through `parse`, so "-n -5" or "-n 99999999999999999999" get the range in the
// message instead of "Missing value" or a bare "invalid", and no later arithmetic can overflow.
import ArgumentParser

struct NumberRange<Value: Comparable & LosslessStringConvertible & Sendable>: Sendable {
    /// The option as the user types it ("-n", "--top-p").
    let option: String
    let lowest: Value
    let highest: Value
    /// False when the lowest value itself is refused (a time limit of 0 seconds, a top-p of 0).
    let includesLowest: Bool
    /// "tokens", "seconds", or "" for a plain number.
    let unit: String

    init(_ option: String, _ range: ClosedRange<Value>, unit: String = "") {
        self.option = option
        lowest = range.lowerBound
        highest = range.upperBound
        includesLowest = true
        self.unit = unit
    }

    init(_ option: String, moreThan lowest: Value, atMost highest: Value, unit: String = "") {
        self.option = option
        self.lowest = lowest
        self.highest = highest
        includesLowest = false
        self.unit = unit
    }

    func contains(_ value: Value) -> Bool {
        (includesLowest ? value >= lowest : value > lowest) && value <= highest
    }

    /// "-n must be a whole number between 0 and 1000000 (tokens)."
    var rule: String {
        let kind = Value.self is any BinaryInteger.Type ? "a whole number" : "a number"
        let bounds = includesLowest
            ? "between \(Self.text(lowest)) and \(Self.text(highest))"
            : "more than \(Self.text(lowest)) and at most \(Self.text(highest))"
        return "\(option) must be \(kind) \(bounds)\(unit.isEmpty ? "" : " (\(unit))")."
    }

    /// The option's help with its accepted values: "Threads to compute with (1 to 512).".
    func help(_ abstract: String, valueName: String? = nil) -> ArgumentHelp {
        ArgumentHelp(Self.sentence(abstract, adding: bounds), valueName: valueName)
    }

    /// "0 to 1000000" or "more than 0, at most 600".
    var bounds: String {
        includesLowest ? "\(Self.text(lowest)) to \(Self.text(highest))" : "more than \(Self.text(lowest)), at most \(Self.text(highest))"
    }

    /// The value of `text`, or a usage error that states the rule; NaN fails every comparison
    /// and infinity is above every highest value, so neither gets through.
    func parse(_ text: String) throws -> Value {
        guard let value = Value(text), contains(value) else { throw ValidationError(rule) }
        return value
    }

    /// "Threads to compute with." and "1 to 512" make "Threads to compute with (1 to 512)."
    static func sentence(_ abstract: String, adding detail: String) -> String {
        let stem = abstract.hasSuffix(".") ? String(abstract.dropLast()) : abstract
        return "\(stem) (\(detail))."
    }

    /// 600 rather than 600.0: the bounds are written as people type them.
    static func text(_ value: Value) -> String {
        let written = String(describing: value)
        return written.hasSuffix(".0") ? String(written.dropLast(2)) : written
    }
}

/// A numeric option with a value used when it is not given, shown in its help; transforms hide
/// argument-parser's own "(default: …)", so the default is written here, once.
struct DefaultedNumber<Value: Comparable & LosslessStringConvertible & Sendable>: Sendable {
    let range: NumberRange<Value>
    let defaultValue: Value

    init(_ range: NumberRange<Value>, default defaultValue: Value) {
        self.range = range
        self.defaultValue = defaultValue
    }

    func help(_ abstract: String, valueName: String? = nil) -> ArgumentHelp {
        let added = "\(range.bounds); default: \(NumberRange<Value>.text(defaultValue))"
        return ArgumentHelp(NumberRange<Value>.sentence(abstract, adding: added), valueName: valueName)
    }

    /// For a sampling option, whose value when not given is the model file's recommendation first.
    func helpAfterModel(_ abstract: String) -> ArgumentHelp {
        let added = "\(range.bounds); default: the model file's recommendation, else \(NumberRange<Value>.text(defaultValue))"
        return ArgumentHelp(NumberRange<Value>.sentence(abstract, adding: added))
    }

    func parse(_ text: String) throws -> Value {
        try range.parse(text)
    }
}
