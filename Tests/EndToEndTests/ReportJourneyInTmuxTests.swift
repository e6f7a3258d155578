// The Report path in a real terminal, on the fixture with private values planted everywhere the
// probe reads: Welcome → Scan → Checks → the preview (scrolled) → s saves it in the folder Onramp
// was started in. The saved file is what `onramp report --profile … --out` writes (but for the
// time it was made) and holds none of the planted values.
import Foundation
import Testing
import TestSupport

@Suite("Report path in a real terminal", .serialized, .onOwnThread)
struct ReportJourneyInTmuxTests {
    static let profile = SelftestCommandTests.repository.appendingPathComponent("Tests/ReportTests/Fixtures/planted-secrets").path
    /// Some of the values the fixture plants (the report tests check every one, in every encoding).
    static let planted = ["jdoe-planted", "planted-host", "example.internal", "10.20.30.40", "3c:22:fb:aa:bb:cc", "hf_plantedTokenAbCdEf0123456789",
                          "planted-pass", "jane.planted@mail.example.org", "PLANTEDDMISERIAL7", "4c4c4544-0042-3510-8052-b7c04f4e3232"]

    /// The report with its creation time (ISO 8601) replaced, to compare two reports made apart.
    static func withoutTime(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, with: "<time>", options: .regularExpression)
    }

    @Test("Welcome → Report path → Scan → Checks → preview → s: the file is onramp report's, has no planted value; Enter leaves with 0")
    func previewAndSave() throws {
        let binary = try OnrampBinary.path()
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onramp-report-e2e-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["home", "config", "work"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let work = root.appendingPathComponent("work").path
        let environment = ["HOME": root.path + "/home", "XDG_CONFIG_HOME": root.path + "/config", "ONRAMP_HOME": root.path + "/home/store"]
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        try tmux.type("cd \(work) && \(assignments) \(binary) --profile \(Self.profile)")
        try tmux.waitFor(text: "What would you like to do?")
        try tmux.press("3")
        try tmux.waitFor("the scan to finish", timeout: .seconds(60)) { $0.contains("Scan complete") }
        try tmux.press("Enter")
        try tmux.waitFor(text: "Make a diagnostics report: Check for problems")
        try tmux.press("n")
        // Both texts: a capture can fall between two rows of one frame.
        try tmux.waitFor("the preview", timeout: .seconds(30)) { $0.contains("Press s or Enter to save it to") && $0.contains("Step 3 of 3") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).isEmpty, "nothing is written before s")
        try tmux.press("PageDown")
        try tmux.waitFor("the report to scroll") { $0.contains("lines ") && !$0.contains("lines 1-") }
        try tmux.press("s")
        try tmux.waitFor(text: "Saved the report to")
        // The terminal paints the new frame line by line: wait for the line under the heading rather
        // than reading the screen at the moment the heading appeared.
        try tmux.waitFor(text: "Nothing was uploaded")
        try tmux.press("Enter")
        try tmux.waitForShell()
        try tmux.type("echo status $?")
        try tmux.waitFor(text: "status 0")

        let saved = try FileManager.default.contentsOfDirectory(atPath: work)
        try #require(saved.count == 1 && saved[0].hasPrefix("onramp-report-") && saved[0].hasSuffix(".md"), "saved: \(saved)")
        let text = try String(contentsOfFile: work + "/" + saved[0], encoding: .utf8)
        let other = root.appendingPathComponent("command.md").path
        let command = try runOnramp(["report", "--profile", Self.profile, "--out", other], environment: environment)
        #expect(command.status == 0, "\(command.stderr)")
        #expect(Self.withoutTime(text) == Self.withoutTime(try String(contentsOfFile: other, encoding: .utf8)))
        #expect(text.contains("GeForce") || text.contains("NVIDIA"))
        for value in Self.planted {
            #expect(!text.contains(value), "the saved report holds the planted \(value)")
        }
    }

    @Test("Troubleshoot on a broken profile: the failed check, its fix (by hand), r offers the report, s saves it with the finding in it")
    func troubleshootOffersReport() throws {
        let binary = try OnrampBinary.path()
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("onramp-troubleshoot-e2e-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["home", "config", "work"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let work = root.appendingPathComponent("work").path
        let profile = SelftestCommandTests.repository.appendingPathComponent("profiles/nvidia-driver-library-mismatch").path
        let tmux = try TmuxSession(width: 80, height: 24)
        defer { tmux.stop() }
        try tmux.type("cd \(work) && HOME=\(root.path)/home XDG_CONFIG_HOME=\(root.path)/config \(binary) --profile \(profile)")
        try tmux.waitFor(text: "What would you like to do?")
        try tmux.press("2")
        try tmux.waitFor("the scan to finish", timeout: .seconds(60)) { $0.contains("Scan complete") }
        try tmux.press("Enter")
        // The whole frame: a capture can fall between the title row and the rest.
        try tmux.waitFor("the checks with the failed graphics card") { screen in
            screen.contains("Troubleshoot: Check for problems")
                && screen.split(separator: "\n").contains { $0.contains("✗ ") && $0.contains(". Graphics card") }
                && screen.contains("r Make a report") && screen.contains("This is the last step")
        }
        // The finding and its fix: the area's number opens what Onramp saw and the commands for
        // this system; f says the fix is one to do by hand (a reboot), not silence.
        let area = try #require(tmux.lastScreen.firstMatch(of: /([0-9])\. Graphics card/)?.output.1, "no numbered Graphics card line")
        try tmux.press(String(area))
        try tmux.waitFor("the finding's details") {
            $0.contains("How to fix it:") && $0.contains("Driver/library version mismatch") && $0.contains("Reboot")
        }
        try tmux.press("f")
        try tmux.waitFor(text: "Onramp has no fix of its own for Graphics card")
        try tmux.press("Enter")
        try tmux.waitFor(text: "1 area needs attention")
        try tmux.press("r")
        try tmux.waitFor("the preview", timeout: .seconds(30)) {
            $0.contains("Press s or Enter to save it to") && $0.contains("Troubleshoot: Preview the report")
        }
        try tmux.press("s")
        try tmux.waitFor(text: "Saved the report to")
        try tmux.press("Enter")
        try tmux.waitForShell()
        let saved = try FileManager.default.contentsOfDirectory(atPath: work)
        try #require(saved.count == 1, "saved: \(saved)")
        let text = try String(contentsOfFile: work + "/" + saved[0], encoding: .utf8)
        let doctor = try runOnramp(["doctor", "--profile", profile, "--json"], environment: ["HOME": root.path + "/home", "XDG_CONFIG_HOME": root.path + "/config"])
        // Every finding id (area.name) the doctor reports for this machine is in the saved report.
        let ids = doctor.stdout.matches(of: /"id" *: *"([a-z0-9\-]+\.[a-z0-9.\-]+)"/).map { String($0.output.1) }
        try #require(!ids.isEmpty, "doctor --json gave no finding ids: \(doctor.stdout.prefix(400))")
        #expect(ids.contains("nvidia.driver-library-mismatch"))
        for id in ids {
            #expect(text.contains(id), "the saved report lacks the finding \(id)")
        }
    }
}
