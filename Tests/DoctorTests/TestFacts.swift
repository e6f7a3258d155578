// Small machines for check tests: a healthy baseline that each test bends in one place.

import Probe
@testable import Doctor

let gib: UInt64 = 1 << 30

/// A healthy x86 desktop with no GPU: no check should find anything on it.
func healthyMachine(_ change: (inout MachineFacts) -> Void = { _ in }) -> MachineFacts {
    var facts = MachineFacts(
        cpu: CPUFacts(
            architecture: "x86_64", vendor: "GenuineIntel", modelName: "Test CPU", physicalCores: 8,
            logicalCores: 16, features: [.sse4_2, .avx, .avx2, .fma, .f16c]),
        memory: MemoryFacts(totalBytes: 32 * gib, availableBytes: 24 * gib, swapTotalBytes: 8 * gib, swapFreeBytes: 8 * gib),
        disks: [DiskFacts(purpose: "models", path: "/home/user/.local/share/onramp/models",
                          measuredPath: "/home/user", totalBytes: 500 * gib, availableBytes: 200 * gib)],
        os: OSFacts(distroID: "ubuntu", distroVersion: "24.04", distroFamily: ["debian"], prettyName: "Ubuntu 24.04 LTS",
                    kernelRelease: "6.8.0-45-generic"),
        environment: EnvironmentFacts(locale: "en_US.UTF-8", term: "xterm-256color"))
    facts.drivers.user = UserFacts(name: "user", uid: 1000, groups: ["user", "sudo"])
    facts.commands = [CommandFact(argv: ["/usr/sbin/ldconfig", "-p"], outcome: .succeeded, exitStatus: 0)]
    change(&facts)
    return facts
}

/// An NVIDIA card on the PCI bus with a working driver 550.
func nvidiaMachine(_ change: (inout MachineFacts) -> Void = { _ in }) -> MachineFacts {
    healthyMachine { facts in
        facts.gpus = [GPUFacts(pciAddress: "0000:01:00.0", vendor: .nvidia, vendorID: "10de", deviceID: "2504",
                               pciClass: "030000", name: "NVIDIA GeForce RTX 3060", driver: "nvidia",
                               vramBytes: 12 * gib, powerState: "D0", runtimeStatus: "active")]
        facts.drivers.nvidia = NvidiaFacts(
            moduleLoaded: true, kernelModuleVersion: "550.54.15", sysModuleVersion: "550.54.15", uvmLoaded: true,
            nouveauLoaded: false, deviceNodes: ["nvidia0", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools"],
            smiDriverVersion: "550.54.15")
        facts.drivers.libraries = [
            LibraryFact(name: "libcuda.so", path: "/usr/lib/x86_64-linux-gnu/libcuda.so.1", version: "550.54.15"),
            LibraryFact(name: "libnvidia-ml.so", path: "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1", version: "550.54.15"),
            LibraryFact(name: "libvulkan.so", path: "/usr/lib/x86_64-linux-gnu/libvulkan.so.1"),
        ]
        facts.drivers.vulkan = VulkanFacts(loaderPresent: true, icdFiles: ["/usr/share/vulkan/icd.d/nvidia_icd.json"])
        change(&facts)
    }
}

/// An AMD RX 6700 XT (gfx1031) with amdgpu, /dev/kfd, ROCm and Mesa's Vulkan driver, user in render.
func amdMachine(_ change: (inout MachineFacts) -> Void = { _ in }) -> MachineFacts {
    healthyMachine { facts in
        facts.gpus = [GPUFacts(pciAddress: "0000:03:00.0", vendor: .amd, vendorID: "1002", deviceID: "73df",
                               pciClass: "030000", name: "AMD Radeon RX 6700 XT", driver: "amdgpu",
                               vramBytes: 12 * gib, renderNode: "/dev/dri/renderD128", gfxTarget: "gfx1031")]
        facts.drivers.amd = AMDFacts(amdgpuLoaded: true, kfd: DeviceNode(path: "/dev/kfd", owner: "root", group: "render", mode: "0660"),
                                     rocmVersion: "6.2.0", rocminfoTargets: ["gfx1031"])
        facts.drivers.renderNodes = [DeviceNode(path: "/dev/dri/renderD128", owner: "root", group: "render", mode: "0660")]
        facts.drivers.user = UserFacts(name: "user", uid: 1000, groups: ["user", "render", "video"])
        facts.drivers.vulkan = VulkanFacts(loaderPresent: true, icdFiles: ["/usr/share/vulkan/icd.d/radeon_icd.x86_64.json"])
        facts.environment.hsaOverrideGfxVersion = "10.3.0"
        change(&facts)
    }
}

/// The ids all registered checks report for these facts, sorted.
func findingIDs(_ facts: MachineFacts) -> [String] {
    CheckRunner().examine(facts).findingIDs
}

func ids(_ check: some Check, _ facts: MachineFacts) throws -> [String] {
    try check.run(facts).map(\.id)
}
