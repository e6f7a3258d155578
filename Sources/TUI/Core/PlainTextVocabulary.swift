// Glyphs and TextWrap are part of TUI's own vocabulary (every view gets glyphs, every paragraph
// wraps), so `import TUI` brings them; they live in PlainText so the doctor's report shares them.
@_exported import PlainText
