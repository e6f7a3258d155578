// Where the probe runs (container, WSL, VM), firmware state and the environment variables that matter.

public struct EnvironmentFacts: Codable, Sendable, Equatable {
    /// nil: not in a container (as far as the probe can tell).
    public var container: ContainerKind?
    /// What gave the container away (`/.dockerenv`, `/proc/1/cgroup`).
    public var containerEvidence: String?
    public var wsl: WSLFacts?
    /// `systemd-detect-virt` answer or DMI guess: `kvm`, `vmware`, `microsoft`, `none`.
    public var virtualization: String?
    public var dmiVendor: String?
    public var dmiProduct: String?
    public var secureBoot: Bool?
    public var cudaVisibleDevices: String?
    public var hsaOverrideGfxVersion: String?
    /// `LD_LIBRARY_PATH` split on `:`; nil when unset.
    public var ldLibraryPath: [String]?
    /// GPU libraries inside the `LD_LIBRARY_PATH` folders: these win over the system's copies.
    public var ldLibraryPathLibraries: [LibraryFact]?
    /// Names of proxy variables that are set (never their values: they may hold passwords).
    public var proxyVariables: [String]
    public var locale: String?
    public var term: String?
    public var colorTerm: String?
    public var noColor: Bool

    public init(
        container: ContainerKind? = nil, containerEvidence: String? = nil, wsl: WSLFacts? = nil,
        virtualization: String? = nil, dmiVendor: String? = nil, dmiProduct: String? = nil,
        secureBoot: Bool? = nil, cudaVisibleDevices: String? = nil, hsaOverrideGfxVersion: String? = nil,
        ldLibraryPath: [String]? = nil, proxyVariables: [String] = [], locale: String? = nil,
        term: String? = nil, colorTerm: String? = nil, noColor: Bool = false
    ) {
        self.container = container
        self.containerEvidence = containerEvidence
        self.wsl = wsl
        self.virtualization = virtualization
        self.dmiVendor = dmiVendor
        self.dmiProduct = dmiProduct
        self.secureBoot = secureBoot
        self.cudaVisibleDevices = cudaVisibleDevices
        self.hsaOverrideGfxVersion = hsaOverrideGfxVersion
        self.ldLibraryPath = ldLibraryPath
        self.proxyVariables = proxyVariables
        self.locale = locale
        self.term = term
        self.colorTerm = colorTerm
        self.noColor = noColor
    }
}

public enum ContainerKind: String, Codable, Sendable {
    case docker
    case podman
    case lxc
    case kubernetes
    case other
}

public struct WSLFacts: Codable, Sendable, Equatable {
    /// 1 or 2 (WSL 1 has no GPU support at all).
    public var version: Int?
    /// `/dev/dxg`, the Windows GPU paravirtualisation device.
    public var dxgPresent: Bool
    /// `/usr/lib/wsl/lib` exists (Windows' driver libraries mapped in).
    public var wslLibPresent: Bool
    /// `libcuda.so` is in `/usr/lib/wsl/lib`.
    public var wslLibcudaPresent: Bool

    public init(version: Int? = nil, dxgPresent: Bool = false, wslLibPresent: Bool = false, wslLibcudaPresent: Bool = false) {
        self.version = version
        self.dxgPresent = dxgPresent
        self.wslLibPresent = wslLibPresent
        self.wslLibcudaPresent = wslLibcudaPresent
    }
}
