// Shared by the report tests: where the fixtures and goldens are, and a report built from a
// replayed profile exactly as `onramp report --profile` builds it.

import Doctor
import Foundation
import Probe
@testable import Report

enum ReportFixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixtures = root + "/Tests/ReportTests/Fixtures"
    static let golden = root + "/Tests/ReportTests/Golden"
    static let planted = fixtures + "/planted-secrets"
    static let shortUser = fixtures + "/planted-short-user"

    /// Profile folders under profiles/ (those with a system.json), sorted.
    static var profiles: [String] {
        let folder = root + "/profiles"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { FileManager.default.fileExists(atPath: folder + "/" + $0 + "/system.json") }
            .map { folder + "/" + $0 }
    }

    /// A fixed moment, so goldens do not change with the clock.
    static let date = Date(timeIntervalSince1970: 1_780_000_000)

    struct Made {
        var report: DiagnosticsReport
        var markdown: String
        var json: String
        var recording: Recording
        var identity: MachineIdentity
        var source: ReplaySystem
        var doctor: DoctorReport
    }

    static func make(_ folder: String) throws -> Made {
        let source = try ReplaySystem(folder: folder)
        let recorder = RecordingSystem(recording: source)
        let identity = MachineIdentity.read(from: source)
        let facts = Prober(source: recorder).gather()
        let input = ReportInput.profile(
            named: URL(fileURLWithPath: folder).lastPathComponent, onrampVersion: "0.0.0-test", facts: facts, identity: identity,
            date: date)
        let report = ReportBuilder.build(input)
        return Made(
            report: report, markdown: ReportMarkdown.render(report), json: try ReportJSON.render(report),
            recording: recorder.recording, identity: identity, source: source, doctor: input.doctor)
    }

    /// Every form a leaked value could take in a file: as written, in either letter case,
    /// base64 (at each of the three alignments) and URL-encoded.
    static func forms(of value: String) -> [String] {
        var forms = [value, value.lowercased(), value.uppercased()]
        let bytes = Array(value.utf8)
        for shift in 0..<3 {
            // The value at each of the three offsets in a longer text: only the 4-character groups
            // made of its own bytes alone are certain, so the first group (shared with what comes
            // before) and the last (shared with what follows) are dropped.
            let encoded = Array(Data([UInt8](repeating: 0x20, count: shift) + bytes).base64EncodedString())
            let middle = encoded.dropFirst(shift == 0 ? 0 : 4).dropLast(4)
            if middle.count >= 8 { forms.append(String(middle)) }
        }
        if let escaped = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) { forms.append(escaped) }
        return forms
    }

    /// The values planted in Fixtures/planted-secrets.
    static let plantedValues = [
        "jdoe-planted", "planted-host", "example.internal", "planted-domain", "3c:22:fb:aa:bb:cc", "10.20.30.40", "10.20.30.41",
        "fe80::1ff:fe23:4567:890a", "1324021034567", "4c4c4544-0042-3510-8052-b7c04f4e3232", "5c4bd7a2-1b2c-3d4e-5f60-718293a4b5c6",
        "hf_plantedTokenAbCdEf0123456789", "planted-pass", "plantedBearerValue123456", "jane.planted@mail.example.org",
        "PLANTEDDMISERIAL7",
    ]

    /// The first planted value found in `text`, in any of its forms.
    static func leak(in text: String) -> String? {
        for value in plantedValues {
            for form in forms(of: value) where text.contains(form) { return "\(value) (as \(form))" }
        }
        return nil
    }
}
