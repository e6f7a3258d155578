// Opens the Vulkan loader (libvulkan.so.1) at run time with dlopen: Onramp is never linked
// against it, so it starts and runs on the processor where Vulkan is missing, and can say so.

import CVulkan

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The loader library and its one exported entry point; every other function comes through it.
final class VulkanLoader {
    let library: String
    let getInstanceProcAddr: PFN_vkGetInstanceProcAddr

    /// Opens `library` (a file name the dynamic linker searches for, or a path). The handle is
    /// never closed: drivers register exit handlers and threads that must not outlive their code,
    /// and a process opens the loader at most a few times, which dlopen counts rather than repeats.
    init(library: String) throws(VulkanUnavailable) {
        _ = dlerror()
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            throw .noLoader(library: library, detail: Self.lastError())
        }
        guard let symbol = dlsym(handle, "vkGetInstanceProcAddr") else {
            throw .noLoader(library: library, detail: "it has no vkGetInstanceProcAddr, so it is not a Vulkan loader")
        }
        self.library = library
        getInstanceProcAddr = unsafeBitCast(symbol, to: PFN_vkGetInstanceProcAddr.self)
    }

    /// A function that needs no instance (vkCreateInstance, vkEnumerateInstanceVersion), or nil.
    func global<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let pointer = getInstanceProcAddr(nil, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }

    /// The loader's Vulkan version: 1.0 loaders lack vkEnumerateInstanceVersion.
    func instanceVersion() -> VulkanVersion {
        guard let enumerate = global("vkEnumerateInstanceVersion", as: PFN_vkEnumerateInstanceVersion.self) else {
            return VulkanVersion(major: 1, minor: 0, patch: 0)
        }
        var packed: UInt32 = 0
        guard enumerate(&packed) == VK_SUCCESS else { return VulkanVersion(major: 1, minor: 0, patch: 0) }
        return VulkanVersion(packed: packed)
    }

    private static func lastError() -> String {
        guard let message = dlerror() else { return "the dynamic linker gave no reason" }
        return String(cString: message)
    }
}
