// --fix end to end on a replayed profile: the offer, consent, the command through SystemSource,
// the re-probe, and the finding gone afterwards; and what happens when a fix cannot run.

import Foundation
import Probe
import Testing
@testable import Doctor

@Suite("Fix flow")
struct FixFlowTests {
    static let profile = RepositoryFiles.root + "/Tests/DoctorTests/Fixtures/nvidia-uvm-unloaded"

    static func before() throws -> DoctorReport {
        CheckRunner().examine(Prober(source: try ReplaySystem(folder: profile)).gather())
    }

    @Test("the offer shows the exact command with sudo, what it changes, and needs an explicit yes")
    func offer() throws {
        let offers = fixOffers(for: try Self.before(), runningAsRoot: false)
        let offer = try #require(offers.first)
        #expect(offers.count == 1)
        #expect(offer.findingID == "nvidia.uvm-not-loaded")
        #expect(offer.commandLines == ["sudo modprobe nvidia_uvm"])
        #expect(offer.needsSudo)
        #expect(offer.explanationLines.contains("    $ sudo modprobe nvidia_uvm"))
        for answer in ["y", "YES", " yes "] { #expect(FixOffer.isConsent(answer)) }
        for answer in [nil, "", "n", "no", "yes please", "ok"] { #expect(!FixOffer.isConsent(answer)) }
    }

    @Test("replaying the fix runs the recorded sudo modprobe, re-probes, and the finding is gone")
    func replayResolves() throws {
        let before = try Self.before()
        #expect(before.findingIDs.contains("nvidia.uvm-not-loaded"))
        let offer = try #require(fixOffers(for: before, runningAsRoot: false).first)
        let target = try ReplayFixTarget(profile: Self.profile, actionID: offer.action.id)
        let outcome = FixApplier().apply(offer, on: target)
        #expect(outcome.commands.map(\.commandLine) == ["sudo modprobe nvidia_uvm"])
        #expect(outcome.commandsSucceeded)
        #expect(outcome.resolved)
        #expect(!outcome.after.findingIDs.contains("nvidia.uvm-not-loaded"))
        #expect(outcome.summary == "Fixed: the check passes now.")
        // The profile itself is untouched: probing it again still finds the problem.
        #expect(try Self.before().findingIDs.contains("nvidia.uvm-not-loaded"))
    }

    @Test("a fix with no recording fails at its first command, and the checks still show the problem")
    func unrecordedFixFails() throws {
        let before = try Self.before()
        let offer = try #require(fixOffers(for: before, runningAsRoot: false).first)
        let target = try ReplayFixTarget(profile: Self.profile, actionID: "no-such-fix")
        let outcome = FixApplier().apply(offer, on: target)
        #expect(!outcome.commandsSucceeded)
        #expect(!outcome.resolved)
        #expect(outcome.summary.hasPrefix("The fix stopped: \"sudo modprobe nvidia_uvm\" failed"))
    }

    @Test("as root the same fix runs without sudo")
    func asRoot() throws {
        let offer = try #require(fixOffers(for: try Self.before(), runningAsRoot: true).first)
        #expect(offer.argvs == [["modprobe", "nvidia_uvm"]])
        #expect(!offer.needsSudo)
    }
}
