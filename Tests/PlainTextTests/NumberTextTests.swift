// The one formatter for numbers and byte counts, as the engine's errors, progress bars, probe facts
// and doctor findings print them.
import PlainText
import Testing

@Suite("Numbers and byte counts")
struct NumberTextTests {
    @Test("integers get thousands separators, negatives keep their sign")
    func grouped() {
        #expect(NumberText.grouped(91_234_560) == "91,234,560")
        #expect(NumberText.grouped(-1234) == "-1,234")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(UInt64.max) == "18,446,744,073,709,551,615")
    }

    @Test("decimal sizes: bytes under 1000, then one decimal; never 1000.0 of a unit")
    func decimal() {
        #expect(NumberText.bytes(999) == "999 bytes")
        #expect(NumberText.bytes(-5) == "0 bytes")
        #expect(NumberText.bytes(1000) == "1.0 kB")
        #expect(NumberText.bytes(88_100_000) == "88.1 MB")
        #expect(NumberText.bytes(999_960) == "1.0 MB")
        #expect(NumberText.bytes(1_234_567_890) == "1.2 GB")
        #expect(NumberText.bytes(Int64.max) == "9.2 EB")
    }

    @Test("binary sizes: B under 1024, then KiB to TiB with one decimal, ties to even like printf")
    func binary() {
        #expect(NumberText.binaryBytes(512) == "512 B")
        #expect(NumberText.binaryBytes(1024) == "1.0 KiB")
        #expect(NumberText.binaryBytes(12 << 30) == "12.0 GiB")
        #expect(NumberText.binaryBytes((1 << 20) - 10) == "1.0 MiB")
        // 7.25 GiB is exact in binary: "%.1f" prints 7.2, and so does this.
        #expect(NumberText.binaryBytes(29 << 28) == "7.2 GiB")
        #expect(NumberText.binaryBytes(5 << 40) == "5.0 TiB")
    }

    @Test("a fixed unit writes every size in it, small or large")
    func fixedUnit() {
        #expect(NumberText.binaryBytes(1 << 29, unit: .gibibytes) == "0.5 GiB")
        #expect(NumberText.binaryBytes(2 << 40, unit: .gibibytes) == "2048.0 GiB")
        #expect(NumberText.binaryBytes(0, unit: .gibibytes) == "0.0 GiB")
        #expect(NumberText.binaryBytes(3 << 20, unit: .mebibytes) == "3.0 MiB")
    }
}

@Suite("Shell quoting and marks")
struct ShellQuoteAndMarksTests {
    @Test("words are quoted only when a shell would split or expand them")
    func quoting() {
        #expect(ShellQuote.quote("modprobe") == "modprobe")
        #expect(ShellQuote.quote("exit 3") == "'exit 3'")
        #expect(ShellQuote.quote("it's") == "'it'\\''s'")
        #expect(ShellQuote.quote("") == "''")
        #expect(ShellQuote.line(["sh", "-c", "kill -TERM $$"]) == "sh -c 'kill -TERM $$'")
    }

    @Test("report marks: Unicode with brackets for areas, ASCII words where a terminal cannot draw them")
    func marks() {
        #expect(Glyphs.unicode.areaMarks.failure == "[✗]")
        #expect(Glyphs.ascii.areaMarks.failure == "[XX]")
        #expect(Glyphs.unicode.findingMarks.info == "•")
        #expect(Glyphs.ascii.findingMarks.ok == "+")
        let ascii = [Glyphs.ascii.areaMarks, Glyphs.ascii.findingMarks].flatMap { [$0.ok, $0.info, $0.warning, $0.failure] }
        #expect(ascii.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }
}

@Suite("Word wrapping")
struct TextWrapTests {
    @Test("printed text keeps a word longer than the line whole, so a URL copies in one piece")
    func longWordsWhole() {
        let url = "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html"
        let lines = TextWrap.lines("install it (\(url)), then:", width: 40, splittingLongWords: false)
        #expect(lines == ["install it", "(\(url)),", "then:"])
        #expect(TextWrap.lines("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
    }
}
