// How long to wait before the next attempt: the server's Retry-After when it gives one (capped),
// otherwise capped exponential backoff; and when to give up.

import Foundation

struct RetryPolicy {
    let base: Duration
    let cap: Duration
    let retryAfterCap: Duration
    let maxAttempts: Int

    /// `failures` counts attempts in a row that made no progress (1 after the first failure).
    func delay(failures: Int, retryAfter: String?, now: Date = Date()) -> Duration? {
        guard failures < maxAttempts else { return nil }
        if let retryAfter, let wait = Self.parseRetryAfter(retryAfter, now: now) {
            return min(wait, retryAfterCap)
        }
        let factor = 1 << min(failures - 1, 20)
        return min(base * factor, cap)
    }

    /// `Retry-After` is either seconds or an HTTP date (RFC 9110 §10.2.3).
    static func parseRetryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(max(0, Int((date.timeIntervalSince(now) * 1000).rounded())))
    }
}
