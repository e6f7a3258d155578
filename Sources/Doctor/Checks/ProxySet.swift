// Notes proxy variables: downloads will go through the proxy they name.

import Probe

public struct ProxySet: Check {
    public let id = "env.proxy-set"
    public let area = Area.environment

    static let kind = FindingKind(
        id: "env.proxy-set", area: .environment, severity: .info,
        title: "A proxy is set: model downloads will go through it",
        explanation: "Proxy variables are set, so Onramp sends downloads through that proxy (hosts in NO_PROXY "
            + "excepted). If downloads fail or stall, the proxy may block or slow large files from huggingface.co.",
        fix: .steps(.command("env | grep -i _proxy   # see where downloads will go")))

    public var kinds: [FindingKind] { [Self.kind] }

    public init() {}

    public func run(_ facts: MachineFacts) throws -> [Finding] {
        let names = facts.environment.proxyVariables
        guard !names.isEmpty else { return [] }
        // The values may contain passwords, so the probe keeps names only.
        return [Self.kind.found(evidence: ["set: " + names.sorted().joined(separator: ", ")])]
    }
}
