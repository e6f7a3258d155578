// Where the Scan step gets its facts: the live machine, or a captured profile for demos and tests.
import Probe

public struct MachineScan: Sendable {
    /// Starts a scan; each update carries one more finished area.
    public let start: @Sendable () -> AsyncStream<ScanUpdate>

    public init(start: @escaping @Sendable () -> AsyncStream<ScanUpdate>) {
        self.start = start
    }

    /// This computer, with the probe's usual time limit for each external tool.
    public static func live() -> MachineScan {
        MachineScan { Prober(source: LiveSystem()).scan() }
    }

    /// A captured machine (a `profiles/NAME` folder).
    public static func replay(folder: String) throws(ProfileError) -> MachineScan {
        let source = try ReplaySystem(folder: folder)
        return MachineScan { Prober(source: source).scan() }
    }
}
