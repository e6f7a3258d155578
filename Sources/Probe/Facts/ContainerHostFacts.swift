// Container engines on this machine (as a host, not inside a container) and what gives their
// containers the NVIDIA card: the NVIDIA Container Toolkit, Docker's runtimes, and CDI specs.

public struct ContainerHostFacts: Codable, Sendable, Equatable {
    /// The toolkit's programs the probe looks for; any one of them means it is installed.
    public static let toolkitProgramNames = [
        "nvidia-ctk", "nvidia-container-runtime", "nvidia-container-runtime-hook", "nvidia-container-cli",
    ]

    /// Paths of `docker` and `podman` on PATH.
    public var docker: String?
    public var podman: String?
    /// NVIDIA Container Toolkit programs found on PATH (`nvidia-ctk`, `nvidia-container-runtime-hook`, …).
    public var nvidiaToolkitPrograms: [String]
    /// Runtime names in `/etc/docker/daemon.json` (`nvidia`); nil when the file is absent or unreadable.
    public var dockerRuntimes: [String]?
    public var dockerDefaultRuntime: String?
    /// CDI specifications in `/etc/cdi` and `/var/run/cdi`.
    public var cdiSpecs: [CDISpecFacts]

    public init(
        docker: String? = nil, podman: String? = nil, nvidiaToolkitPrograms: [String] = [],
        dockerRuntimes: [String]? = nil, dockerDefaultRuntime: String? = nil, cdiSpecs: [CDISpecFacts] = []
    ) {
        self.docker = docker
        self.podman = podman
        self.nvidiaToolkitPrograms = nvidiaToolkitPrograms
        self.dockerRuntimes = dockerRuntimes
        self.dockerDefaultRuntime = dockerDefaultRuntime
        self.cdiSpecs = cdiSpecs
    }
}

public struct CDISpecFacts: Codable, Sendable, Equatable {
    public var path: String
    /// `kind:` of the spec (`nvidia.com/gpu`).
    public var kind: String?
    /// How many files of the host the spec mounts into containers (`hostPath:`).
    public var hostPaths: Int
    /// Those that no longer exist: the spec was made for a driver that has since changed.
    public var missingHostPaths: [String]
    /// Driver versions named by the libraries it mounts (`libcuda.so.535.104.05`).
    public var driverVersions: [String]

    public init(path: String, kind: String? = nil, hostPaths: Int = 0, missingHostPaths: [String] = [], driverVersions: [String] = []) {
        self.path = path
        self.kind = kind
        self.hostPaths = hostPaths
        self.missingHostPaths = missingHostPaths
        self.driverVersions = driverVersions
    }
}
