// Key decoding with the real ncurses key codes, and typed lines in line mode.
import Testing
import TUI

@Suite("Key decoding")
struct KeyDecoderTests {
    let decoder = KeyDecoder()

    @Test("function keys decode from ncurses' KEY_* codes")
    func functionKeys() {
        // ncurses' values (octal in curses.h): KEY_DOWN 0402, KEY_UP 0403, KEY_LEFT 0404, KEY_RIGHT 0405,
        // KEY_HOME 0406, KEY_BACKSPACE 0407, KEY_F(1) 0411, KEY_NPAGE 0522, KEY_PPAGE 0523,
        // KEY_ENTER 0527, KEY_BTAB 0541, KEY_END 0550, KEY_RESIZE 0632.
        let expected: [(UInt32, DecodedInput)] = [
            (0o403, .key(.up)), (0o402, .key(.down)), (0o404, .key(.left)), (0o405, .key(.right)),
            (0o406, .key(.home)), (0o550, .key(.end)), (0o523, .key(.pageUp)), (0o522, .key(.pageDown)),
            (0o411, .key(.f1)), (0o527, .key(.enter)), (0o407, .key(.backspace)), (0o541, .key(.backTab)),
            (0o632, .resized),
        ]
        for (code, input) in expected {
            #expect(decoder.decode(code, isFunctionKey: true) == input, "code \(code)")
        }
        #expect(decoder.decode(0o412, isFunctionKey: true) == .ignored)
    }

    @Test("control characters decode to Enter, ESC, Tab, Backspace and Ctrl-C")
    func controlCharacters() {
        #expect(decoder.decode(13, isFunctionKey: false) == .key(.enter))
        #expect(decoder.decode(10, isFunctionKey: false) == .key(.enter))
        #expect(decoder.decode(27, isFunctionKey: false) == .key(.escape))
        #expect(decoder.decode(9, isFunctionKey: false) == .key(.tab))
        #expect(decoder.decode(127, isFunctionKey: false) == .key(.backspace))
        #expect(decoder.decode(3, isFunctionKey: false) == .interrupt)
        #expect(decoder.decode(1, isFunctionKey: false) == .ignored)
    }

    @Test("printable characters, including non-ASCII ones, decode as themselves")
    func characters() {
        #expect(decoder.decode(UInt32(UInt8(ascii: "?")), isFunctionKey: false) == .key(.character("?")))
        #expect(decoder.decode(UInt32(UInt8(ascii: "q")), isFunctionKey: false) == .key(.character("q")))
        #expect(decoder.decode(0xE9, isFunctionKey: false) == .key(.character("é")))
        #expect(decoder.decode(0xD800, isFunctionKey: false) == .ignored)
    }

    @Test("F1 and ? ask for help; other keys do not")
    func help() {
        #expect(Key.f1.asksForHelp)
        #expect(Key.character("?").asksForHelp)
        #expect(!Key.character("h").asksForHelp)
    }

    @Test("typed lines become the keys line mode cannot press")
    func typedLines() {
        #expect(LineTerminal.keys(forLine: "") == [.enter])
        #expect(LineTerminal.keys(forLine: " 2 ") == [.character("2")])
        #expect(LineTerminal.keys(forLine: "B") == [.escape])
        #expect(LineTerminal.keys(forLine: "back") == [.escape])
        #expect(LineTerminal.keys(forLine: "help") == [.character("?")])
        #expect(LineTerminal.keys(forLine: "quit") == [.character("q")])
        #expect(LineTerminal.keys(forLine: "yes") == [.character("y")])
        // A number past 9 picks its line as the arrows do: first line, down to it, Enter.
        #expect(LineTerminal.keys(forLine: "12") == [.home] + Array(repeating: .down, count: 11) + [.enter])
        #expect(LineTerminal.keys(forLine: "1x") == [.character("1"), .character("x")])
    }
}

@Suite("Line mode printing")
struct LineModePrintingTests {
    @Test("a new screen is printed whole after a blank line; the same screen prints only what changed")
    func continuation() {
        #expect(LineTerminal.printable("Title\nA", after: nil) == "Title\nA\n")
        #expect(LineTerminal.printable("Other\nA", after: "Title\nA") == "\nOther\nA\n")
        #expect(LineTerminal.printable("Title\nA\nB", after: "Title\nA") == "B\n")
        #expect(LineTerminal.printable("Title\nA\nC\nD", after: "Title\nA\nB") == "C\nD\n")
        #expect(LineTerminal.printable("Title\nA", after: "Title\nA\nB") == nil)
    }
}
