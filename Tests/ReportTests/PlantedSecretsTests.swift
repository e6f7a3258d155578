// A report of a machine with private values planted everywhere the probe reads holds none of
// them, in any form, and still holds what a helper needs.

import Foundation
import Probe
import Testing
import TestSupport
@testable import Report

@Suite("No private value reaches a report", .onOwnThread)
struct PlantedSecretsTests {
    @Test("neither the Markdown nor the JSON holds a planted value, as written, base64 or URL-encoded")
    func nothingPlantedLeaks() throws {
        let made = try ReportFixtures.make(ReportFixtures.planted)
        #expect(ReportFixtures.leak(in: made.markdown) == nil, "Markdown: \(ReportFixtures.leak(in: made.markdown) ?? "")")
        #expect(ReportFixtures.leak(in: made.json) == nil, "JSON: \(ReportFixtures.leak(in: made.json) ?? "")")
    }

    @Test("the planted values did reach the report's input, so the test above can fail")
    func plantedValuesAreRead() throws {
        let made = try ReportFixtures.make(ReportFixtures.planted)
        let raw = try ReplaySystem(folder: ReportFixtures.planted)
        let unredacted = Prober(source: raw).gather().jsonText()
        for value in ["jdoe-planted", "planted-host.example.internal", "10.20.30.40"] {
            #expect(unredacted.contains(value), "the fixture no longer plants \(value) where the probe reads")
        }
        #expect(made.identity.userName == "jdoe-planted")
        #expect(made.identity.hostName == "planted-host.example.internal")
        #expect(made.identity.domains.contains("example.internal"))
    }

    @Test("the report still names the GPU, the driver versions, the processor and every finding")
    func factsSurvive() throws {
        let made = try ReportFixtures.make(ReportFixtures.planted)
        for fact in [
            "NVIDIA GeForce RTX 3060", "10de:2504", "535.183.01", "AMD Ryzen 5 5600X", "6.8.0-40-generic", "Ubuntu 22.04",
            "avx2", "libcudart.so", "12.2", "nvidia",
        ] {
            #expect(made.markdown.contains(fact), "Markdown lost \(fact)")
            #expect(made.json.contains(fact), "JSON lost \(fact)")
        }
        #expect(!made.doctor.findingIDs.isEmpty)
        for id in made.doctor.findingIDs {
            #expect(made.markdown.contains("`\(id)`"), "finding \(id) missing from the Markdown")
            #expect(made.report.findings.map(\.id.text).contains(id))
        }
    }

    @Test("placeholders are consistent and the closing note counts each kind")
    func placeholdersAndTally() throws {
        let made = try ReportFixtures.make(ReportFixtures.planted)
        let kinds = Set(made.report.redactions.map(\.kind))
        for kind in [RedactionKind.user, .home, .host, .domain, .ipv4] { #expect(kinds.contains(kind), "no \(kind) counted") }
        #expect(made.json.contains("<home>/cuda-12/lib64"))
        #expect(made.json.contains("/net/<host>/opt/lib"))
        #expect(made.json.contains("/mnt/<ipv4-1>/cuda"))
        #expect(made.markdown.contains("Replaced before sharing:"))
        #expect(made.markdown.contains("home folder"))
        // In Markdown text a placeholder is escaped, so GitHub shows it instead of hiding it as a tag.
        #expect(!made.markdown.replacingOccurrences(of: "```", with: "").contains("| <home>"))
    }

    @Test("a user named al disappears from paths and tool output, while words containing al survive")
    func shortUserName() throws {
        let made = try ReportFixtures.make(ReportFixtures.shortUser)
        for text in [made.markdown, made.json] {
            #expect(!text.contains("/home/al"))
            #expect(text.range(of: "(?<![A-Za-z0-9_.-])al(?![A-Za-z0-9_-])", options: .regularExpression) == nil,
                    "the word al is left: \(text.range(of: "(?<![A-Za-z0-9_.-])al(?![A-Za-z0-9_-])", options: .regularExpression).map { String(text[$0.lowerBound...].prefix(60)) } ?? "")")
        }
        #expect(made.markdown.contains("<user>") || made.markdown.contains("&lt;user&gt;"))
        #expect(made.markdown.contains("Ubuntu 22.04"))
        #expect(made.markdown.contains("libcudart.so"))
    }

    @Test("every profile in profiles/ gives a report with balanced folds and no unreplaced address")
    func everyProfile() throws {
        #expect(ReportFixtures.profiles.count >= 10)
        for folder in ReportFixtures.profiles {
            let made = try ReportFixtures.make(folder)
            let name = URL(fileURLWithPath: folder).lastPathComponent
            #expect(MarkdownShape.problems(made.markdown).isEmpty, "\(name): \(MarkdownShape.problems(made.markdown))")
            for text in [made.markdown, made.json] {
                if let identity = made.identity.userName, identity.count >= 3, !["user", "root"].contains(identity) {
                    #expect(!text.contains(identity), "\(name) leaks its user")
                }
                #expect(text.range(of: "(?i)(?<![0-9a-f:])(?:[0-9a-f]{2}:){5}[0-9a-f]{2}(?![0-9a-f:])", options: .regularExpression)
                    .map { text[$0] == "00:00:00:00:00:00" } ?? true, "\(name) has a MAC address")
            }
            for id in made.doctor.findingIDs { #expect(made.markdown.contains("`\(id)`"), "\(name): \(id)") }
            #expect(try ReportJSON.decode(made.json) == made.report, "\(name): JSON does not read back")
        }
    }
}
