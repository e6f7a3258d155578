// A progress bar with percentage, amount done, rate and time left, for downloads and long checks.

public struct ProgressBar: Sendable {
    public var done: Int64
    /// Nil when the total is unknown (a server that sends no length): no bar, no estimate.
    public var total: Int64?
    public var bytesPerSecond: Double?

    public init(done: Int64, total: Int64?, bytesPerSecond: Double? = nil) {
        self.done = max(0, done)
        self.total = total.map { max(0, $0) }
        self.bytesPerSecond = bytesPerSecond
    }

    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return min(1, Double(done) / Double(total))
    }

    public var secondsLeft: Double? {
        guard let total, let rate = bytesPerSecond, rate > 0 else { return nil }
        return Double(max(0, total - done)) / rate
    }

    /// "1.2 GB of 2.9 GB · 12.3 MB/s · about 2 min 10 s left"
    public func summary(glyphs: Glyphs) -> String {
        var parts = [total.map { "\(NumberText.bytes(done)) of \(NumberText.bytes($0))" } ?? NumberText.bytes(done)]
        if let rate = bytesPerSecond {
            parts.append(Quantities.rate(bytesPerSecond: rate))
        }
        if let left = secondsLeft {
            parts.append("about \(Quantities.duration(seconds: left)) left")
        } else if total != nil, done < (total ?? 0) {
            parts.append("estimating time left")
        }
        return parts.joined(separator: glyphs.separator)
    }

    /// Two rows: the bar with its percentage, then the summary.
    public func draw(into frame: inout Frame, in rect: Rect, glyphs: Glyphs) {
        guard !rect.isEmpty else { return }
        if let fraction {
            let percent = " \(Int((fraction * 100).rounded(.down)))%"
            let barWidth = max(0, rect.width - percent.count - 2)
            let filled = Int((Double(barWidth) * fraction).rounded(.down))
            frame.put("[", at: Point(x: rect.x, y: rect.y))
            frame.put(String(repeating: glyphs.barFilled, count: filled), at: Point(x: rect.x + 1, y: rect.y), style: .tone(.accent))
            frame.put(String(repeating: glyphs.barEmpty, count: barWidth - filled), at: Point(x: rect.x + 1 + filled, y: rect.y), style: .dim)
            frame.put("]" + percent, at: Point(x: rect.x + 1 + barWidth, y: rect.y), clip: rect)
        }
        guard rect.height > 1 else { return }
        let text = Frame.truncate(summary(glyphs: glyphs), to: rect.width, ellipsis: glyphs.ellipsis)
        frame.put(text, at: Point(x: rect.x, y: rect.y + 1))
    }
}
