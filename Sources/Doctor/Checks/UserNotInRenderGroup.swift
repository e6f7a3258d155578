// Finds a user who cannot open the GPU's device files (/dev/kfd, /dev/dri/renderD*) because they
// are not in the group that owns them.

import Probe

public struct UserNotInRenderGroup: Check {
    public let id = "gpu.user-not-in-render-group"
    public let area = Area.gpu

    static let kind = FindingKind(
        id: "gpu.user-not-in-render-group", area: .gpu, severity: .error,
        title: "You are not in the render/video group, so programs cannot open the graphics card",
        explanation: "AMD and Intel cards are used through /dev/kfd and /dev/dri/renderD*, which only members "
            + "of their group (render or video) may open. ROCm and Vulkan then report no GPU, or fail with "
            + "\"permission denied\". Adding yourself to the groups takes effect after logging out and in.",
        fix: .steps(
            .command("sudo usermod -aG render,video $USER"),
            .manual("Log out and back in (or reboot), then check with `groups`.")),
        runnable: true)

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        guard let user = facts.drivers.user, user.uid != 0,
            facts.gpus.contains(where: { $0.vendor == .amd || $0.vendor == .intel })
        else { return [] }
        let nodes = ([facts.drivers.amd.kfd].compactMap { $0 } + facts.drivers.renderNodes)
        let closed = nodes.filter { node in
            // Only the GPU groups: a node owned by another group is not ours to open up.
            guard let group = node.group, ["render", "video"].contains(group), !user.groups.contains(group)
            else { return false }
            return !Self.othersMayReadWrite(node.mode)
        }
        guard !closed.isEmpty else { return [] }
        let groups = ["render", "video"].filter { !user.groups.contains($0) }
        let evidence = closed.map { "\($0.path): group \($0.group ?? "?"), mode \($0.mode ?? "?")" }
            + ["your groups: " + (user.groups.isEmpty ? "none" : user.groups.joined(separator: " "))]
        let action = FixAction(
            id: "add-user-to-render-group",
            changes: "Adds you (\(user.name)) to the groups \(groups.joined(separator: ", ")); "
                + "it takes effect after logging out and in.",
            commands: [["usermod", "-aG", groups.joined(separator: ","), user.name]], needsRoot: true,
            afterwards: .logOutAndIn)
        return [Self.kind.found(
            evidence: evidence,
            fix: .steps(.command("sudo usermod -aG \(groups.joined(separator: ",")) \(user.name)"),
                        .manual("Log out and back in (or reboot), then check with `groups`.")),
            action: action)]
    }

    /// Octal mode strings like `0666`: the last digit holds the permissions for everyone else.
    static func othersMayReadWrite(_ mode: String?) -> Bool {
        guard let last = mode?.last, let digit = last.wholeNumberValue else { return false }
        return digit & 0b110 == 0b110
    }
}
