// GPU runtimes that other tools carry with them (Ollama's `lib/ollama/cuda_v12`, a pip wheel of torch
// built for CUDA 12.1): they need a driver new enough for their CUDA and a card their CUDA can run on,
// whatever CUDA toolkit the machine has installed.

public struct BundledGPURuntime: Codable, Sendable, Equatable {
    /// `ollama` or `torch`.
    public var tool: String
    /// The folder holding it (`/usr/local/lib/ollama/cuda_v12`, `…/site-packages/torch`).
    public var path: String
    /// CUDA release it was built with (`12.8` from `libcudart.so.12.8.90`, `12` from a folder named
    /// `cuda_v12` without libraries, `12.1` from torch's `version.py`); nil for a ROCm build.
    public var cudaVersion: String?
    /// ROCm (HIP) release for a ROCm build (`6.1`, or empty when only the folder `rocm` says so).
    public var rocmVersion: String?
    /// The tool's own version where it says (torch's `2.1.0+cu121`).
    public var toolVersion: String?
    /// The CUDA library whose compiled architectures were read (`…/cuda_v12/libggml-cuda.so`,
    /// `…/torch/lib/libtorch_cuda.so`); nil when none was read (no NVIDIA card, or no such file).
    public var cudaLibrary: String?
    /// The card generations that library holds code for: `sm_61` machine code, `compute_90` PTX; nil
    /// when not read, or the read failed (see the command list).
    public var cudaArchitectures: [String]?

    public init(tool: String, path: String, cudaVersion: String? = nil, rocmVersion: String? = nil, toolVersion: String? = nil) {
        self.tool = tool
        self.path = path
        self.cudaVersion = cudaVersion
        self.rocmVersion = rocmVersion
        self.toolVersion = toolVersion
    }
}
