// Where the Scan step gets its facts: the live machine, or a captured profile for demos and tests.
// The same machine is where the Checks screen runs an agreed fix and probes again.
import Doctor
import LiveMachine
import Probe

public struct MachineScan: Sendable {
    /// Starts a scan; each update carries one more finished area.
    public let start: @Sendable () -> AsyncStream<ScanUpdate>
    /// Where a fix runs and the machine is probed again afterwards; nil when fixes cannot run
    /// (the Checks screen then only shows them).
    public let fixTarget: (@Sendable (FixAction) throws -> any FixTarget)?

    public init(
        start: @escaping @Sendable () -> AsyncStream<ScanUpdate>,
        fixTarget: (@Sendable (FixAction) throws -> any FixTarget)? = nil
    ) {
        self.start = start
        self.fixTarget = fixTarget
    }

    /// This computer, with the probe's usual time limit for each external tool.
    public static func live() -> MachineScan {
        MachineScan(start: { Prober(source: LiveSystem()).scan() }, fixTarget: { _ in LiveFixTarget() })
    }

    /// A captured machine (a `profiles/NAME` folder); fixes replay from its `fixes/` folder.
    public static func replay(folder: String) throws(ProfileError) -> MachineScan {
        let source = try ReplaySystem(folder: folder)
        return MachineScan(
            start: { Prober(source: source).scan() },
            fixTarget: { action in try ReplayFixTarget(profile: folder, actionID: action.id) })
    }
}
