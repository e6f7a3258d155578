// Reads `ldconfig -p` (the dynamic linker's cache) for the GPU libraries that matter.

import Foundation

enum LdconfigReader {
    /// Base names the doctor cares about.
    static let interesting: Set<String> = [
        "libcuda.so", "libnvidia-ml.so", "libcudart.so", "libcublas.so", "libvulkan.so", "libamdhip64.so",
        "libhsa-runtime64.so", "libze_loader.so", "libze_intel_gpu.so", "libigdrcl.so", "libOpenCL.so",
        // NVIDIA's Vulkan driver is loaded through libglvnd's GLX dispatch library; images often lack it.
        "libGLX.so", "libGLX_nvidia.so",
    ]

    struct Entry: Equatable {
        var soname: String
        var baseName: String
        var path: String
    }

    /// Lines like `\tlibcuda.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libcuda.so.1`.
    static func entries(_ text: String) -> [Entry] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let parts = line.components(separatedBy: " => ")
            guard parts.count == 2, let soname = parts[0].trimmingCharacters(in: .whitespaces).split(separator: " ").first
            else { return nil }
            let name = String(soname)
            guard let range = name.range(of: ".so") else { return nil }
            let base = String(name[..<range.upperBound])
            guard interesting.contains(base) else { return nil }
            return Entry(soname: name, baseName: base, path: parts[1].trimmingCharacters(in: .whitespaces))
        }
    }

    /// `libnvidia-ml.so.550.54.15` gives `550.54.15`; `libcuda.so` gives nil.
    static func version(fromFileName name: String) -> String? {
        guard let range = name.range(of: ".so.") else { return nil }
        let version = String(name[range.upperBound...])
        return version.isEmpty ? nil : version
    }
}
