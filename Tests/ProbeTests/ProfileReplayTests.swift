// Every machine in profiles/ replays to the facts stored beside it, and names only known findings.

import Foundation
import Testing
@testable import Probe

@Suite("Machine profiles")
struct ProfileReplayTests {
    static let profilesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("profiles").path

    static let profiles: [String] = (try? FileManager.default.contentsOfDirectory(atPath: profilesFolder))?
        .filter { FileManager.default.fileExists(atPath: profilesFolder + "/" + $0 + "/system.json") }
        .sorted() ?? []

    /// The finding ids the doctor reports (issue 5); a profile that names another is a typo.
    static let knownFindings: Set<String> = [
        "cpu.no-avx2", "cpu.no-avx", "memory.low", "memory.no-swap", "memory.cgroup-limit", "disk.low-space",
        "nvidia.no-driver", "nvidia.nouveau-bound", "nvidia.secure-boot-unsigned-module",
        "nvidia.driver-library-mismatch", "nvidia.driver-too-old-for-cuda", "nvidia.uvm-not-loaded",
        "nvidia.device-nodes-missing", "container.gpu-not-passed", "wsl.libcuda-missing", "wsl.dxg-missing",
        "amd.kfd-missing", "gpu.user-not-in-render-group", "gpu.device-node-closed", "amd.gfx-unsupported", "amd.rocm-kernel-mismatch",
        "vulkan.loader-missing", "vulkan.icd-missing", "env.cuda-visible-devices-hides-all",
        "env.ld-library-path-shadows", "gpu.discrete-suspended", "runtime.port-11434-in-use",
        "models.found-from-other-tools", "env.proxy-set", "terminal.limited",
    ]

    @Test("there are at least the eleven machines the doctor is tested on")
    func enoughProfiles() {
        #expect(Self.profiles.count >= 11)
    }

    @Test("a profile replays to its golden facts.json and facts.txt", arguments: profiles)
    func replaysToGolden(name: String) throws {
        let folder = Self.profilesFolder + "/" + name
        let facts = Prober(source: try ReplaySystem(folder: folder)).gather()
        let golden = try String(contentsOfFile: folder + "/facts.json", encoding: .utf8)
        #expect(facts.jsonText() == golden, "run profiles/update-facts and review the diff")
        let text = try String(contentsOfFile: folder + "/facts.txt", encoding: .utf8)
        #expect(FactsText.render(facts) == text, "run profiles/update-facts and review the diff")
    }

    @Test("a profile describes itself and names only known findings", arguments: profiles)
    func describesItself(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.profilesFolder + "/" + name + "/profile.json"))
        let profile = try JSONDecoder().decode(ProfileDescription.self, from: data)
        #expect(!profile.description.isEmpty)
        #expect(Set(profile.expectedFindings).isSubset(of: Self.knownFindings))
    }

    @Test("the profiles show what they were written to show")
    func keyFacts() throws {
        func facts(_ name: String) throws -> MachineFacts {
            Prober(source: try ReplaySystem(folder: Self.profilesFolder + "/" + name)).gather()
        }
        let mismatch = try facts("nvidia-driver-library-mismatch")
        #expect(mismatch.drivers.nvidia.kernelModuleVersion == "535.183.01")
        #expect(mismatch.drivers.versions(of: "libnvidia-ml.so") == ["550.54.15"])
        #expect(mismatch.drivers.nvidia.smiError == "Failed to initialize NVML: Driver/library version mismatch")

        let hybrid = try facts("hybrid-laptop-nvidia-suspended")
        #expect(hybrid.gpus.first { $0.vendor == .nvidia }?.isSuspended == true)
        #expect(hybrid.commands.first { $0.argv.first == "/usr/bin/nvidia-smi" }?.outcome == .skipped)

        let docker = try facts("docker-cgroup-limit-no-gpu")
        #expect(docker.environment.container == .docker)
        #expect(docker.memory.cgroup?.memoryLimit == .limited(4 << 30))
        #expect(docker.memory.usableBytes == 4 << 30)
        #expect(docker.drivers.nvidia.deviceNodes.isEmpty)

        let amd = try facts("amd-rx6700xt-not-in-render-group")
        #expect(amd.gpus.first?.gfxTarget == "gfx1031")
        #expect(amd.drivers.amd.kfd?.group == "render")
        #expect(amd.drivers.user?.groups.contains("render") == false)
        #expect(amd.drivers.amd.kfd?.accessible == false)
        #expect(amd.drivers.renderNodes.first { $0.path == "/dev/dri/renderD128" }?.accessible == true)

        let wsl = try facts("wsl2-nvidia")
        #expect(wsl.environment.wsl?.version == 2)
        #expect(wsl.gpus.first?.name == "NVIDIA GeForce RTX 4070")

        let pi = try facts("raspberry-pi-5")
        #expect(pi.cpu.architecture == "aarch64")
        #expect(pi.cpu.features == [.neon, .dotprod])

        let laptop = try facts("old-laptop-no-avx2")
        #expect(laptop.cpu.has(.avx2) == false)
        #expect(laptop.disks.first?.availableBytes == 16_106_127_360)

        let arc = try facts("intel-arc-a770-no-vulkan-icd")
        #expect(arc.drivers.vulkan.devices == ["llvmpipe (LLVM 17.0.6, 256 bits)"])
        #expect(arc.drivers.vulkan.hardwareDevices == [])
        #expect(arc.drivers.vulkan.icdFiles.allSatisfy { !$0.contains("intel") })

        let nouveau = try facts("nvidia-nouveau-secure-boot")
        #expect(nouveau.gpus.first?.driver == "nouveau")
        #expect(nouveau.environment.secureBoot == true)
        #expect(nouveau.drivers.nvidia.moduleLoaded == false)

        let cloud = try facts("cloud-vm-avx512")
        #expect(cloud.cpu.has(.avx512f) == true)
        #expect(cloud.memory.swapTotalBytes == 0)

        let desktop = try facts("desktop-rtx3060-ubuntu2204")
        #expect(desktop.runtimes.port11434InUse == true)
        #expect(desktop.gpus.first?.vramBytes == 12 << 30)
    }
}
