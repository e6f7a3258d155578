// Every widget drawn at the smallest supported size (60×16) and a common one (80×24), against golden text.
import Testing
import TUI

/// One scene per widget, each drawn the way a screen would use it.
enum WidgetGallery {
    static let names = [
        "title-bar", "paragraph", "selection-list", "checklist-unicode", "checklist-ascii",
        "progress-bar", "key-hints", "dialog", "text-viewer", "size-notice",
    ]

    static let loremish = """
        Onramp checks this computer, suggests a model that fits it, downloads the model and proves \
        that it runs. Nothing is installed, changed or sent anywhere without asking you first.

        A second paragraph follows a blank line, and averyveryveryverylongwordthatcannotfitonalineofitsownatall is split.
        """

    static func frame(_ name: String, size: Size) -> Frame {
        var frame = Frame(size: size)
        let glyphs = Glyphs.unicode
        let body = Rect(size: size).inset(dx: 2, dy: 2)
        switch name {
        case "title-bar":
            TitleBar("Set up: Scan this computer", detail: "Step 1 of 6").draw(into: &frame, row: 0, glyphs: glyphs)
            TitleBar(String(repeating: "A very long title ", count: 6), detail: "Step 6 of 6").draw(into: &frame, row: 2, glyphs: glyphs)
        case "paragraph":
            Paragraph(loremish).draw(into: &frame, in: body)
        case "selection-list":
            let items = (1...20).map { SelectionList.Item("Model \($0)", detail: "needs \($0 * 3) GB", enabled: $0 % 4 != 0) }
            SelectionList(items, selected: 14).draw(into: &frame, in: Rect(x: 2, y: 2, width: size.width - 4, height: 8), glyphs: glyphs)
        case "checklist-unicode", "checklist-ascii":
            let marks = name.hasSuffix("ascii") ? Glyphs.ascii : glyphs
            let rows = [
                ChecklistRow(.ok, "Memory", detail: "15.6 GB, 11.2 GB free"),
                ChecklistRow(.warning, "Disk space", detail: "9.8 GB free where models go; the largest model needs 12 GB", highlighted: true),
                ChecklistRow(.failure, "NVIDIA driver", detail: "the kernel module and the library disagree (550.54 vs 535.129)"),
                ChecklistRow(.pending, "Graphics memory"),
                ChecklistRow(.running, "Processor features"),
            ]
            for (index, row) in rows.enumerated() {
                row.draw(into: &frame, at: Point(x: 2, y: 2 + index), width: size.width - 4, glyphs: marks)
            }
        case "progress-bar":
            ProgressBar(done: 1_234_567_890, total: 2_900_000_000, bytesPerSecond: 12_300_000)
                .draw(into: &frame, in: Rect(x: 2, y: 2, width: size.width - 4, height: 2), glyphs: glyphs)
            ProgressBar(done: 0, total: 2_900_000_000).draw(into: &frame, in: Rect(x: 2, y: 5, width: size.width - 4, height: 2), glyphs: .ascii)
            ProgressBar(done: 52_000_000, total: nil, bytesPerSecond: 1_000_000)
                .draw(into: &frame, in: Rect(x: 2, y: 8, width: size.width - 4, height: 2), glyphs: glyphs)
        case "key-hints":
            let hints: [KeyHints.Hint] = [
                .init("↑↓", "Move"), .init("Enter", "Choose"), .init("?", "Help"), .init("Esc", "Back"),
                .init("q", "Quit"), .init("p", "Pause download"), .init("r", "Retry"),
            ]
            KeyHints(hints).draw(into: &frame, row: size.height - 1, glyphs: glyphs)
        case "dialog":
            Paragraph(loremish).draw(into: &frame, in: body)
            Dialog(title: "Quit Onramp?", message: "The download will stop. It can resume later from where it stopped.",
                   buttons: ["Stay", "Quit"], selected: 1).draw(into: &frame, in: Rect(size: size), glyphs: glyphs)
        case "text-viewer":
            let text = (1...40).map { "Line \($0) of the evidence behind a finding." }.joined(separator: "\n")
            TextViewer(text, offset: 5).draw(into: &frame, in: body, glyphs: glyphs)
        case "size-notice":
            frame = SizeNotice(minimum: Size(width: 60, height: 16)).frame(size: size, glyphs: glyphs)
        default:
            break
        }
        return frame
    }
}

@Suite("Widgets draw as their golden frames")
struct WidgetGoldenTests {
    @Test("each widget at 80×24 matches its golden text", arguments: WidgetGallery.names)
    func standardSize(name: String) throws {
        try GoldenFile.check(WidgetGallery.frame(name, size: Size(width: 80, height: 24)), named: "\(name)-80x24")
    }

    @Test("each widget at the 60×16 minimum matches its golden text", arguments: WidgetGallery.names)
    func minimumSize(name: String) throws {
        try GoldenFile.check(WidgetGallery.frame(name, size: Size(width: 60, height: 16)), named: "\(name)-60x16")
    }

    @Test("the too-small notice fits a 40×10 terminal")
    func tinyNotice() throws {
        let frame = SizeNotice(minimum: Size(width: 60, height: 16)).frame(size: Size(width: 40, height: 10), glyphs: .ascii)
        try GoldenFile.check(frame, named: "size-notice-ascii-40x10")
        #expect(frame.text.contains("Please make this window at least 60x16"))
    }
}
