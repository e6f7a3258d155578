// The Vulkan initialisation test: load the Vulkan loader (libvulkan.so.1) through the dynamic linker,
// create an instance and list the physical devices with their types, as every Vulkan program does
// first. It runs in a child process (`onramp gpu-init-test vulkan`, started by the probe with a
// time-out), so a driver (ICD) that crashes or hangs takes down only the child. A machine whose only
// device is a software one (Mesa's llvmpipe) runs Vulkan programs on the CPU. The test itself, which
// loads the loader, lives with the other live-machine code (LiveMachine's `VulkanInitTest.runHere`).

public enum VulkanInitTest {
    public static let argv = [GPUInitTestProgram.path, GPUInitTestProgram.subcommand, "vulkan"]
    public static let shownArgv = ["onramp", GPUInitTestProgram.subcommand, "vulkan"]
    /// Every installed driver (ICD) is loaded and asked for its devices; a few seconds is generous.
    public static let timeout: Duration = .seconds(5)

    public enum Status: Int32 {
        case initialised = 0
        case initFailed = 1
        case libraryMissing = 2
    }

    /// `VkPhysicalDeviceType` in words, by its value in the Vulkan headers.
    public static let deviceTypes = ["other", "integrated", "discrete", "virtual", "cpu"]
}
