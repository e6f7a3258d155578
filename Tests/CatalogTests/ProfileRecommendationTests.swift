// Every machine profile in profiles/: the recommendation is the golden text beside this file, and
// it is sensible for the kind of machine (a Raspberry Pi gets a small model, a big desktop a big one).

@testable import Engine
import Foundation
import Probe
import Testing
import TestSupport

@testable import Catalog

@Suite("Recommendations on every profile", .onOwnThread)
struct ProfileRecommendationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let golden = root + "/Tests/CatalogTests/Golden"
    static let regenerate = "Run scripts/update-catalog-golden and review the diff."

    static var profiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/profiles")) ?? []
        return names.filter { FileManager.default.fileExists(atPath: root + "/profiles/\($0)/profile.json") }.sorted()
    }

    static func recommend(_ facts: MachineFacts, goal: Goal = .chat) throws -> Recommendation {
        Recommender.recommend(
            catalog: try ModelCatalog.bundled(), facts: facts, speed: SpeedEstimate.estimate(for: facts), goal: goal,
            engineArchitectures: ModelArchitecture.supportedNames, engineContextLimits: ModelArchitecture.trainedContextLimits)
    }

    @Test("Phi-3.5 and Phi-4 mini (128k files with LongRoPE, which the engine refuses) are never recommended; Phi-3 mini 4k is judged as usual")
    func longContextPhiIsNotRunnable() throws {
        let candidates = try Self.recommend(Self.facts("desktop-rtx3060-ubuntu2204")).candidates
        for id in ["phi-3.5-mini-instruct", "phi-4-mini-instruct"] {
            let phi = try #require(candidates.first { $0.model.id == id })
            #expect(phi.verdict == .engineCannotRun)
            #expect(phi.reason.contains("trained for up to 4,096 tokens"), "\(phi.reason)")
        }
        let phi3 = try #require(candidates.first { $0.model.id == "phi-3-mini-4k-instruct" })
        #expect(phi3.verdict != .engineCannotRun)
    }

    static func facts(_ profile: String) throws -> MachineFacts {
        Prober(source: try ReplaySystem(folder: root + "/profiles/" + profile)).gather()
    }

    @Test("there are profiles to check")
    func profilesExist() {
        #expect(Self.profiles.count >= 10)
    }

    @Test("onramp recommend --all renders as the golden text", arguments: profiles)
    func golden(profile: String) throws {
        let file = Self.golden + "/" + profile + ".txt"
        let expected = try #require(try? String(contentsOfFile: file, encoding: .utf8), "\(file) is missing. \(Self.regenerate)")
        let rendered = RecommendationText.render(try Self.recommend(Self.facts(profile)), all: true)
        #expect(rendered == expected, "\(file) differs. \(Self.regenerate)")
    }

    @Test("nothing recommended needs more memory than the machine can spare", arguments: profiles)
    func withinMemory(profile: String) throws {
        for goal in Goal.allCases {
            let r = try Self.recommend(Self.facts(profile), goal: goal)
            let usable = try #require(r.budget?.usableBytes)
            for candidate in r.suitable {
                #expect(candidate.fit.need.totalBytes <= usable, "\(profile) \(goal): \(candidate.model.id)")
                #expect(candidate.speed.generationTokensPerSecond >= goal.minimumTokensPerSecond)
                #expect(ModelArchitecture.supportedNames.contains(candidate.model.architecture))
            }
        }
    }

    @Test("the pick suits the kind of machine", arguments: [
        ("raspberry-pi-5", Int64(1_300_000_000), "at most 1B"),
        ("old-laptop-no-avx2", 1_600_000_000, "at most 1.5B"),
        ("docker-cgroup-limit-no-gpu", 1_800_000_000, "at most 1.7B in a 4 GiB container"),
    ])
    func smallMachines(profile: String, largest: Int64, rule: String) throws {
        let best = try #require(try Self.recommend(Self.facts(profile)).best, "\(profile) gets no model")
        #expect(best.model.parameters <= largest, "\(profile): \(best.model.id), wanted \(rule)")
    }

    @Test("a desktop with 64 GB and a modern 12-core processor gets a model of 8B or more")
    func bigDesktop() throws {
        let facts = MachineFacts(
            cpu: CPUFacts(architecture: "x86_64", physicalCores: 12, logicalCores: 24, features: [.avx, .avx2, .fma, .f16c]),
            memory: MemoryFacts(totalBytes: 64 << 30, availableBytes: 58 << 30, cgroup: CgroupFacts(memoryLimit: .unlimited)),
            disks: [DiskFacts(purpose: "models", path: "/home/u/.local/share/onramp/models", availableBytes: 900_000_000_000)])
        let best = try #require(try Self.recommend(facts).best)
        #expect(best.model.parameters >= 7_500_000_000, "\(best.model.id)")
    }

    @Test("the 32 GB desktops in profiles/ get a 7–8B model")
    func desktops() throws {
        for profile in ["desktop-rtx3060-ubuntu2204", "amd-rx6700xt-not-in-render-group", "wsl2-nvidia"] {
            let best = try #require(try Self.recommend(Self.facts(profile)).best, "\(profile)")
            #expect(best.model.parameters >= 7_000_000_000, "\(profile): \(best.model.id)")
        }
    }

    @Test("every golden file belongs to a profile that still exists")
    func noStaleGoldens() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.golden)) ?? []
        for name in names where name.hasSuffix(".txt") {
            #expect(Self.profiles.contains(String(name.dropLast(4))), "\(name) has no profile. \(Self.regenerate)")
        }
    }
}
