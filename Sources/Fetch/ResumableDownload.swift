// Downloads one file into its partial, hashing as bytes arrive, resuming with Range after any
// interruption (reset, stall, a killed process) and retrying server errors with backoff.
// Returns when the partial holds the whole file; verifying the hash is the caller's job.

import AsyncHTTPClient
import Crypto
import Foundation
import PlainText
import NIOCore

struct ResumableDownload {
    let remote: RemoteFile
    let partial: PartialFile
    let transport: HTTPTransport
    let settings: FetchSettings
    let progress: @Sendable (DownloadProgress) -> Void

    struct Result {
        let sha256: String
        let size: Int64
    }

    func run() async throws -> Result {
        var hasher = SHA256()
        if partial.length > 0, let expected = remote.expectedSize, partial.length > expected {
            try partial.truncate()
        }
        try partial.readAll { hasher.update(bufferPointer: $0) }
        let policy = RetryPolicy(
            base: settings.backoffBase, cap: settings.backoffCap, retryAfterCap: settings.retryAfterCap,
            maxAttempts: settings.maxAttempts)
        var failures = 0
        var lastProblem = ""
        var lastDetails: String?
        while true {
            try Task.checkCancellation()
            let offset = partial.length
            if let expected = remote.expectedSize, offset == expected, offset > 0 {
                return finish(hasher)
            }
            var retryAfter: String?
            var streamed = false
            lastDetails = nil
            let lengthBefore = partial.length
            do {
                try checkSpace(total: remote.expectedSize)
                let headers = offset > 0 ? [("Range", "bytes=\(offset)-")] : []
                let (response, _) = try await transport.send(.GET, remote.downloadURL, headers: headers, followRedirects: true)
                let reply = RangeReply.decide(
                    status: Int(response.status.code), contentRange: response.headers.first(name: "Content-Range"),
                    contentLength: response.headers.first(name: "Content-Length").flatMap { Int64($0) },
                    retryAfter: response.headers.first(name: "Retry-After"), requestedOffset: offset)
                switch reply {
                case .alreadyComplete:
                    return finish(hasher)
                case .discardAndRetry:
                    try partial.truncate()
                    hasher = SHA256()
                    lastProblem = "the server could not continue from byte \(offset) (HTTP \(response.status.code)), so the download starts over"
                case .retryLater(let after):
                    retryAfter = after
                    lastProblem = "the server answered \(response.status.code) \(response.status.reasonPhrase)"
                case .fail(let status):
                    throw StatusMessage.error(status: status, url: remote.downloadURL)
                case .startOver(let total):
                    try partial.truncate()
                    hasher = SHA256()
                    try checkSpace(total: total ?? remote.expectedSize)
                    try await stream(response.body, into: &hasher, total: total ?? remote.expectedSize)
                    streamed = true
                case .append(_, let total):
                    if let total, let expected = remote.expectedSize, total != expected {
                        try partial.truncate()
                        throw FetchError(.sizeMismatch, "The server says \(remote.fileName) is \(NumberText.bytes(total)), but it was \(NumberText.bytes(expected)) when the download started: the file changed on the server. The partial download was discarded; pull again to fetch the current file.")
                    }
                    try await stream(response.body, into: &hasher, total: total ?? remote.expectedSize)
                    streamed = true
                }
                if streamed {
                    if let expected = remote.expectedSize {
                        if partial.length == expected { return finish(hasher) }
                        if partial.length > expected {
                            try partial.truncate()
                            throw FetchError(.sizeMismatch, "The server sent more than the \(NumberText.bytes(expected)) that \(remote.fileName) should have. The download was thrown away; try again later.")
                        }
                        lastProblem = "the connection ended early"
                    } else {
                        return finish(hasher)
                    }
                }
            } catch let error as FetchError {
                throw error.kind == .diskFull ? diskFull(total: remote.expectedSize) : error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let failure = NetworkFailure.classify(error)
                // A wrong name, a refused connection or an untrusted certificate on the first try
                // will not change in the next half minute of retries: say so at once.
                if failure.isLasting, failures == 0, partial.length == lengthBefore {
                    throw NetworkFailure.fetchError(error, url: remote.downloadURL)
                }
                lastProblem = failure.clause(host: remote.downloadURL.host ?? "the server")
                lastDetails = String(reflecting: error)
            }
            // Progress resets the count: a flaky line that keeps moving is not given up on.
            failures = partial.length > lengthBefore ? 1 : failures + 1
            guard let wait = policy.delay(failures: failures, retryAfter: retryAfter) else {
                let kept = partial.length > 0 ? " \(NumberText.bytes(partial.length)) are kept in \(partial.path);" : ""
                throw FetchError(.networkFailed, "Downloading \(remote.fileName) failed \(failures == 1 ? "once" : "\(failures) times in a row") (last: \(lastProblem)).\(kept) check the connection and run the same pull again to continue.", details: lastDetails)
            }
            progress(DownloadProgress(fileName: remote.fileName, bytesDone: partial.length, totalBytes: remote.expectedSize, bytesPerSecond: 0, retrying: "\(lastProblem); retrying in \(wait)"))
            try await Task.sleep(for: wait)
        }
    }

    private func finish(_ hasher: SHA256) -> Result {
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return Result(sha256: digest, size: partial.length)
    }

    private func checkSpace(total: Int64?) throws(FetchError) {
        guard let total else { return }
        let folder = (partial.path as NSString).deletingLastPathComponent
        try FreeSpace.require(
            remaining: max(0, total - partial.length), margin: settings.freeSpaceMargin,
            available: settings.freeSpace(folder), folder: folder)
    }

    /// The disk filled mid-way (the partial is already cut back to its last whole piece): says how
    /// much room the rest of the file needs, with the margin `checkSpace` keeps free.
    private func diskFull(total: Int64?) -> FetchError {
        let folder = (partial.path as NSString).deletingLastPathComponent
        let done = NumberText.bytes(partial.length) + (total.map { " of \(NumberText.bytes($0))" } ?? "")
        var text = "The disk filled up while downloading \(remote.fileName), after \(done). The part already downloaded is kept in \(partial.path), and nothing else was changed."
        if let total {
            let needed = max(0, total - partial.length) + settings.freeSpaceMargin
            let free = max(0, settings.freeSpace(folder) ?? 0)
            text += " Free at least \(NumberText.bytes(max(needed - free, 1))) there (the \(NumberText.bytes(total - partial.length)) still to come and \(NumberText.bytes(settings.freeSpaceMargin)) to spare), or set ONRAMP_HOME to a folder on a bigger disk, then run the same pull again: it continues where it stopped."
        } else {
            text += " Free some space there, then run the same pull again: it continues where it stopped."
        }
        return FetchError(.diskFull, text)
    }

    /// Appends the body to the partial; the bytes are hashed on another thread meanwhile
    /// (`BackgroundHasher`), and `hasher` holds the state of everything appended on return.
    /// (The client's delegate API, which lets the network thread read on while another thread
    /// writes, was tried: over loopback it was slower, 447 against 610 MB/s, as reading without
    /// waiting gets smaller pieces from the socket, each with its own cost.)
    private func stream(_ body: HTTPClientResponse.Body, into hasher: inout SHA256, total: Int64?) async throws {
        let background = BackgroundHasher(startingWith: hasher)
        defer { hasher = background.drain() }
        let clock = ContinuousClock()
        let started = clock.now
        let startLength = partial.length
        var lastReport = started
        for try await buffer in body {
            try buffer.withUnsafeReadableBytes { bytes throws(FetchError) in try partial.append(bytes) }
            background.add(buffer)
            if let total, partial.length > total { return }
            let now = clock.now
            if now - lastReport >= .milliseconds(250) {
                lastReport = now
                let seconds = (now - started) / .seconds(1)
                let speed = seconds > 0 ? Double(partial.length - startLength) / seconds : 0
                progress(DownloadProgress(fileName: remote.fileName, bytesDone: partial.length, totalBytes: total, bytesPerSecond: speed, retrying: nil))
            }
        }
    }
}

/// Messages for HTTP answers that are not worth retrying.
enum StatusMessage {
    static func error(status: Int, url: URL) -> FetchError {
        let host = url.host ?? "the server"
        switch status {
        case 401, 403:
            return FetchError(.needsAccess, "\(host) refused access to \(url.lastPathComponent) (HTTP \(status)). If the model is gated, accept its licence on its web page and set HF_TOKEN to an access token of yours (https://huggingface.co/settings/tokens).")
        case 404, 410:
            return FetchError(.notFound, "\(host) has no file at \(url.absoluteString) (HTTP \(status)). Check the spelling of the repository, file and revision.")
        default:
            return FetchError(.serverFailed, "\(host) answered HTTP \(status) for \(url.lastPathComponent), which Onramp cannot download from. Try again later or use another address.")
        }
    }
}
