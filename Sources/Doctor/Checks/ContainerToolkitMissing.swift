// Finds Docker or Podman on a machine with an NVIDIA card but without the NVIDIA Container Toolkit:
// `docker run --gpus all` then stops with 'could not select device driver "" with capabilities: [[gpu]]'
// and Podman has no `nvidia.com/gpu` devices, so containers (Ollama's image among them) run on the CPU.

import Probe

public struct ContainerToolkitMissing: Check {
    static let repository = "https://nvidia.github.io/libnvidia-container"
    static let configure: [FixStep] = [
        .command("sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker   # Docker"),
        .command("sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml   # Podman (--device nvidia.com/gpu=all)"),
        .command("docker run --rm --gpus all ubuntu nvidia-smi   # check: it lists the card"),
    ]

    static let kind = FindingKind(
        id: "container.toolkit-missing", area: .system, severity: .warning,
        title: "Containers cannot use the NVIDIA card: the NVIDIA Container Toolkit is not installed",
        explanation: "Docker and Podman need NVIDIA's Container Toolkit to hand the graphics card to a container. "
            + "Without it `docker run --gpus all` fails (\"could not select device driver\") and models in "
            + "containers run on the CPU only. The driver on this machine is not the problem.",
        fix: Fix(
            byFamily: [
                .apt: [
                    .command("curl -fsSL \(repository)/gpgkey | sudo gpg --dearmor -o /usr/share/keyrings/nvidia-container-toolkit-keyring.gpg"),
                    .command("curl -sL \(repository)/stable/deb/nvidia-container-toolkit.list | sed 's#deb https://#deb "
                        + "[signed-by=/usr/share/keyrings/nvidia-container-toolkit-keyring.gpg] https://#g' "
                        + "| sudo tee /etc/apt/sources.list.d/nvidia-container-toolkit.list"),
                    .command("sudo apt update && sudo apt install nvidia-container-toolkit"),
                ] + configure,
                .dnf: [
                    .command("curl -sL \(repository)/stable/rpm/nvidia-container-toolkit.repo | sudo tee /etc/yum.repos.d/nvidia-container-toolkit.repo"),
                    .command("sudo dnf install nvidia-container-toolkit"),
                ] + configure,
                .zypper: [
                    .command("sudo zypper ar \(repository)/stable/rpm/nvidia-container-toolkit.repo"),
                    .command("sudo zypper --gpg-auto-import-keys install nvidia-container-toolkit"),
                ] + configure,
                .pacman: [.command("sudo pacman -S nvidia-container-toolkit")] + configure,
            ],
            everywhere: [
                .manual("Install nvidia-container-toolkit as NVIDIA describes for your distribution: "
                    + "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html"),
            ] + configure))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let host = facts.containerHost, host.nvidiaToolkitPrograms.isEmpty else { return [] }
        let engines = [host.docker, host.podman].compactMap { $0 }
        let nvidia = !facts.gpus(.nvidia).isEmpty || facts.environment.wsl?.wslLibcudaPresent == true
        guard !engines.isEmpty, nvidia else { return [] }
        var evidence = engines.map { "container engine: \($0)" }
        evidence += facts.gpus(.nvidia).map { "NVIDIA card: \(AreaSummary.gpuName($0))" }
        evidence.append("not on PATH: " + ContainerHostFacts.toolkitProgramNames.joined(separator: ", "))
        if let runtimes = host.dockerRuntimes {
            evidence.append("runtimes in /etc/docker/daemon.json: " + (runtimes.isEmpty ? "none" : runtimes.joined(separator: ", ")))
        }
        return [Self.kind.found(evidence: evidence)]
    }
}
