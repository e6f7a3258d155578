// The list of every check `onramp doctor` runs, in the order their findings are documented.

public enum CheckRegistry {
    public static let all: [any Check] = [
        CPUWithoutAVX(),
        LowMemory(),
        NoSwap(),
        CgroupMemoryLimit(),
        LowDiskSpace(),
        NvidiaNoDriver(),
        NouveauBound(),
        NvidiaModuleNotBuiltForKernel(),
        SecureBootBlocksNvidia(),
        DriverLibraryMismatch(),
        DriverTooOldForCuda(),
        RuntimeNeedsNewerDriver(),
        RuntimeCannotRunOnGPU(),
        RuntimeLacksGPUCode(),
        NvidiaUVMNotLoaded(),
        CUDAInitFailed(),
        NvidiaGPULost(),
        NvidiaDeviceNodesMissing(),
        AMDWithoutKFD(),
        UserNotInRenderGroup(),
        GPUDeviceNodeClosed(),
        AMDGfxUnsupported(),
        ROCmKernelMismatch(),
        VulkanMissing(),
        VulkanInitFailed(),
        GPUSuspended(),
        ContainerWithoutGPU(),
        ContainerToolkitMissing(),
        CDISpecStale(),
        WSLWithoutCUDA(),
        CUDAVisibleDevicesHidesAll(),
        LDLibraryPathShadows(),
        ProxySet(),
        OllamaPortInUse(),
        OllamaModelsLowSpace(),
        OllamaModelsUnreachable(),
        LMStudioModelsLowSpace(),
        LlamaServerModelMissing(),
        ModelsFromOtherTools(),
        TerminalLimited(),
    ]

    /// Every finding id any check can report.
    public static var findingIDs: [String] { all.flatMap(\.kinds).map(\.id) }
}
