// Turns a source into a `RemoteFile`. For Hugging Face: HEAD `resolve/{rev}/{file}` without
// following the redirect to the CDN, and read the commit, size and sha256 from its headers
// (`X-Repo-Commit`, `X-Linked-Size`, `X-Linked-Etag`), as huggingface_hub does.

import Foundation
import NIOHTTP1

enum HubResolver {
    static func resolve(_ source: ModelSource, transport: HTTPTransport, settings: FetchSettings) async throws -> RemoteFile {
        switch source {
        case .url(let url):
            return RemoteFile(source: source, downloadURL: url, fileName: source.fileName, revision: nil, expectedSize: nil, expectedSHA256: nil)
        case .huggingFace(let file):
            return try await resolve(file, source: source, transport: transport, settings: settings)
        }
    }

    private static func resolve(_ file: HuggingFaceFile, source: ModelSource, transport: HTTPTransport, settings: FetchSettings)
        async throws -> RemoteFile
    {
        let policy = RetryPolicy(base: settings.backoffBase, cap: settings.backoffCap, retryAfterCap: settings.retryAfterCap, maxAttempts: settings.maxAttempts)
        var url = file.resolveURL(endpoint: settings.endpoint)
        var failures = 0
        var hops = 0
        while true {
            let (response, _) = try await transport.send(.HEAD, url, followRedirects: false)
            let status = Int(response.status.code)
            let headers = response.headers
            let commit = headers.first(name: "X-Repo-Commit")
            if (300..<400).contains(status), commit == nil, let location = headers.first(name: "Location"),
                let next = URL(string: location, relativeTo: url)?.absoluteURL, URLPolicy.sameOrigin(next, url), hops < HTTPTransport.maxRedirects
            {
                // A renamed repository: Hugging Face answers with a relative redirect to the new name.
                hops += 1
                url = next
                continue
            }
            switch status {
            case 200..<400:
                let sha256 = HexDigest.sha256(fromETag: headers.first(name: "X-Linked-Etag")) ?? HexDigest.sha256(fromETag: headers.first(name: "ETag"))
                let size = headers.first(name: "X-Linked-Size").flatMap { Int64($0) }
                    ?? (status == 200 ? headers.first(name: "Content-Length").flatMap { Int64($0) } : nil)
                let pinned = commit.flatMap { isCommit($0) ? $0 : nil }
                let downloadURL = pinned.map { file.resolveURL(endpoint: settings.endpoint, revision: $0) } ?? url
                return RemoteFile(source: source, downloadURL: downloadURL, fileName: file.fileName, revision: pinned ?? file.revision, expectedSize: size, expectedSHA256: sha256)
            case 401, 403:
                let page = "\(settings.endpoint.absoluteString)/\(file.repository)"
                let tokenAdvice = settings.token == nil
                    ? "and set HF_TOKEN to an access token of yours"
                    : "with the account your HF_TOKEN belongs to (and check that the token is still valid)"
                throw FetchError(.needsAccess, "Hugging Face refused access to \(file.repository) (HTTP \(status)): the model is gated or private. Accept its licence at \(page) \(tokenAdvice), then pull again.")
            case 404:
                throw FetchError(.notFound, "Hugging Face has no file \(file.path) in \(file.repository) at revision \(file.revision) (HTTP 404). Check the spelling of the repository, file and revision on \(settings.endpoint.absoluteString)/\(file.repository).")
            case 408, 429, 500...599:
                failures += 1
                guard let wait = policy.delay(failures: failures, retryAfter: headers.first(name: "Retry-After")) else {
                    throw FetchError(.serverFailed, "Hugging Face kept answering HTTP \(status) when asked about \(file.description). Try again in a few minutes.")
                }
                try await Task.sleep(for: wait)
            default:
                throw StatusMessage.error(status: status, url: url)
            }
        }
    }

    private static func isCommit(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
