// `onramp gpu` as a user runs it: the real binary (ONRAMP_BIN) on this machine's Vulkan
// (lavapipe in CI, which the automatic choice never takes).

import Foundation
import Testing
import TestSupport

@Suite("onramp gpu", .onOwnThread)
struct GPUCommandTests {
    @Test("gpu lists the Vulkan devices and says which one Onramp would use, or why none")
    func automatic() throws {
        let run = try runOnramp(["gpu"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Vulkan devices:\n"), "\(run.stdout)")
        #expect(run.stdout.contains(": llvmpipe"), "lavapipe is listed: \(run.stdout)")
        #expect(run.stdout.contains("software renderer on the processor, Vulkan 1."))
        let onlySoftware = run.stdout.contains("Onramp uses the processor: The only Vulkan device is a software renderer")
        let usesCard = run.stdout.contains("Onramp would compute on ") && run.stdout.contains("matches the processor's")
        #expect(onlySoftware || usesCard, "\(run.stdout)")
    }

    @Test("gpu --device llvmpipe uses the software renderer and checks a product against the processor")
    func namedSoftware() throws {
        let run = try runOnramp(["gpu", "--device", "llvmpipe"])
        #expect(run.status == 0, "\(run.stderr)")
        let marked = run.stdout.split(separator: "\n").filter { $0.hasPrefix("  * ") }
        #expect(marked.count == 1 && marked[0].contains(": llvmpipe"), "the chosen device is marked: \(run.stdout)")
        #expect(run.stdout.contains("Check: a quantised matrix product on it matches the processor's (NMSE "), "\(run.stdout)")
    }

    @Test("gpu --device naming no device fails (1) with the devices Vulkan lists and what to do")
    func unknownDevice() throws {
        let run = try runOnramp(["gpu", "--device", "no-such-card"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("Vulkan devices:\n"), "the list is still shown: \(run.stdout)")
        #expect(run.stderr.hasPrefix("onramp gpu: error: No Vulkan device matches \"no-such-card\"; Vulkan lists: "), "\(run.stderr)")
        #expect(run.stderr.contains("Run onramp gpu to list the devices"))
    }
}
