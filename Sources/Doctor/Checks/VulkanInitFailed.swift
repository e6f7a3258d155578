// Finds Vulkan failing to reach a GPU that is there, from the probe's Vulkan initialisation test in a
// child process: the instance could not be created, the test crashed or hung, or the only device
// Vulkan lists is a software renderer (llvmpipe) — Vulkan programs (llama.cpp's Vulkan build, GPT4All,
// LM Studio's Vulkan runtime) then run on the CPU.

import Probe

public struct VulkanInitFailed: Check {
    public let id = "vulkan.init"
    public let area = Area.gpu

    static let initFailed = FindingKind(
        id: "vulkan.init-failed", area: .gpu, severity: .warning,
        title: "Vulkan cannot start, although a graphics card is there",
        explanation: "Onramp started Vulkan (created an instance and listed the devices, as every Vulkan program "
            + "does first) in a test process, and it failed. Programs that use the card through Vulkan run on the "
            + "CPU or stop. A driver that crashes here is usually a mix of driver versions from different updates.",
        fix: .steps(
            .manual("Update the system (the graphics driver and Mesa together) and reboot."),
            .manual("If it still fails, `vulkaninfo --summary` (package vulkan-tools) names the driver that breaks.")))

    static let softwareOnly = FindingKind(
        id: "vulkan.software-only", area: .gpu, severity: .warning,
        title: "Vulkan sees only a software renderer, not the graphics card",
        explanation: "Vulkan lists the devices its installed drivers offer. Here the only one is a software "
            + "renderer that runs on the processor (Mesa's llvmpipe), so Vulkan programs are no faster than the CPU. "
            + "The card's own Vulkan driver is missing or cannot reach the card.",
        fix: .steps(.manual("Install the card's Vulkan driver: Mesa's (mesa-vulkan-drivers) for AMD and Intel, the "
            + "NVIDIA driver's own for NVIDIA (Ubuntu: libnvidia-gl-VERSION; Fedora: xorg-x11-drv-nvidia; Arch: nvidia-utils).")))

    public var kinds: [FindingKind] { [Self.initFailed, Self.softwareOnly] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let test = facts.drivers.vulkan.initTest, !facts.computeGPUs.isEmpty else { return [] }
        // A card the user may not open is a permissions problem with its own finding.
        if facts.drivers.renderNodes.contains(where: { $0.accessible == false }) { return [] }
        let cards = facts.computeGPUs.map { "GPU: \(AreaSummary.gpuName($0))" }
        let finding: (FindingKind, [String])
        if !test.succeeded {
            let line: String
            if test.timedOut { line = "Vulkan initialisation test: did not finish within \(VulkanInitTest.timeout)" }
            else if test.crashed { line = "Vulkan initialisation test: crashed inside a Vulkan driver" }
            else { line = "Vulkan initialisation test: vkCreateInstance returned \(test.result ?? 0) (\(test.resultName ?? "unknown error"))" }
            finding = (Self.initFailed, [line])
        } else {
            guard test.hardwareDevices.isEmpty, !test.devices.isEmpty else { return [] }
            // A card without any Vulkan driver manifest is VulkanMissing's finding, with the package to install.
            if !facts.inContainer, !facts.inWSL, facts.gpus.contains(where: { gpu in
                guard let manifest = VulkanMissing.manifestName(gpu.vendor), gpu.driver != nil else { return false }
                return !facts.drivers.vulkan.icdFiles.contains { $0.split(separator: "/").last?.hasPrefix(manifest) == true }
            }) { return [] }
            finding = (Self.softwareOnly, ["Vulkan initialisation test: only " + test.devices.map { "\($0.name) (\($0.type))" }.joined(separator: ", ")])
        }
        let evidence = finding.1 + cards + icdEvidence(facts)
        guard facts.inContainer, !facts.gpus(.nvidia).isEmpty || facts.drivers.nvidia.smiDriverVersion != nil else {
            return [finding.0.found(evidence: evidence)]
        }
        // In a container NVIDIA's Vulkan driver comes from the host through the NVIDIA Container Toolkit,
        // which mounts it only for the graphics capability, and it loads only through libglvnd's libGLX.
        let glvnd = facts.drivers.libraries.contains { $0.name == "libGLX.so" }
        return [finding.0.found(
            evidence: evidence + (facts.librariesWereListed ? ["libGLX.so.0 (libglvnd, which NVIDIA's Vulkan driver needs): " + (glvnd ? "present" : "not in the image")] : []),
            fix: .steps(
                .manual("Start the container with the graphics capability, so the NVIDIA Container Toolkit mounts the driver's Vulkan files:"),
                .command("docker run --gpus all -e NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics …"),
                .manual("NVIDIA's Vulkan driver also needs the GL dispatch libraries inside the image (Debian/Ubuntu images: "
                    + "`apt-get install libglvnd0 libgl1 libglx0 libegl1 libgles2` in its Dockerfile)."),
                .manual("(Kubernetes: set NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics in the pod's env.)")))]
    }

    private func icdEvidence(_ facts: MachineFacts) -> [String] {
        let files = facts.drivers.vulkan.icdFiles
        return ["Vulkan driver manifests: " + (files.isEmpty ? "none" : files.joined(separator: " "))]
    }
}
