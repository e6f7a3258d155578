// Turns what ncurses' wget_wch returns (a character, or a KEY_* code) into Onramp's input events.
import CNcurses

/// What one read from the keyboard means.
public enum DecodedInput: Hashable, Sendable {
    case key(Key)
    case resized
    /// Ctrl-C as a byte, for terminals left in raw mode; normally it arrives as SIGINT.
    case interrupt
    /// Something Onramp has no use for (mouse reports, unknown function keys); ignored.
    case ignored
}

/// The numeric key codes of the ncurses build in use. They are C macros, so they are read through
/// the shim once; tests build their own table to check decoding without a terminal.
public struct KeyCodes: Sendable {
    public var up, down, left, right, enter, backspace, home, end, pageUp, pageDown, backTab, f1, resize: UInt32

    public static let ncurses = KeyCodes(
        up: code(onramp_key_up()), down: code(onramp_key_down()), left: code(onramp_key_left()),
        right: code(onramp_key_right()), enter: code(onramp_key_enter()),
        backspace: code(onramp_key_backspace()), home: code(onramp_key_home()), end: code(onramp_key_end()),
        pageUp: code(onramp_key_page_up()), pageDown: code(onramp_key_page_down()),
        backTab: code(onramp_key_back_tab()), f1: code(onramp_key_f1()), resize: code(onramp_key_resize())
    )

    private static func code(_ value: Int32) -> UInt32 { UInt32(truncatingIfNeeded: value) }
}

public struct KeyDecoder: Sendable {
    public var codes: KeyCodes

    public init(codes: KeyCodes = .ncurses) {
        self.codes = codes
    }

    /// `isFunctionKey` is true when wget_wch returned KEY_CODE_YES, i.e. `value` is a KEY_* code
    /// rather than a character.
    public func decode(_ value: UInt32, isFunctionKey: Bool) -> DecodedInput {
        isFunctionKey ? decodeFunctionKey(value) : decodeCharacter(value)
    }

    private func decodeFunctionKey(_ value: UInt32) -> DecodedInput {
        let table: [UInt32: Key] = [
            codes.up: .up, codes.down: .down, codes.left: .left, codes.right: .right,
            codes.enter: .enter, codes.backspace: .backspace, codes.home: .home, codes.end: .end,
            codes.pageUp: .pageUp, codes.pageDown: .pageDown, codes.backTab: .backTab, codes.f1: .f1,
        ]
        if value == codes.resize { return .resized }
        if let key = table[value] { return .key(key) }
        return .ignored
    }

    private func decodeCharacter(_ value: UInt32) -> DecodedInput {
        switch value {
        case 3: return .interrupt
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 0..<32: return .ignored
        default:
            guard let scalar = Unicode.Scalar(value) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }
}
