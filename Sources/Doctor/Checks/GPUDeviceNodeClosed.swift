// Finds a GPU compute device file (/dev/kfd, /dev/dri/renderD*) that this user cannot open and whose
// group is not one a user joins: no group membership helps, only a udev rule that hands it to render.

import Probe

public struct GPUDeviceNodeClosed: Check {
    static let kind = FindingKind(
        id: "gpu.device-node-closed", area: .gpu, severity: .error,
        title: "The graphics card's device file is closed to everyone but root",
        explanation: "Programs use AMD and Intel cards through /dev/kfd and /dev/dri/renderD*. Here such a file "
            + "belongs to a group no user is meant to join (often root, mode 0600) because no udev rule gave it "
            + "to the render group, so ROCm and Vulkan work only as root. Joining a group cannot help; a udev "
            + "rule sets the owner at every boot.",
        fix: .steps(
            .command("echo 'KERNEL==\"kfd\", GROUP=\"render\", MODE=\"0660\"' | sudo tee /etc/udev/rules.d/70-kfd.rules"),
            .command("sudo udevadm control --reload && sudo udevadm trigger"),
            .manual("Then join the render group (`sudo usermod -aG render $USER`) and log out and back in.")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        // In a container the devices are the host's: their owner is set where the container starts.
        guard let user = facts.drivers.user, user.uid != 0, !facts.inContainer,
            facts.gpus.contains(where: { $0.vendor == .amd || $0.vendor == .intel })
        else { return [] }
        let nodes = [facts.drivers.amd.kfd].compactMap { $0 } + facts.drivers.renderNodes
        let closed = nodes.filter { node in
            // render and video are UserNotInRenderGroup's: joining them is the fix there.
            guard let group = node.group, !["render", "video"].contains(group), !user.groups.contains(group),
                node.owner != user.name
            else { return false }
            if let accessible = node.accessible { return !accessible }
            return !UserNotInRenderGroup.othersMayReadWrite(node.mode)
        }
        guard !closed.isEmpty else { return [] }
        let rules = closed.map { node in
            node.path == "/dev/kfd"
                ? "KERNEL==\"kfd\", GROUP=\"render\", MODE=\"0660\""
                : "SUBSYSTEM==\"drm\", KERNEL==\"renderD*\", GROUP=\"render\", MODE=\"0660\""
        }
        var steps: [FixStep] = [
            .command("printf '%s\\n' " + rules.map { "'\($0)'" }.joined(separator: " ")
                + " | sudo tee /etc/udev/rules.d/70-gpu-compute.rules"),
            .command("sudo udevadm control --reload && sudo udevadm trigger"),
        ]
        if !user.groups.contains("render") {
            steps += [.command("sudo usermod -aG render \(user.name)"), .manual("Log out and back in, then check with `groups`.")]
        }
        return [Self.kind.found(
            evidence: closed.map { "\($0.path): owner \($0.owner ?? "?"), group \($0.group ?? "?"), mode \($0.mode ?? "?")" }
                + ["your groups: " + (user.groups.isEmpty ? "none" : user.groups.joined(separator: " "))],
            fix: Fix(everywhere: steps))]
    }
}
