// Wall-clock seconds for the report's durations, and number formatting for its sentences.
import Foundation

enum Clock {
    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }
    static func since(_ start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

enum Format {
    /// 3.2e-14, 0.0012, 12.4: short, and exact enough to compare with a limit.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "not a number" }
        if x != 0, abs(x) < 1e-3 || abs(x) >= 1e6 { return String(format: "%.2g", x) }
        return String(format: "%.4g", x)
    }
}
