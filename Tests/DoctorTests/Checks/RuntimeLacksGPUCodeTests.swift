// The check that compares the card generations a tool's CUDA library was compiled for with each
// NVIDIA card: PyTorch by CUDA's own rule (machine code for the card's major generation at or below
// its minor, or PTX at or below it), Ollama by its exact-match rule on the library it picks.

import Probe
import Testing
@testable import Doctor

@Suite("Check: an installed tool's CUDA library has no code for the card")
struct RuntimeLacksGPUCodeTests {
    static func torch(_ architectures: String, version: String = "2.8.0+cu128", cuda: String = "12.8") -> BundledGPURuntime {
        var build = BundledGPURuntime(tool: "torch", path: "/v/site-packages/torch", cudaVersion: cuda, toolVersion: version)
        build.cudaLibrary = "/v/site-packages/torch/lib/libtorch_cuda.so"
        build.cudaArchitectures = architectures.split(separator: " ").map(String.init)
        return build
    }

    static func ollama(_ cuda: String, _ architectures: String) -> BundledGPURuntime {
        let folder = "/usr/local/lib/ollama/cuda_v\(cuda.split(separator: ".")[0])"
        var build = BundledGPURuntime(tool: "ollama", path: folder, cudaVersion: cuda)
        build.cudaLibrary = folder + "/libggml-cuda.so"
        build.cudaArchitectures = architectures.split(separator: " ").map(String.init)
        return build
    }

    static let cu128 = "sm_70 sm_75 sm_80 sm_86 sm_90 sm_100 sm_120"

    @Test("PyTorch cu128 on a Pascal card: too old, with the cu126 wheel; a Volta-or-newer card is fine")
    func torchPascal() throws {
        let pascal = nvidiaMachine {
            $0.gpus[0].computeCapability = "6.1"
            $0.runtimes.bundledGPURuntimes = [Self.torch(Self.cu128)]
        }
        let finding = try #require(try RuntimeLacksGPUCode().run(pascal).first)
        #expect(finding.id == "nvidia.gpu-too-old-for-runtime")
        #expect(finding.evidence.contains { $0.contains("sm_61") })
        #expect(finding.evidence.contains { $0.contains("holds code for sm_70") })
        #expect(finding.fix!.steps(for: .apt).map(\.text).joined().contains("whl/cu126"))
        // The version-based check stays silent once the list was read: CUDA 12.8 itself still builds for Pascal.
        #expect(try ids(RuntimeCannotRunOnGPU(), pascal) == [])
        for capability in ["7.0", "8.6", "8.9", "12.0"] {
            var card = pascal
            card.gpus[0].computeCapability = capability
            #expect(try ids(RuntimeLacksGPUCode(), card) == [], "compute capability \(capability)")
        }
        // sm_80 machine code runs on an 8.6 card (same major); PTX compute_90 is compiled for newer cards.
        var ampere = pascal
        ampere.gpus[0].computeCapability = "8.6"
        ampere.runtimes.bundledGPURuntimes = [Self.torch("sm_80")]
        #expect(try ids(RuntimeLacksGPUCode(), ampere) == [])
        var blackwellPTX = pascal
        blackwellPTX.gpus[0].computeCapability = "12.0"
        blackwellPTX.runtimes.bundledGPURuntimes = [Self.torch("sm_80 sm_90 compute_90")]
        #expect(try ids(RuntimeLacksGPUCode(), blackwellPTX) == [])
        blackwellPTX.runtimes.bundledGPURuntimes = [Self.torch("sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90", version: "2.5.1+cu124", cuda: "12.4")]
        #expect(try ids(RuntimeLacksGPUCode(), blackwellPTX) == ["nvidia.gpu-too-new-for-runtime"])
    }

    @Test("Ollama: the library for the driver's newest CUDA decides, by exact generation; unknown driver CUDA: any library")
    func ollamaExact() throws {
        // ollama/ollama#17841: cuda_v13 without sm_86, cuda_v12 with it, a driver for CUDA 13.
        let a6000 = nvidiaMachine {
            $0.gpus[0].computeCapability = "8.6"
            $0.drivers.nvidia.driverCUDAVersion = "13.0"
            $0.runtimes.bundledGPURuntimes = [
                Self.ollama("12.8", "sm_50 sm_61 sm_70 sm_75 sm_80 sm_86 sm_89 sm_90 sm_100 sm_120"),
                Self.ollama("13.0", "sm_75 sm_80 sm_89 sm_90 sm_100 sm_103 sm_110 sm_120 sm_121"),
            ]
        }
        let finding = try #require(try RuntimeLacksGPUCode().run(a6000).first)
        #expect(finding.id == "nvidia.runtime-lacks-gpu-code")
        #expect(finding.evidence.contains { $0.contains("so Ollama uses the library for CUDA 13.0") })
        #expect(finding.evidence.contains { $0.contains("cuda_v12/libggml-cuda.so holds code for") && $0.hasSuffix("(not used)") })
        #expect(finding.fix!.steps(for: .apt).map(\.text).joined().contains("OLLAMA_VERSION="))
        // With a driver for CUDA 12 only, Ollama takes cuda_v12, which lists sm_86.
        var twelve = a6000
        twelve.drivers.nvidia.driverCUDAVersion = "12.4"
        #expect(try ids(RuntimeLacksGPUCode(), twelve) == [])
        // Driver CUDA unknown: one library listing the card is enough to stay silent.
        var unknown = a6000
        unknown.drivers.nvidia.driverCUDAVersion = nil
        #expect(try ids(RuntimeLacksGPUCode(), unknown) == [])
        // ollama/ollama#17766: a Quadro P4000 (6.1) and only cuda_v13's list.
        var p4000 = a6000
        p4000.gpus[0].computeCapability = "6.1"
        p4000.runtimes.bundledGPURuntimes = [Self.ollama("13.0", "sm_75 sm_80 sm_86 sm_87 sm_89 sm_90 sm_100 sm_103 sm_110 sm_120 sm_121")]
        #expect(try ids(RuntimeLacksGPUCode(), p4000) == ["nvidia.runtime-lacks-gpu-code"])
        // A driver too old for every library: that is RuntimeNeedsNewerDriver's finding, not this one.
        var oldDriver = a6000
        oldDriver.drivers.nvidia.driverCUDAVersion = "11.4"
        #expect(try ids(RuntimeLacksGPUCode(), oldDriver) == [])
    }

    @Test("nothing read, no compute capability, or an odd one: silent or a clear failure")
    func unknownIsSilent() throws {
        var notRead = nvidiaMachine {
            $0.gpus[0].computeCapability = "6.1"
            $0.runtimes.bundledGPURuntimes = [BundledGPURuntime(tool: "torch", path: "/v/torch", cudaVersion: "12.8")]
        }
        #expect(try ids(RuntimeLacksGPUCode(), notRead) == [])
        notRead.runtimes.bundledGPURuntimes = [Self.torch(Self.cu128)]
        notRead.gpus[0].computeCapability = nil
        #expect(try ids(RuntimeLacksGPUCode(), notRead) == [])
        notRead.gpus[0].computeCapability = "six"
        #expect(throws: OddFact.self) { try RuntimeLacksGPUCode().run(notRead) }
    }
}
