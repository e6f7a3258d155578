// The engine's graphics card as people meet it, through the real binary: `onramp gpu`, `onramp
// probe` (through its Vulkan child), `onramp doctor` and `onramp selftest` say the same sentence,
// because all of them take it from the engine's survey. On this machine (lavapipe only) that is
// the software-renderer reason; on one with a usable card, its name.

import Foundation
import Testing
import TestSupport

@Suite("The engine's graphics card in gpu, probe, doctor and selftest", .onOwnThread)
struct EngineGraphicsCardCommandTests {
    /// What `onramp gpu` says: the chosen device's name, or the reason and the advice.
    static func gpuAnswer() throws -> (device: String?, reason: String?, advice: String?) {
        let run = try runOnramp(["gpu"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        if let chosen = lines.first(where: { $0.hasPrefix("Onramp would compute on ") }) {
            // "Onramp would compute on 0: NAME."
            let label = chosen.dropFirst("Onramp would compute on ".count).dropLast()
            return (String(label.split(separator: ":", maxSplits: 1)[1].dropFirst()), nil, nil)
        }
        let reason = try #require(lines.first { $0.hasPrefix("Onramp uses the processor: ") })
        let advice = try #require(lines.first { $0.hasPrefix("What to do: ") })
        return (nil, String(reason.dropFirst("Onramp uses the processor: ".count)), String(advice.dropFirst("What to do: ".count)))
    }

    @Test("probe, probe -v, probe --json and doctor --json give the device or the reason in onramp gpu's words")
    func sameWords() throws {
        let gpu = try Self.gpuAnswer()
        let probe = try runOnramp(["probe"]), verbose = try runOnramp(["probe", "-v"]), json = try runOnramp(["probe", "--json"])
        let doctor = try runOnramp(["doctor", "--json"])
        #expect(probe.status == 0 && verbose.status == 0 && json.status == 0)
        if let device = gpu.device {
            #expect(probe.stdout.contains("Engine's graphics card  \(device) ("))
            #expect(doctor.stdout.contains("Onramp's engine would compute on \(device)"))
        } else {
            let reason = try #require(gpu.reason), advice = try #require(gpu.advice)
            #expect(probe.stdout.contains("Engine's graphics card  none — \(reason)\n"))
            #expect(!probe.stdout.contains(advice))
            #expect(verbose.stdout.contains("What to do: \(advice)\n"))
            let facts = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let vulkan = (facts["drivers"] as? [String: Any])?["vulkan"] as? [String: Any]
            let card = try #require(vulkan?["engineCard"] as? [String: Any])
            #expect(card["reason"] as? String == reason && card["advice"] as? String == advice)
            // The doctor's JSON escapes "/" and quotes; the reason has neither on this machine's kind.
            #expect(doctor.stdout.contains("why: \(reason)"))
            #expect(doctor.stdout.contains("engine.processor-only"))
        }
    }

    @Test("gpu --device llvmpipe checks it and says its products take 8-bit inputs with the integer dot product")
    func namedSoftwareRenderer() throws {
        let run = try runOnramp(["gpu", "--device", "llvmpipe"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("Onramp would compute on ") && run.stdout.contains("llvmpipe"))
        #expect(run.stdout.contains("Its matrix products take 8-bit inputs and use its integer dot product instruction, the faster way.\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Check: a quantised matrix product on it matches the processor's"))
    }

    @Test("selftest checks the card named with --device and passes; without a usable card one line says why")
    func selftest() throws {
        let named = try runOnramp(["selftest", "--device", "llvmpipe"])
        #expect(named.status == 0, "\(named.stdout)\(named.stderr)")
        #expect(named.stdout.contains("[ok] graphics card: ") && named.stdout.contains(" passed on llvmpipe"))

        let gpu = try Self.gpuAnswer()
        let automatic = try runOnramp(["selftest", "--json"])
        #expect(automatic.status == 0, "\(automatic.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(automatic.stdout.utf8)) as? [String: Any])
        let card = try #require(report["graphicsCard"] as? [String: Any])
        if let device = gpu.device {
            #expect(card["device"] as? String == device)
        } else {
            #expect(card["notChecked"] as? String == gpu.reason)
            let text = try runOnramp(["selftest"])
            #expect(text.stdout.contains("[--] graphics card: not checked. \(try #require(gpu.reason))\n"))
        }

        let missing = try runOnramp(["selftest", "--device", "no-such-card"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("The graphics card named with --device was not checked: No Vulkan device matches \"no-such-card\""))
    }
}
