// Everything Onramp knows about a machine: one value gathered by `Prober`, replayable from a profile.
// Every field that can be unknown is optional (absent from JSON); add fields, never rename them.

public struct MachineFacts: Codable, Sendable, Equatable {
    public var cpu: CPUFacts
    public var memory: MemoryFacts
    /// Free space where models are stored (and the nearest existing folder that was measured).
    public var disks: [DiskFacts]
    /// Display and compute devices found on the PCI bus (or, on boards without PCI, from the tools).
    public var gpus: [GPUFacts]
    public var drivers: DriverFacts
    public var os: OSFacts
    public var environment: EnvironmentFacts
    public var runtimes: RuntimeFacts
    /// Docker/Podman on this machine as a host and the NVIDIA Container Toolkit; nil when none is installed.
    public var containerHost: ContainerHostFacts?
    /// Kernel messages about graphics drivers, signing and suspend; nil when they could not be read.
    public var kernelMessages: KernelMessagesFacts?
    /// Every external command the probe considered: ran, missing, failed, timed out or skipped (and why).
    public var commands: [CommandFact]

    public init(
        cpu: CPUFacts = .init(), memory: MemoryFacts = .init(), disks: [DiskFacts] = [],
        gpus: [GPUFacts] = [], drivers: DriverFacts = .init(), os: OSFacts = .init(),
        environment: EnvironmentFacts = .init(), runtimes: RuntimeFacts = .init(), commands: [CommandFact] = []
    ) {
        self.cpu = cpu
        self.memory = memory
        self.disks = disks
        self.gpus = gpus
        self.drivers = drivers
        self.os = os
        self.environment = environment
        self.runtimes = runtimes
        self.commands = commands
    }
}
