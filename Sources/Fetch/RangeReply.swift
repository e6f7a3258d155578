// What to do with the server's answer to a (possibly ranged) GET, decided from its status and
// headers alone, so every case — 206, 200 instead of 206, 416, a wrong Content-Range — is tested
// without a network.

enum RangeReply: Equatable {
    /// Append the body to the partial file, which keeps its `offset` bytes.
    case append(offset: Int64, total: Int64?)
    /// The server sends the whole file: empty the partial and write from byte 0.
    case startOver(total: Int64?)
    /// 416 for a partial that already holds the whole file: go straight to verification.
    case alreadyComplete
    /// A 206 for the wrong bytes, or a 416 that does not fit what we have: the body is not the
    /// file; throw the partial away (the part we have may be from another version) and ask again.
    case discardAndRetry
    /// 429/503 and other 5xx: wait (the server's `Retry-After` if given) and try again.
    case retryLater(retryAfter: String?)
    case fail(status: Int)

    /// `requestedOffset` is the length of the partial file when the request was sent (0: no Range).
    static func decide(status: Int, contentRange: String?, contentLength: Int64?, retryAfter: String?, requestedOffset: Int64)
        -> RangeReply
    {
        switch status {
        case 200:
            return .startOver(total: contentLength)
        case 206:
            guard let range = ContentRange.parse(contentRange), range.start == requestedOffset else {
                return .discardAndRetry
            }
            return .append(offset: requestedOffset, total: range.total)
        case 416:
            if let total = ContentRange.unsatisfiedTotal(contentRange), total == requestedOffset, total > 0 {
                return .alreadyComplete
            }
            return .discardAndRetry
        case 408, 429, 500...599:
            return .retryLater(retryAfter: retryAfter)
        default:
            return .fail(status: status)
        }
    }
}

/// `Content-Range: bytes START-END/TOTAL` (TOTAL may be `*`), and `bytes */TOTAL` on a 416.
struct ContentRange: Equatable {
    let start: Int64
    let end: Int64
    let total: Int64?

    static func parse(_ header: String?) -> ContentRange? {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let spec = header.dropFirst("bytes ".count)
        let halves = spec.split(separator: "/", maxSplits: 1)
        guard halves.count == 2 else { return nil }
        let bounds = halves[0].split(separator: "-", maxSplits: 1)
        guard bounds.count == 2, let start = Int64(bounds[0]), let end = Int64(bounds[1]), start >= 0, end >= start
        else { return nil }
        let total = halves[1] == "*" ? nil : Int64(halves[1])
        if halves[1] != "*" {
            guard let total, total > end else { return nil }
        }
        return ContentRange(start: start, end: end, total: total)
    }

    static func unsatisfiedTotal(_ header: String?) -> Int64? {
        guard let header, header.hasPrefix("bytes */") else { return nil }
        return Int64(header.dropFirst("bytes */".count))
    }
}
