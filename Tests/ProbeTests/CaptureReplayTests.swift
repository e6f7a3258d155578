// Capturing this machine into a profile and replaying it; what a capture must never contain.

import Foundation
import Testing
@testable import LiveMachine
@testable import Probe

@Suite("Capture and replay")
struct CaptureReplayTests {
    @Test("capture then replay gives the same facts, and facts.json beside it holds them")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/profile"
        let live = LiveSystem()
        let facts = try ProfileCapture.capture(to: target, live: live)
        let replayed = Prober(source: try ReplaySystem(folder: target)).gather()
        let redactor = Redactor(
            userName: live.currentUser()?.name, homeFolder: live.environment("HOME"),
            hostName: live.readFile("/proc/sys/kernel/hostname").text?.trimmingCharacters(in: .whitespacesAndNewlines)
        )
        #expect(replayed.jsonText() == redactor.redact(facts.jsonText()))
        let golden = try String(contentsOfFile: target + "/facts.json", encoding: .utf8)
        #expect(try MachineFacts.decode(json: golden) == replayed)
    }

    @Test("a capture holds no host name, no home folder and no MAC address of this machine")
    func noIdentity() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/profile"
        var environment = LiveSystem.processEnvironment()
        environment["HOME"] = folder.path + "/home/ann-example"
        environment["http_proxy"] = "http://alice:secret@proxy.internal:3128"
        _ = try ProfileCapture.capture(to: target, live: LiveSystem(environment: environment))
        let everything = try allText(under: target)
        let hostName = try String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Names under 3 letters ("vm") are common words, left alone by design; the layout test covers the rule.
        if hostName.count >= 3 { #expect(!everything.contains(hostName)) }
        #expect(!everything.contains("ann-example"))
        #expect(!everything.contains("secret"))
        // Every MAC-shaped string is the placeholder, not only the first one found.
        // (Swift's Regex has no look-behind; the redactor's own pattern needs one.)
        let macShaped = try NSRegularExpression(pattern: "(?i)(?<![0-9a-f:])[0-9a-f]{2}(?::[0-9a-f]{2}){5}(?![0-9a-f:])")
        let whole = NSRange(everything.startIndex..., in: everything)
        let found = macShaped.matches(in: everything, range: whole).compactMap { Range($0.range, in: everything).map { String(everything[$0]) } }
        let leaked = Set(found).subtracting(["00:00:00:00:00:00"])
        #expect(leaked.isEmpty, "MAC addresses left in the capture: \(leaked.sorted())")
        // And this machine's own addresses appear nowhere, in any letter case.
        let lowered = everything.lowercased()
        for own in Self.networkAddresses() { #expect(!lowered.contains(own), "this machine's MAC \(own) is in the capture") }
    }

    /// The hardware addresses of this machine's network interfaces, except the all-zero loopback one.
    private static func networkAddresses() -> [String] {
        let interfaces = (try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/net")) ?? []
        return interfaces.compactMap { name in
            let text = try? String(contentsOfFile: "/sys/class/net/\(name)/address", encoding: .utf8)
            let address = text?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() ?? ""
            return address.count == 17 && address != "00:00:00:00:00:00" ? address : nil
        }
    }

    @Test("a capture refuses a folder that already has files in it")
    func refusesNonEmptyFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("keep.txt", "mine")
        #expect(throws: ProfileError.self) { try ProfileCapture.capture(to: folder.path) }
        #expect(try String(contentsOfFile: folder.path + "/keep.txt", encoding: .utf8) == "mine")
    }

    @Test("redaction replaces user, home, host, MAC, IP, serials and proxy values everywhere in a profile")
    func layoutRedaction() {
        var recording = Recording()
        recording.files["/home/alice/.config/x"] = .text("owner alice on alice-laptop at 10.1.2.3 mac 3c:22:fb:01:02:03\nSerial Number: PF2ABCDE\nversion 1.3.250 alicewonder\n")
        recording.listings["/home/alice/.ollama/models"] = ["blobs", "manifests"]
        recording.commands = [CommandResult(argv: ["/home/alice/bin/tool", "--for=alice"], outcome: .exited, exitStatus: 0, stdout: "GPU-5c4bd7a2-1b2c-3d4e-5f60-718293a4b5c6 alice\n")]
        recording.environment = ["HOME": "/home/alice", "HTTPS_PROXY": "http://alice:pw@proxy:8080"]
        recording.user = UserFacts(name: "alice", uid: 1000, groups: ["alice", "render"])
        recording.volumes = [VolumeSpace(path: "/home/alice", totalBytes: 10, availableBytes: 5)]
        let redactor = Redactor(userName: "alice", homeFolder: "/home/alice", hostName: "alice-laptop")
        let layout = ProfileWriter.layout(recording, redactor: redactor) { _ in FileInfo(kind: .dir) }
        let system = String(decoding: (try? JSONEncoder().encode(layout.system)) ?? Data(), as: UTF8.self)
        let everything = layout.files.keys.joined(separator: "\n") + layout.files.values.joined(separator: "\n") + system
        for secret in ["/home/alice", "alice-laptop", "10.1.2.3", "3c:22:fb", "PF2ABCDE", "5c4bd7a2", ":pw@"] {
            #expect(!everything.contains(secret), "\(secret) leaked")
        }
        #expect(everything.contains("alicewonder"), "only whole names are replaced")
        #expect(everything.contains("version 1.3.250"), "version numbers are not addresses")
        #expect(layout.system.user == UserFacts(name: "user", uid: 1000, groups: ["user", "render"]))
    }

    private func allText(under folder: String) throws -> String {
        let manager = FileManager.default
        var text = ""
        for case let relative as String in manager.enumerator(atPath: folder)! {
            text += relative + "\n"
            text += (try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8)) ?? ""
        }
        return text
    }
}
