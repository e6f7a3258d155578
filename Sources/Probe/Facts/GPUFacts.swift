// One graphics or compute device: who made it, which driver holds it, its memory and whether it sleeps.

public struct GPUFacts: Codable, Sendable, Equatable {
    /// PCI address such as `0000:01:00.0`; nil for devices found only by a tool (no PCI bus).
    public var pciAddress: String?
    public var vendor: GPUVendor
    /// PCI vendor and device ids, lower-case hex without `0x` (`10de`, `2504`).
    public var vendorID: String?
    public var deviceID: String?
    /// PCI class code (`030000` VGA, `030200` 3D controller, `038000` display controller).
    public var pciClass: String?
    /// Product name from the driver's tools (nvidia-smi, rocminfo, vulkaninfo) when one answered.
    public var name: String?
    /// Kernel driver bound to the device (`nvidia`, `nouveau`, `amdgpu`, `i915`, `xe`); nil: none bound.
    public var driver: String?
    /// True for the device the firmware used to boot the display (usually the integrated one on laptops).
    public var bootVGA: Bool?
    public var vramBytes: UInt64?
    /// Where `vramBytes` came from: `sysfs`, `nvidia-smi`, `rocm-smi`.
    public var vramSource: String?
    /// PCI power state (`D0`, `D3hot`, `D3cold`).
    public var powerState: String?
    /// Runtime power management status (`active`, `suspended`, `suspending`, `resuming`).
    public var runtimeStatus: String?
    /// `/dev/dri/renderD…` node that belongs to this device.
    public var renderNode: String?
    /// AMD shader ISA target (`gfx1031`), from the KFD topology or rocminfo.
    public var gfxTarget: String?
    /// NVIDIA compute capability (`8.6`), from nvidia-smi.
    public var computeCapability: String?

    public init(
        pciAddress: String? = nil, vendor: GPUVendor = .other, vendorID: String? = nil, deviceID: String? = nil,
        pciClass: String? = nil, name: String? = nil, driver: String? = nil, bootVGA: Bool? = nil,
        vramBytes: UInt64? = nil, vramSource: String? = nil, powerState: String? = nil,
        runtimeStatus: String? = nil, renderNode: String? = nil, gfxTarget: String? = nil,
        computeCapability: String? = nil
    ) {
        self.pciAddress = pciAddress
        self.vendor = vendor
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.pciClass = pciClass
        self.name = name
        self.driver = driver
        self.bootVGA = bootVGA
        self.vramBytes = vramBytes
        self.vramSource = vramSource
        self.powerState = powerState
        self.runtimeStatus = runtimeStatus
        self.renderNode = renderNode
        self.gfxTarget = gfxTarget
        self.computeCapability = computeCapability
    }

    /// Asleep: waking it just to read it would cost the user battery and a second of lag.
    public var isSuspended: Bool {
        runtimeStatus == "suspended" || powerState == "D3cold"
    }
}

public enum GPUVendor: String, Codable, Sendable {
    case nvidia
    case amd
    case intel
    case other

    /// The maker's name as people write it.
    public var displayName: String {
        switch self {
        case .nvidia: "NVIDIA"
        case .amd: "AMD"
        case .intel: "Intel"
        case .other: "Other"
        }
    }

    public init(pciVendorID: String) {
        switch pciVendorID.lowercased() {
        case "10de": self = .nvidia
        case "1002", "1022": self = .amd
        case "8086": self = .intel
        default: self = .other
        }
    }
}
