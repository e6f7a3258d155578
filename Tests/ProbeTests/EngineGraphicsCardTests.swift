// The engine's choice of graphics card as the Vulkan child prints it and the probe reads it:
// the lines round-trip, an older capture without them reads as unknown, and a replayed profile
// carries the fact (or its absence) through a missing loader, a crash and a hang.

import Foundation
import Probe
import Testing

@Suite("The engine's graphics card, from the Vulkan initialisation child")
struct EngineGraphicsCardTests {
    static let card = EngineGraphicsCard(device: .init(
        index: 1, name: "NVIDIA GeForce RTX 3060", kind: "discrete graphics card", driverName: "NVIDIA",
        driverInfo: "550.54.14", memoryBytes: 12 << 30, freeBytes: 11 << 30))
    static let none = EngineGraphicsCard(
        reason: "The only Vulkan device is a software renderer (llvmpipe (LLVM 15.0.6, 256 bits)), which computes on the processor, as Onramp already does.",
        advice: "If this computer has a graphics card, install its Vulkan driver; name the software renderer with --device only for testing.")

    @Test("a chosen device and a reason both read back as they were written, colons and all")
    func roundTrip() {
        #expect(EngineGraphicsCardText.read(EngineGraphicsCardText.lines(Self.card)) == Self.card)
        #expect(EngineGraphicsCardText.read(EngineGraphicsCardText.lines(Self.none)) == Self.none)
        var bare = Self.card
        bare.device?.driverName = nil
        bare.device?.driverInfo = nil
        bare.device?.freeBytes = nil
        #expect(EngineGraphicsCardText.read(EngineGraphicsCardText.lines(bare)) == bare)
        // Beside the init test's own lines, which its reader still reads.
        let output = "library: libvulkan.so.1\nvkCreateInstance: 0 VK_SUCCESS\ndevice: discrete NVIDIA GeForce RTX 3060\ndevices: 1\n"
            + EngineGraphicsCardText.lines(Self.card)
        #expect(EngineGraphicsCardText.read(output) == Self.card)
        #expect(VulkanInitReader.read(output)?.devices.count == 1)
    }

    @Test("a line break inside a value cannot end the line early")
    func oneLineValues() {
        let odd = EngineGraphicsCard(reason: "first\nsecond", advice: "do\nthis")
        let lines = EngineGraphicsCardText.lines(odd)
        #expect(lines.split(separator: "\n").count == 3)
        #expect(EngineGraphicsCardText.read(lines) == EngineGraphicsCard(reason: "first second", advice: "do this"))
    }

    @Test("output without the engine's lines (an older capture), or with half of them, is unknown")
    func unknown() {
        #expect(EngineGraphicsCardText.read("library: libvulkan.so.1\nvkCreateInstance: 0 VK_SUCCESS\ndevices: 0\n") == nil)
        #expect(EngineGraphicsCardText.read("engine-device: 0\nengine-name: X\n") == nil)
        #expect(EngineGraphicsCardText.read("engine-device: none\n") == nil)
        #expect(EngineGraphicsCardText.read("engine-device: -1\nengine-name: X\nengine-kind: y\nengine-memory: 1\n") == nil)
        #expect(EngineGraphicsCardText.read("engine-device: 0\nengine-name: X\nengine-kind: y\nengine-memory: lots\n") == nil)
    }

    /// A copy of a captured container whose Vulkan child answers `stdout` with `exitStatus`.
    static func replay(stdout: String?, record: String) throws -> (MachineFacts, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/case"
        try FileManager.default.copyItem(atPath: RuntimeChannelTests.cases + "docker-vulkan-nvidia-without-glvnd", toPath: copy)
        let base = copy + "/commands/exe_gpu-init-test_vulkan"
        try record.write(toFile: base + ".json", atomically: true, encoding: .utf8)
        if let stdout { try stdout.write(toFile: base + ".stdout", atomically: true, encoding: .utf8) }
        else { try FileManager.default.removeItem(atPath: base + ".stdout") }
        return (Prober(source: try ReplaySystem(folder: copy)).gather(), folder)
    }

    static func exited(_ status: Int) -> String {
        #"{"argv":["/proc/self/exe","gpu-init-test","vulkan"],"exitStatus":\#(status),"outcome":"exited"}"#
    }

    @Test("a replayed capture carries the engine's device; one from before it was recorded leaves it unknown")
    func replayed() throws {
        let output = "library: libvulkan.so.1\nvkCreateInstance: 0 VK_SUCCESS\ndevice: discrete NVIDIA GeForce RTX 3060\ndevices: 1\n"
        let (facts, _) = try Self.replay(stdout: output + EngineGraphicsCardText.lines(Self.card), record: Self.exited(0))
        #expect(facts.drivers.vulkan.engineCard == Self.card)
        #expect(facts.drivers.vulkan.initTest?.succeeded == true)
        // The profile as it was captured: the init test's lines only.
        #expect(try RuntimeChannelTests.replay("docker-vulkan-nvidia-without-glvnd").drivers.vulkan.engineCard == nil)
    }

    @Test("without a loader the child still says why the engine uses the processor; a crash or a hang says nothing")
    func missingLoaderCrashAndHang() throws {
        let noLoader = EngineGraphicsCard(
            reason: "Vulkan is not installed: the Vulkan loader (libvulkan.so.1) could not be opened.", advice: "Install the loader.")
        let missing = "library: missing (libvulkan.so.1: cannot open shared object file)\n" + EngineGraphicsCardText.lines(noLoader)
        let (facts, _) = try Self.replay(stdout: missing, record: Self.exited(Int(VulkanInitTest.Status.libraryMissing.rawValue)))
        #expect(facts.drivers.vulkan.engineCard == noLoader)
        #expect(facts.drivers.vulkan.initTest == nil)

        let (crashed, _) = try Self.replay(stdout: EngineGraphicsCardText.lines(Self.card), record: Self.exited(139))
        #expect(crashed.drivers.vulkan.initTest?.crashed == true)
        #expect(crashed.drivers.vulkan.engineCard == nil)
        let (hung, _) = try Self.replay(stdout: nil, record: #"{"argv":["/proc/self/exe","gpu-init-test","vulkan"],"outcome":"timedOut"}"#)
        #expect(hung.drivers.vulkan.engineCard == nil)
    }

    @Test("onramp probe shows one line for the engine's card, the advice only under -v, and it is in the JSON")
    func shown() throws {
        var facts = try RuntimeChannelTests.replay("docker-vulkan-nvidia-without-glvnd")
        facts.drivers.vulkan.engineCard = Self.card
        let text = FactsText.render(facts)
        #expect(text.contains("Engine's graphics card  NVIDIA GeForce RTX 3060 (driver NVIDIA 550.54.14, 12.0 GiB, 11.0 GiB free)"))
        #expect(facts.jsonText().contains("\"engineCard\""))
        #expect(try MachineFacts.decode(json: facts.jsonText()) == facts)

        facts.drivers.vulkan.engineCard = Self.none
        let plain = FactsText.render(facts), verbose = FactsText.render(facts, verbose: true)
        #expect(plain.contains("Engine's graphics card  none — The only Vulkan device is a software renderer"))
        #expect(!plain.contains("What to do"))
        #expect(verbose.contains("What to do: If this computer has a graphics card, install its Vulkan driver"))

        facts.drivers.vulkan.engineCard = nil
        #expect(!FactsText.render(facts).contains("Engine's graphics card"))
        facts.gpus = [GPUFacts(pciAddress: "0000:01:00.0", vendor: .nvidia, vendorID: "10de", deviceID: "2504", pciClass: "030000",
                               driver: "nvidia", powerState: "D3cold", runtimeStatus: "suspended")]
        #expect(FactsText.render(facts).contains("Engine's graphics card  not checked: a graphics card is asleep"))
    }
}
