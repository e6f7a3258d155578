// Real `onramp pull` processes (ONRAMP_BIN) racing for one file, the lock files they leave (none),
// and a disk that fills up mid-download: a small tmpfs mounted in a private mount namespace (the
// suite runs as root, as CI does), filled while the server holds the download half-way.

import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Fetch

@Suite("Fetch: concurrent pulls, lock files and a full disk", .serialized, .onOwnThread)
struct PullProcessesTests {
    private var binary: String {
        get throws { try #require(ProcessInfo.processInfo.environment["ONRAMP_BIN"], "ONRAMP_BIN is set by scripts/test") }
    }

    @Test("two real pulls of one file: the second says it is in progress, one with --wait waits; one verified blob, nothing left in downloads")
    func twoProcesses() async throws {
        let binary = try binary
        let server = try await TestHubServer()
        let file = TestModelFiles.file("shared.gguf", size: 3_000_000)
        server.add(file)
        let store = try TemporaryStore()
        let source = "hf://\(file.repository)/\(file.name)"
        let environment = ["ONRAMP_HOME": store.root, "HF_ENDPOINT": server.endpoint.absoluteString, "PATH": "/usr/bin:/bin"]
        server.enqueue(.holdAfter(1_000_000))

        let first = try Launched(binary, ["pull", source], environment)
        let partial = store.store.partialPath(for: file.name)
        try await waitUntil { size(of: partial) >= 1_000_000 }
        #expect(size(of: partial) == 1_000_000)

        let second = try OnrampProcess.run(binary, ["pull", source], environment)
        #expect(second.status == 1)
        #expect(second.errors.contains("shared.gguf is already being downloaded by another onramp"), "\(second.errors)")

        let third = try Launched(binary, ["pull", "--wait", source], environment)
        try await Task.sleep(for: .milliseconds(600))
        #expect(third.process.isRunning, "the --wait pull should still be waiting for the lock")
        #expect(server.fileRequests.count == 1)

        server.release()
        let firstEnd = try await first.finish()
        let thirdEnd = try await third.finish()
        await server.close()
        #expect(firstEnd.status == 0 && firstEnd.output.hasPrefix("Downloaded and verified: shared.gguf"), "\(firstEnd)")
        #expect(thirdEnd.status == 0 && thirdEnd.output.hasPrefix("Already in the store: shared.gguf"), "\(thirdEnd)")
        #expect(server.fileRequests.count == 1)
        #expect(try store.blobBytes(file.sha256) == file.bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.root + "/blobs") == ["sha256-" + file.sha256])
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.root + "/downloads") == [])
    }

    @Test("a lock another live process holds is never removed; the holder's own is removed when it is done")
    func lockHeldByAnotherProcess() async throws {
        let server = try await TestHubServer()
        let file = TestModelFiles.file("held.gguf", size: 200_000)
        server.add(file)
        let store = try TemporaryStore()
        try store.store.prepare()
        let settings = store.settings(endpoint: server.endpoint)
        let lockPath = String(store.store.partialPath(for: file.name).dropLast(".partial".count)) + ".lock"
        // util-linux flock(1) in another process, as another onramp would hold it (--no-fork: the
        // lock is held by the process that SIGTERM ends, not by a forked sleep that outlives it).
        _ = FileManager.default.createFile(atPath: lockPath, contents: nil)
        let inode = try #require(inodeNumber(lockPath))
        let holder = try Launched("/usr/bin/flock", ["--exclusive", "--no-fork", lockPath, "sleep", "60"], ["PATH": "/usr/bin:/bin"])
        try await waitUntil { heldByAnother(lockPath) }

        await #expect(throws: FetchError.self) { _ = try await FileLock(path: lockPath, what: file.name, wait: false) }
        await #expect(throws: FetchError.self) { _ = try await ModelPull(settings: settings).pull(.url(server.fileURL(file.name))) }
        #expect(inodeNumber(lockPath) == inode, "the lock file of a live holder was removed or replaced")
        #expect(server.fileRequests.isEmpty)

        kill(holder.process.processIdentifier, SIGTERM)
        _ = try await holder.finish()
        let outcome = try await ModelPull(settings: settings).pull(.url(server.fileURL(file.name)))
        await server.close()
        #expect(outcome.manifest.sha256 == file.sha256)
        #expect(!FileManager.default.fileExists(atPath: lockPath))
    }

    @Test("a waiter that opened the lock file before its holder deleted it locks the new file, not the deleted one")
    func waiterRelocksAfterRemoval() async throws {
        let folder = try TemporaryStore()
        let path = folder.root + "/x.lock"
        var first: FileLock? = try await FileLock(path: path, what: "x", wait: false)
        let acquired = Mutex(false)
        let release = Mutex(false)
        let waiter = Task {
            let second = try await FileLock(path: path, what: "x", wait: true)
            acquired.withLock { $0 = true }
            while !release.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            withExtendedLifetime(second) {}
        }
        try await Task.sleep(for: .milliseconds(300))  // the waiter has opened the file and polls
        #expect(!acquired.withLock { $0 })
        first = nil
        _ = first
        try await waitUntil { acquired.withLock { $0 } }
        #expect(FileManager.default.fileExists(atPath: path))
        // Had the waiter locked the deleted file, this third one would get a lock of its own.
        let third = await #expect(throws: FetchError.self) { _ = try await FileLock(path: path, what: "x", wait: false) }
        #expect(third?.kind == .inProgress)
        release.withLock { $0 = true }
        try await waiter.value
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("the disk fills up mid-download (a tmpfs): plain error with how much to free, the partial kept, nothing else touched; with space freed the next pull resumes and verifies")
    func diskFillsMidway() async throws {
        let binary = try binary
        let server = try await TestHubServer()
        let file = TestModelFiles.file("full.gguf", size: 4_000_000)
        server.add(file)
        let work = try TemporaryStore()
        let disk = work.root + "/disk"
        let out = work.root + "/out"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let root = disk + "/store"
        let partial = ModelStore(root: root).partialPath(for: file.name)
        let held = 1_500_000
        server.enqueue(.holdAfter(held))
        // Big enough for the check before the download (the file and the 256 MiB margin), then
        // filled by dd while the server holds the download; deleting the filler frees it again.
        let script = """
            set -u
            mount -t tmpfs -o size=300m onramp-test "$DISK" || exit 90
            mkdir -p "$DISK/store/blobs" && printf 'other model' > "$DISK/store/blobs/keep-me"
            "$ONRAMP" pull "$SOURCE" > "$OUT/first.out" 2> "$OUT/first.err" &
            pid=$!
            for i in $(seq 1 1500); do
                [ "$(stat -c %s "$PARTIAL" 2>/dev/null || echo 0)" -ge $HELD ] && break
                sleep 0.02
            done
            dd if=/dev/zero of="$DISK/filler" bs=1M 2>/dev/null
            touch "$OUT/filled"
            wait $pid; echo $? > "$OUT/first.status"
            (cd "$DISK/store" && find . -type f | sort) > "$OUT/first.files"
            stat -c %s "$PARTIAL" > "$OUT/partial.size"
            rm "$DISK/filler"
            "$ONRAMP" pull "$SOURCE" > "$OUT/second.out" 2> "$OUT/second.err"; echo $? > "$OUT/second.status"
            (cd "$DISK/store" && find . -type f | sort) > "$OUT/second.files"
            cat "$DISK/store/blobs/keep-me" > "$OUT/kept"
            sha256sum "$DISK/store/blobs/sha256-$SHA" | cut -c1-64 > "$OUT/blob.sha256"
            """
        let environment = [
            "DISK": disk, "OUT": out, "ONRAMP": binary, "SOURCE": "hf://\(file.repository)/\(file.name)", "PARTIAL": partial,
            "HELD": "\(held)", "SHA": file.sha256, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
            "ONRAMP_HOME": root, "HF_ENDPOINT": server.endpoint.absoluteString,
        ]
        // A private mount namespace: the tmpfs exists only for the script and goes with it.
        let run = try Launched("/usr/bin/unshare", ["--mount", "/bin/bash", "-c", script], environment)
        try await waitUntil(seconds: 60) { FileManager.default.fileExists(atPath: out + "/filled") || !run.process.isRunning }
        server.release()
        let ended = try await run.finish()
        await server.close()
        #expect(ended.status != 90, "mounting a tmpfs failed: this test needs root and unshare (as scripts/test runs in CI): \(ended.errors)")
        func read(_ name: String) -> String {
            ((try? String(contentsOfFile: out + "/" + name, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        #expect(read("first.status") == "1")
        let message = read("first.err")
        #expect(message.hasPrefix("onramp pull: error: The disk filled up while downloading full.gguf, after 1.5 MB of 4.0 MB."), "\(message)")
        #expect(message.contains("The part already downloaded is kept in \(partial)"), "\(message)")
        // The 2.5 MB still to come and the 256 MiB margin, less the little the disk has left.
        #expect(message.contains("Free at least 27") && message.contains("MB there (the 2.5 MB still to come and 268.4 MB to spare)"), "\(message)")
        #expect(read("partial.size") == "\(held)")
        #expect(read("first.files").split(separator: "\n") == [
            "./blobs/keep-me", "./downloads/full.gguf.partial", "./downloads/full.gguf.partial.json",
        ])

        #expect(read("second.status") == "0", "\(read("second.err"))")
        #expect(read("second.out").hasPrefix("Downloaded and verified: full.gguf"))
        #expect(server.fileRequests.map { $0.headers["range"] } == [nil, "bytes=\(held)-"])
        #expect(read("blob.sha256") == file.sha256)
        #expect(read("kept") == "other model")
        #expect(read("second.files").split(separator: "\n") == [
            "./blobs/keep-me", "./blobs/sha256-\(file.sha256)", "./manifests/full.gguf.json",
        ])
    }

    // MARK: helpers

    private func waitUntil(seconds: Int = 120, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !condition(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private func inodeNumber(_ path: String) -> UInt64? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    /// Whether some process holds an exclusive flock on `path` (tried without waiting).
    private func heldByAnother(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return true
    }
}

/// A child process running in the background, its output collected in files (so no pipe fills).
private final class Launched {
    let process = Process()
    private let outputPath = NSTemporaryDirectory() + "onramp-out-" + UUID().uuidString
    private let errorPath = NSTemporaryDirectory() + "onramp-err-" + UUID().uuidString

    init(_ executable: String, _ arguments: [String], _ environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        for path in [outputPath, errorPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for path in [outputPath, errorPath] { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Waits (without blocking the test's threads) for the end; at most a minute.
    func finish() async throws -> (status: Int32, output: String, errors: String) {
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, errors)
    }
}
