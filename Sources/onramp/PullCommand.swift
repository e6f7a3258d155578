// `onramp pull SOURCE`: download a model into Onramp's store, resumable and verified.

import ArgumentParser
import Catalog
import Fetch
import Foundation
import PlainText

struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Download a model into Onramp's store; resumes where it stopped and checks the file's sha256.",
        discussion: """
            SOURCE is a name from Onramp's catalog, NAME[:QUANT] (onramp recommend --all lists them; without \
            :QUANT the file recommend would pick), a Hugging Face file, hf://ORG/REPO/FILE.gguf[@REVISION], \
            or an https:// address.
            Models go to $ONRAMP_HOME, else $XDG_DATA_HOME/onramp/models, else ~/.local/share/onramp/models.
            HF_ENDPOINT chooses another Hugging Face server; HF_TOKEN (sent only to that server) opens gated models.
            HTTPS_PROXY (else ALL_PROXY: http://HOST:PORT, socks5://HOST:PORT or socks5h://HOST:PORT) and NO_PROXY \
            are honoured; SSL_CERT_FILE replaces the trusted certificate authorities.
            Examples: onramp pull llama-3.2-1b-instruct
                      onramp pull smollm2-135m-instruct:q8_0
                      onramp pull hf://HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/smollm2-135m-instruct-q8_0.gguf
            """)

    @Argument(help: "NAME[:QUANT] from the catalog, hf://ORG/REPO/FILE.gguf[@REVISION] or an https:// address.")
    var source: String

    @Flag(help: "If another onramp is downloading the same file, wait for it instead of stopping.")
    var wait = false

    @Flag(name: .shortAndLong, help: "On a network failure, also show the network library's own description of it.")
    var verbose = false

    func validate() throws {
        do {
            _ = try ModelSource.parse(source, catalog: Self.catalog)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Catalog names; the catalog ships inside the binary, so it is missing only if it is broken,
    /// and then hf:// and https:// sources still work.
    static var catalog: ModelSource.CatalogLookup? {
        (try? ModelCatalog.bundled()).map(ModelSource.catalogLookup)
    }

    func run() async throws {
        do {
            let settings = try FetchSettings.fromEnvironment()
            let modelSource = try ModelSource.parse(source, catalog: Self.catalog)
            let meter = ProgressLine()
            let outcome = try await ModelPull(settings: settings).pull(modelSource, waitForLock: wait) { meter.show($0) }
            meter.end()
            let manifest = outcome.manifest
            let store = ModelStore(root: settings.storeRoot)
            let verb = if case .alreadyPresent = outcome { "Already in the store" } else { "Downloaded and verified" }
            StandardOutput.write("\(verb): \(manifest.name) (\(NumberText.bytes(manifest.size)), sha256 \(manifest.sha256))\n")
            let file = try store.blobPath(sha256: manifest.sha256)
            StandardOutput.write("File: \(file)\n")
        } catch let error as FetchError {
            // The plain message always; the library's words (NIO, TLS codes) only when asked for.
            var text = error.message
            if let details = error.details {
                text += verbose ? "\nDetails: \(details)" : " (onramp pull -v shows the technical details.)"
            }
            throw StandardError.fail(text, in: Self.self)
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }
    }
}

/// The download's progress on standard error: redrawn in place on a terminal, a line every few
/// seconds otherwise (logs, pipes).
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastLine = Date.distantPast
    private var drewInPlace = false

    func show(_ progress: DownloadProgress) {
        lock.lock()
        defer { lock.unlock() }
        if let retrying = progress.retrying {
            finishLine()
            StandardError.write("\(progress.fileName): \(retrying)\n")
            return
        }
        let now = Date()
        guard isTerminal || now.timeIntervalSince(lastLine) >= 5 else { return }
        lastLine = now
        var text = "\(progress.fileName): \(NumberText.bytes(progress.bytesDone))"
        if let total = progress.totalBytes, total > 0 {
            text += " of \(NumberText.bytes(total)) (\(progress.bytesDone * 100 / total)%)"
        }
        text += ", \(NumberText.bytes(Int64(progress.bytesPerSecond)))/s"
        if let left = progress.secondsLeft { text += ", \(Int(left.rounded())) s left" }
        if isTerminal {
            StandardError.write("\r\u{1B}[K" + text)
            drewInPlace = true
        } else {
            StandardError.write(text + "\n")
        }
    }

    func end() {
        lock.lock()
        defer { lock.unlock() }
        finishLine()
    }

    private func finishLine() {
        if drewInPlace { StandardError.write("\n") }
        drewInPlace = false
    }
}
