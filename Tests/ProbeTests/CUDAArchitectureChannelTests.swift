// The probe's channel into the card generations other tools' CUDA libraries were compiled for, on the
// real cases that need it: the child's answer read into the facts, its time-out, capture and replay,
// and no child started where no NVIDIA card's compute capability is known.

import Foundation
import Testing
@testable import Probe

@Suite("Channel: compiled CUDA architectures of Ollama's and PyTorch's libraries")
struct CUDAArchitectureChannelTests {
    static let cases = RuntimeChannelTests.cases

    @Test("Ollama's two CUDA libraries and torch's libtorch_cuda.so, each with its list")
    func replayed() throws {
        let ollama = Prober(source: try ReplaySystem(folder: Self.cases + "ollama-cuda13-library-without-sm86")).gather()
        let builds = try #require(ollama.runtimes.bundledGPURuntimes)
        let v13 = try #require(builds.first { $0.path.hasSuffix("cuda_v13") })
        #expect(v13.cudaVersion == "13.0")
        #expect(v13.cudaLibrary == "/usr/local/lib/ollama/cuda_v13/libggml-cuda.so")
        #expect(v13.cudaArchitectures?.contains("sm_86") == false)
        #expect(builds.first { $0.path.hasSuffix("cuda_v12") }?.cudaArchitectures?.contains("sm_86") == true)
        #expect(ollama.commands.contains { $0.argv.prefix(2) == ["onramp", "cuda-architectures"] && $0.outcome == .succeeded })
        let torch = Prober(source: try ReplaySystem(folder: Self.cases + "torch-cu128-without-pascal-docker")).gather()
        let wheel = try #require(torch.runtimes.bundledGPURuntimes?.first)
        #expect(wheel.toolVersion == "2.8.0+cu128")
        #expect(wheel.cudaArchitectures == ["sm_70", "sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120"])
    }

    @Test("a child that hangs is reported as timed out and leaves the lists unknown")
    func timeout() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/case"
        try FileManager.default.copyItem(atPath: Self.cases + "torch-cu128-without-pascal-docker", toPath: copy)
        let record = copy + "/commands/exe_cuda-architectures"
        try FileManager.default.removeItem(atPath: record + ".stdout")
        let library = "/comfy/mnt/venv/lib/python3.12/site-packages/torch/lib/libtorch_cuda.so"
        try #"{"argv":["/proc/self/exe","cuda-architectures","\#(library)"],"outcome":"timedOut"}"#
            .write(toFile: record + ".json", atomically: true, encoding: .utf8)
        let facts = Prober(source: try ReplaySystem(folder: copy)).gather()
        #expect(facts.runtimes.bundledGPURuntimes?.first?.cudaArchitectures == nil)
        #expect(facts.commands.contains {
            $0.argv == CUDAArchitectureListing.shownArgv(paths: [library]) && $0.outcome == .timedOut
        })
    }

    @Test("capture and replay keep the lists", arguments: ["ollama-cuda13-library-without-sm86", "torch-cu128-without-pascal-docker"])
    func captureAndReplay(name: String) throws {
        let (facts, replayed) = try ProfileRoundTrip.facts(ofCaseAt: Self.cases + name, description: name)
        #expect(replayed.runtimes == facts.runtimes)
        #expect(facts.runtimes.bundledGPURuntimes?.contains { $0.cudaArchitectures != nil } == true)
    }

    @Test("without a known compute capability no child is started")
    func notStartedWithoutCard() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/case"
        try FileManager.default.copyItem(atPath: Self.cases + "torch-cu128-without-pascal-docker", toPath: copy)
        // nvidia-smi not recorded: the card's compute capability is unknown.
        for name in try FileManager.default.contentsOfDirectory(atPath: copy + "/commands") where name.hasPrefix("nvidia-smi") {
            try FileManager.default.removeItem(atPath: copy + "/commands/" + name)
        }
        let facts = Prober(source: try ReplaySystem(folder: copy)).gather()
        #expect(facts.gpus.allSatisfy { $0.computeCapability == nil })
        #expect(!facts.commands.contains { $0.argv.contains(CUDAArchitectureListing.subcommand) })
        #expect(facts.runtimes.bundledGPURuntimes?.first?.cudaArchitectures == nil)
    }
}

@Suite("onramp probe's text: the doctor's channels, short, with long lists behind -v")
struct ChannelFactsTextTests {
    @Test("bundled runtimes with their architectures, the driver's CUDA, the Ollama service and models disk")
    func ollamaCase() throws {
        let facts = Prober(source: try ReplaySystem(folder: RuntimeChannelTests.cases + "ollama-cuda13-library-without-sm86")).gather()
        let text = FactsText.render(facts)
        #expect(text.contains("Driver's CUDA"))
        #expect(text.contains("programs built for CUDA up to 13.0 can run"))
        #expect(text.contains("Ollama carries"))
        #expect(text.contains("CUDA 13.0, built for sm_75 to sm_121 (without sm_86 for this card)"))
        #expect(text.contains("CUDA 12.8, built for sm_50 to sm_120 (with sm_86 for this card)"))
        #expect(text.contains("Ollama models"))
        #expect(!text.contains("sm_75 sm_80 sm_87"), "the whole list only with -v")
        let verbose = FactsText.render(facts, verbose: true)
        #expect(verbose.contains("CUDA 13.0, built for sm_75 sm_80 sm_87 sm_89 sm_90 sm_100 sm_103 sm_110 sm_120 sm_121 (without sm_86 for this card) (/usr/local/lib/ollama/cuda_v13)"))
    }

    @Test("test results, dkms lines, device access and kernel messages in words")
    func driverRows() {
        var facts = MachineFacts()
        facts.drivers.nvidia.cudaInit = CUDAInitFacts(result: 999, errorName: "CUDA_ERROR_UNKNOWN")
        facts.drivers.vulkan.initTest = VulkanInitFacts(result: 0, devices: [VulkanInitDevice(name: "llvmpipe (LLVM 15.0.7, 256 bits)", type: "cpu")])
        facts.drivers.nvidia.dkmsModules = (0..<5).map { DKMSModuleFact(module: "nvidia", version: "550.\($0)", kernel: "6.8.0-\($0)", state: "installed") }
        facts.drivers.renderNodes = [DeviceNode(path: "/dev/dri/renderD128", owner: "root", group: "render", mode: "0660", accessible: false)]
        facts.kernelMessages = KernelMessagesFacts(source: "dmesg", lines: ["NVRM: Xid (PCI:0000:01:00): 79, GPU has fallen off the bus."])
        let rows = FactsText.rows(for: .gpus, facts)
        let text = rows.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        #expect(text.contains("CUDA test: failed: CUDA_ERROR_UNKNOWN (999)"))
        #expect(text.contains("Vulkan test: only a software device, which runs on the processor: llvmpipe"))
        #expect(text.contains("… 2 more (-v shows all)"))
        #expect(text.contains("GPU device access: you cannot open /dev/dri/renderD128 (root:render 0660)"))
        #expect(text.contains("Kernel messages: 1 about the GPU (dmesg; -v shows them)"))
        let verbose = FactsText.rows(for: .gpus, facts, verbose: true).map(\.1).joined(separator: "\n")
        #expect(verbose.contains("nvidia 550.4 for kernel 6.8.0-4 installed"))
        #expect(verbose.contains("GPU has fallen off the bus"))
    }
}
