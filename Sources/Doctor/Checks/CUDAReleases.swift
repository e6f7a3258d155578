// What each CUDA release can run on, from NVIDIA's CUDA release notes: the oldest GPU generation it
// still compiles for, and the first release that knows each newer generation.

import Probe

enum CUDAReleases {
    /// The lowest compute capability a CUDA major release builds for (CUDA 12 dropped Kepler, 3.x;
    /// CUDA 13 dropped Maxwell, Pascal and Volta, 5.0 to 7.2).
    static func minimumComputeCapability(cudaMajor: Int) -> DottedVersion? {
        switch cudaMajor {
        case ...7: DottedVersion(2, 0)
        case 8: DottedVersion(2, 0)
        case 9, 10: DottedVersion(3, 0)
        case 11: DottedVersion(3, 5)
        case 12: DottedVersion(5, 0)
        default: DottedVersion(7, 5)
        }
    }

    /// The first CUDA release that compiles for a compute capability (Blackwell, 10.0 and 12.0, came
    /// with 12.8; Hopper 9.0 and Ada 8.9 with 11.8; Ampere 8.6 with 11.1 and 8.0 with 11.0).
    static func firstRelease(for capability: DottedVersion) -> DottedVersion? {
        let table: [(DottedVersion, DottedVersion)] = [
            (DottedVersion(10, 0), DottedVersion(12, 8)), (DottedVersion(9, 0), DottedVersion(11, 8)),
            (DottedVersion(8, 9), DottedVersion(11, 8)), (DottedVersion(8, 6), DottedVersion(11, 1)),
            (DottedVersion(8, 0), DottedVersion(11, 0)), (DottedVersion(7, 5), DottedVersion(10, 0)),
        ]
        return table.first { capability >= $0.0 }?.1
    }

    /// Whether a runtime built with CUDA `runtime` starts on a driver that supports CUDA up to `driver`:
    /// from CUDA 11 on, any release of the same major runs ("minor version compatibility"); before,
    /// the driver had to support that exact release or newer.
    static func runs(_ runtime: DottedVersion, onDriverSupporting driver: DottedVersion) -> Bool {
        let major = runtime.parts[0]
        if major >= 11 { return driver.parts[0] >= major }
        return !(driver < DottedVersion(major, runtime.parts.count > 1 ? runtime.parts[1] : 0))
    }

    /// The tool's name as people know it.
    static func toolName(_ tool: String) -> String {
        switch tool {
        case "ollama": "Ollama"
        case "torch": "PyTorch (torch)"
        default: tool
        }
    }

    /// "CUDA 12.8 (/usr/local/lib/ollama/cuda_v12)".
    static func describe(_ runtime: BundledGPURuntime) -> String {
        "CUDA \(runtime.cudaVersion ?? "?") (\(runtime.path))"
    }
}
