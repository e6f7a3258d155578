// The parts of the machine the doctor reports on, one summary line each, in this order.

public enum Area: String, Sendable, Codable, CaseIterable {
    case cpu
    case memory
    case disk
    case gpu
    case system
    case environment
    case runtimes
    case terminal

    /// The heading a person sees in `onramp doctor`.
    public var name: String {
        switch self {
        case .cpu: "CPU"
        case .memory: "Memory"
        case .disk: "Disk space"
        case .gpu: "Graphics card"
        case .system: "Container, VM and WSL"
        case .environment: "Environment variables"
        case .runtimes: "Other AI tools"
        case .terminal: "Terminal"
        }
    }
}
