// Kernel modules, user-space libraries and device nodes that GPU compute needs.

public struct DriverFacts: Codable, Sendable, Equatable {
    public var nvidia: NvidiaFacts
    public var amd: AMDFacts
    public var vulkan: VulkanFacts
    public var intel: IntelComputeFacts
    /// GPU-related shared libraries found by `ldconfig -p` (and their versions from file names).
    public var libraries: [LibraryFact]
    /// `/dev/dri/renderD*` nodes with their owners.
    public var renderNodes: [DeviceNode]
    /// The user running the probe (name replaced by a placeholder in profiles) and their groups.
    public var user: UserFacts?

    public init(
        nvidia: NvidiaFacts = .init(), amd: AMDFacts = .init(), vulkan: VulkanFacts = .init(),
        intel: IntelComputeFacts = .init(), libraries: [LibraryFact] = [], renderNodes: [DeviceNode] = [],
        user: UserFacts? = nil
    ) {
        self.nvidia = nvidia
        self.amd = amd
        self.vulkan = vulkan
        self.intel = intel
        self.libraries = libraries
        self.renderNodes = renderNodes
        self.user = user
    }

    /// The distinct versions of one library (`libcuda.so`) in the order `ldconfig` listed them.
    public func versions(of library: String) -> [String] {
        var seen = Set<String>()
        return libraries.filter { $0.name == library }.compactMap(\.version).filter { seen.insert($0).inserted }
    }
}

public struct NvidiaFacts: Codable, Sendable, Equatable {
    /// The `nvidia` kernel module is loaded (`/sys/module/nvidia` exists).
    public var moduleLoaded: Bool?
    /// From `/proc/driver/nvidia/version` (`535.183.01`).
    public var kernelModuleVersion: String?
    /// From `/sys/module/nvidia/version`.
    public var sysModuleVersion: String?
    public var uvmLoaded: Bool?
    public var nouveauLoaded: Bool?
    /// `/dev/nvidia*` nodes present (`nvidia0`, `nvidiactl`, `nvidia-uvm`).
    public var deviceNodes: [String]
    /// What nvidia-smi reported as the driver version.
    public var smiDriverVersion: String?
    /// nvidia-smi's own error line when it failed (`Failed to initialize NVML: Driver/library version mismatch`).
    public var smiError: String?
    /// CUDA toolkit version from `/usr/local/cuda/version.json` or `version.txt`.
    public var cudaToolkitVersion: String?
    /// `nvidia.ko` files installed for the running kernel (DKMS, akmods, distro packages), loaded or not.
    public var moduleFiles: [String]?
    /// Version of the `nvidia` module installed on disk for the running kernel (`modinfo -F version nvidia`):
    /// when it differs from the loaded one, a reboot is pending; when equal, a reboot changes nothing.
    public var installedModuleVersion: String?
    /// NVIDIA's `.run` installer put the driver here (`/usr/bin/nvidia-uninstall` exists), not packages.
    public var installedByRunfile: Bool?
    /// The CUDA initialisation test in a child process; nil when it was not run.
    public var cudaInit: CUDAInitFacts?
    /// The newest CUDA the driver supports, from nvidia-smi's header (`CUDA Version: 12.2`).
    public var driverCUDAVersion: String?
    /// What `dkms status` says of NVIDIA's module, asked only when no nvidia module is loaded.
    public var dkmsModules: [DKMSModuleFact]?
    /// Other installed kernels that have an nvidia module, asked only when the running one has none
    /// (a kernel update the driver was not built for).
    public var otherKernelsWithModule: [String]?

    public init(
        moduleLoaded: Bool? = nil, kernelModuleVersion: String? = nil, sysModuleVersion: String? = nil,
        uvmLoaded: Bool? = nil, nouveauLoaded: Bool? = nil, deviceNodes: [String] = [],
        smiDriverVersion: String? = nil, smiError: String? = nil, cudaToolkitVersion: String? = nil
    ) {
        self.moduleLoaded = moduleLoaded
        self.kernelModuleVersion = kernelModuleVersion
        self.sysModuleVersion = sysModuleVersion
        self.uvmLoaded = uvmLoaded
        self.nouveauLoaded = nouveauLoaded
        self.deviceNodes = deviceNodes
        self.smiDriverVersion = smiDriverVersion
        self.smiError = smiError
        self.cudaToolkitVersion = cudaToolkitVersion
    }
}

/// One line of `dkms status`: a module, its version, and what became of it for one kernel.
public struct DKMSModuleFact: Codable, Sendable, Equatable {
    public var module: String
    public var version: String
    /// The kernel it was built for; nil for a module only added, built for no kernel yet.
    public var kernel: String?
    /// `installed`, `built`, `added`, or dkms's own words for a failure.
    public var state: String

    public init(module: String, version: String, kernel: String? = nil, state: String) {
        self.module = module
        self.version = version
        self.kernel = kernel
        self.state = state
    }
}

public struct AMDFacts: Codable, Sendable, Equatable {
    public var amdgpuLoaded: Bool?
    /// `/dev/kfd`, the ROCm compute device; nil when absent.
    public var kfd: DeviceNode?
    /// From `/opt/rocm/.info/version`.
    public var rocmVersion: String?
    /// ISA targets rocminfo listed (`gfx1031`).
    public var rocminfoTargets: [String]
    public var rocminfoError: String?

    public init(
        amdgpuLoaded: Bool? = nil, kfd: DeviceNode? = nil, rocmVersion: String? = nil,
        rocminfoTargets: [String] = [], rocminfoError: String? = nil
    ) {
        self.amdgpuLoaded = amdgpuLoaded
        self.kfd = kfd
        self.rocmVersion = rocmVersion
        self.rocminfoTargets = rocminfoTargets
        self.rocminfoError = rocminfoError
    }
}

public struct VulkanFacts: Codable, Sendable, Equatable {
    /// `libvulkan.so.1` found by the dynamic linker.
    public var loaderPresent: Bool?
    /// ICD manifest files (`/usr/share/vulkan/icd.d/intel_icd.x86_64.json`).
    public var icdFiles: [String]
    /// Device names from `vulkaninfo --summary`, software renderers (llvmpipe) included.
    public var devices: [String]
    /// The same without software renderers: the GPUs Vulkan can really use.
    public var hardwareDevices: [String]?
    public var vulkaninfoError: String?
    /// The Vulkan initialisation test in a child process; nil when it was not run.
    public var initTest: VulkanInitFacts?
    /// The device Onramp's engine would compute on, or why none, from the same child; nil when
    /// unknown (not run, a profile captured before it was recorded, the child crashed or hung).
    public var engineCard: EngineGraphicsCard?

    public init(
        loaderPresent: Bool? = nil, icdFiles: [String] = [], devices: [String] = [], vulkaninfoError: String? = nil
    ) {
        self.loaderPresent = loaderPresent
        self.icdFiles = icdFiles
        self.devices = devices
        self.vulkaninfoError = vulkaninfoError
    }
}

public struct IntelComputeFacts: Codable, Sendable, Equatable {
    /// OpenCL ICD files (`/etc/OpenCL/vendors/intel.icd`).
    public var openCLICDs: [String]
    /// Level Zero GPU driver library (`libze_intel_gpu.so.1`) present.
    public var levelZeroPresent: Bool?

    public init(openCLICDs: [String] = [], levelZeroPresent: Bool? = nil) {
        self.openCLICDs = openCLICDs
        self.levelZeroPresent = levelZeroPresent
    }
}

public struct LibraryFact: Codable, Sendable, Equatable {
    /// Base name without version: `libcuda.so`.
    public var name: String
    public var path: String
    /// Version from the real file's name (`libnvidia-ml.so.550.54.15` gives `550.54.15`).
    public var version: String?

    public init(name: String, path: String, version: String? = nil) {
        self.name = name
        self.path = path
        self.version = version
    }
}

public struct DeviceNode: Codable, Sendable, Equatable {
    public var path: String
    public var owner: String?
    public var group: String?
    /// Permission bits in octal (`0660`).
    public var mode: String?
    /// The probing user may open it for reading and writing, counting ACLs (a desktop session's
    /// `uaccess` grant) that owner, group and mode do not show.
    public var accessible: Bool?

    public init(path: String, owner: String? = nil, group: String? = nil, mode: String? = nil, accessible: Bool? = nil) {
        self.path = path
        self.owner = owner
        self.group = group
        self.mode = mode
        self.accessible = accessible
    }
}

public struct UserFacts: Codable, Sendable, Equatable {
    public var name: String
    public var uid: Int?
    public var groups: [String]

    public init(name: String, uid: Int? = nil, groups: [String] = []) {
        self.name = name
        self.uid = uid
        self.groups = groups
    }
}
