// Checks on what other tools installed and how the driver was built: a bundled CUDA newer than the
// driver supports, a card too old or too new for a tool's CUDA, an nvidia module built only for other
// kernels, Vulkan failing or seeing only llvmpipe, LM Studio's models disk, llama-server's model file.

import Probe
import Testing
@testable import Doctor

@Suite("Checks on bundled runtimes, driver builds, Vulkan initialisation, LM Studio and llama-server")
struct InstalledRuntimeCheckTests {
    static func ollama(_ versions: String...) -> [BundledGPURuntime] {
        versions.map { BundledGPURuntime(tool: "ollama", path: "/usr/local/lib/ollama/cuda_v\($0.split(separator: ".")[0])", cudaVersion: $0) }
    }

    @Test("a tool whose every CUDA build needs a newer driver fires; one build the driver runs is enough; unknown is silent")
    func runtimeNeedsNewerDriver() throws {
        let old = nvidiaMachine {
            $0.drivers.nvidia.smiDriverVersion = "470.86"
            $0.drivers.nvidia.driverCUDAVersion = "11.4"
            $0.runtimes.bundledGPURuntimes = Self.ollama("12.8", "13.0")
        }
        let finding = try #require(try RuntimeNeedsNewerDriver().run(old).first)
        #expect(finding.evidence.contains("CUDA 12.x needs driver 525.60.13 or newer"))
        #expect(finding.evidence.contains("NVIDIA driver 470.86 supports CUDA up to 11.4"))
        #expect(finding.fix!.steps(for: .apt).first?.text.contains("525.60.13") == true)
        // Ollama 0.3 carried CUDA 11 and 12 side by side and picks the one the driver runs.
        var both = old
        both.runtimes.bundledGPURuntimes = Self.ollama("11.3", "12.4")
        #expect(try ids(RuntimeNeedsNewerDriver(), both) == [])
        // CUDA 12.8 on a 12.2 driver runs (minor version compatibility).
        var minor = old
        minor.drivers.nvidia.driverCUDAVersion = "12.2"
        minor.runtimes.bundledGPURuntimes = Self.ollama("12.8")
        #expect(try ids(RuntimeNeedsNewerDriver(), minor) == [])
        var unknown = old
        unknown.drivers.nvidia.driverCUDAVersion = nil
        #expect(try ids(RuntimeNeedsNewerDriver(), unknown) == [])
        // torch gets the wheel for the driver it has as the other way out.
        var torch = old
        torch.runtimes.bundledGPURuntimes = [BundledGPURuntime(tool: "torch", path: "/x/torch", cudaVersion: "12.1", toolVersion: "2.1.0+cu121")]
        let torchFix = try #require(try RuntimeNeedsNewerDriver().run(torch).first).fix!.steps(for: .apt).map(\.text).joined()
        #expect(torchFix.contains("download.pytorch.org/whl/cu118"))
    }

    @Test("a card below every CUDA build's oldest generation, and an RTX 50 card with a torch from before CUDA 12.8")
    func runtimeCannotRunOnGPU() throws {
        let kepler = nvidiaMachine {
            $0.gpus[0].computeCapability = "3.5"
            $0.runtimes.bundledGPURuntimes = Self.ollama("12.4")
        }
        #expect(try ids(RuntimeCannotRunOnGPU(), kepler) == ["nvidia.gpu-too-old-for-runtime"])
        var withEleven = kepler
        withEleven.runtimes.bundledGPURuntimes = Self.ollama("11.3", "12.4")
        #expect(try ids(RuntimeCannotRunOnGPU(), withEleven) == [])
        // CUDA 13 dropped Pascal: a GTX 1080 Ti with an Ollama that carries only cuda_v13.
        let pascal = nvidiaMachine {
            $0.gpus[0].computeCapability = "6.1"
            $0.runtimes.bundledGPURuntimes = Self.ollama("13.0")
        }
        #expect(try ids(RuntimeCannotRunOnGPU(), pascal) == ["nvidia.gpu-too-old-for-runtime"])
        let blackwell = nvidiaMachine {
            $0.gpus[0].computeCapability = "12.0"
            $0.runtimes.bundledGPURuntimes = [BundledGPURuntime(tool: "torch", path: "/v/torch", cudaVersion: "12.4", toolVersion: "2.5.1+cu124")]
        }
        let finding = try #require(try RuntimeCannotRunOnGPU().run(blackwell).first)
        #expect(finding.id == "nvidia.gpu-too-new-for-runtime")
        #expect(finding.evidence.last?.contains("this card needs CUDA 12.8 or newer") == true)
        var current = blackwell
        current.runtimes.bundledGPURuntimes = [BundledGPURuntime(tool: "torch", path: "/v/torch", cudaVersion: "12.8")]
        #expect(try ids(RuntimeCannotRunOnGPU(), current) == [])
        // Ollama on a new card is not judged: its builds carry code the driver can compile for newer cards.
        var ollamaNew = blackwell
        ollamaNew.runtimes.bundledGPURuntimes = Self.ollama("12.4")
        #expect(try ids(RuntimeCannotRunOnGPU(), ollamaNew) == [])
    }

    static func moduleOnlyForOldKernel(_ change: (inout MachineFacts) -> Void = { _ in }) -> MachineFacts {
        nvidiaMachine {
            $0.gpus[0].driver = nil
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false, uvmLoaded: false, nouveauLoaded: false)
            $0.drivers.nvidia.moduleFiles = []
            $0.drivers.nvidia.otherKernelsWithModule = ["6.8.0-40-generic"]
            change(&$0)
        }
    }

    @Test("an nvidia module only for other kernels is named, with headers and a rebuild; it replaces no-driver and Secure Boot")
    func moduleNotBuiltForKernel() throws {
        let facts = Self.moduleOnlyForOldKernel()
        #expect(findingIDs(facts).contains("nvidia.module-not-built-for-kernel"))
        #expect(!findingIDs(facts).contains("nvidia.no-driver"))
        let finding = try #require(try NvidiaModuleNotBuiltForKernel().run(facts).first)
        #expect(finding.evidence.contains("nvidia module installed for: 6.8.0-40-generic"))
        let apt = finding.fix!.steps(for: .apt).map(\.text).joined(separator: "\n")
        #expect(apt.contains("linux-headers-$(uname -r)") && apt.contains("dkms autoinstall"))
        #expect(finding.fix!.steps(for: .dnf).map(\.text).joined().contains("akmods --force"))
        let secureBoot = Self.moduleOnlyForOldKernel { $0.environment.secureBoot = true }
        #expect(!findingIDs(secureBoot).contains("nvidia.secure-boot-unsigned-module"))
        // A module for the running kernel (not loaded) is another story; nothing known about other kernels is silent.
        #expect(try ids(NvidiaModuleNotBuiltForKernel(), Self.moduleOnlyForOldKernel { $0.drivers.nvidia.moduleFiles = ["/lib/modules/x/nvidia.ko"] }) == [])
        #expect(try ids(NvidiaModuleNotBuiltForKernel(), Self.moduleOnlyForOldKernel { $0.drivers.nvidia.otherKernelsWithModule = nil }) == [])
        // dkms alone says so too; a runfile install gets the installer again with --dkms.
        let dkms = Self.moduleOnlyForOldKernel {
            $0.drivers.nvidia.otherKernelsWithModule = []
            $0.drivers.nvidia.dkmsModules = [DKMSModuleFact(module: "nvidia", version: "550.54.15", kernel: "6.8.0-40-generic", state: "installed")]
            $0.drivers.nvidia.installedByRunfile = true
        }
        let runfile = try #require(try NvidiaModuleNotBuiltForKernel().run(dkms).first)
        #expect(runfile.evidence.contains("dkms: nvidia/550.54.15, 6.8.0-40-generic: installed"))
        #expect(runfile.fix!.everywhere.map(\.text).joined().contains("--dkms"))
    }

    @Test("Vulkan: a failed instance or only llvmpipe beside a real card; without a GPU, llvmpipe is no alarm")
    func vulkanInit() throws {
        let llvmpipe = VulkanInitFacts(result: 0, resultName: "VK_SUCCESS", devices: [VulkanInitDevice(name: "llvmpipe (LLVM 15.0.6, 256 bits)", type: "cpu")])
        let softwareOnly = nvidiaMachine { $0.drivers.vulkan.initTest = llvmpipe }
        #expect(try ids(VulkanInitFailed(), softwareOnly) == ["vulkan.software-only"])
        let failed = nvidiaMachine { $0.drivers.vulkan.initTest = VulkanInitFacts(result: -9, resultName: "VK_ERROR_INCOMPATIBLE_DRIVER") }
        #expect(try ids(VulkanInitFailed(), failed) == ["vulkan.init-failed"])
        #expect(try ids(VulkanInitFailed(), nvidiaMachine { $0.drivers.vulkan.initTest = VulkanInitFacts(timedOut: true) }) == ["vulkan.init-failed"])
        let healthy = nvidiaMachine {
            $0.drivers.vulkan.initTest = VulkanInitFacts(result: 0, devices: [VulkanInitDevice(name: "NVIDIA GeForce RTX 3060", type: "discrete")] + llvmpipe.devices)
        }
        #expect(try ids(VulkanInitFailed(), healthy) == [])
        // This machine: no GPU, only Mesa's software renderer. That is what it is, not a fault.
        #expect(try ids(VulkanInitFailed(), healthyMachine { $0.drivers.vulkan.initTest = llvmpipe }) == [])
        // An AMD card with no Vulkan driver manifest is VulkanMissing's, with the package to install.
        let noICD = amdMachine { $0.drivers.vulkan.icdFiles = []; $0.drivers.vulkan.initTest = llvmpipe }
        #expect(try ids(VulkanInitFailed(), noICD) == [])
        // In a container with an NVIDIA card: the graphics capability and libglvnd in the image.
        var container = failed
        container.environment.container = .docker
        let fix = try #require(try VulkanInitFailed().run(container).first).fix!.everywhere.map(\.text).joined(separator: "\n")
        #expect(fix.contains("NVIDIA_DRIVER_CAPABILITIES=compute,utility,graphics") && fix.contains("libglvnd0"))
    }

    @Test("LM Studio's models on a nearly full other disk; llama-server's model file gone")
    func otherServers() throws {
        var lmStudio = LMStudioFacts(home: "/home/user/.lmstudio", modelsFolder: "/mnt/small/models", reason: "downloadsFolder in its settings.json")
        lmStudio.totalBytes = 64 * gib
        lmStudio.availableBytes = 3 * gib
        let low = healthyMachine { $0.runtimes.lmStudio = lmStudio }
        let finding = try #require(try LMStudioModelsLowSpace().run(low).first)
        #expect(finding.evidence.first == "LM Studio's models folder: /mnt/small/models (downloadsFolder in its settings.json)")
        lmStudio.availableBytes = 50 * gib
        #expect(try ids(LMStudioModelsLowSpace(), healthyMachine { $0.runtimes.lmStudio = lmStudio }) == [])
        let gone = healthyMachine {
            $0.runtimes.llamaServers = [LlamaServerFacts(origin: "service /etc/systemd/system/llama.service", modelPath: "/srv/m.gguf", modelExists: false)]
        }
        #expect(try ids(LlamaServerModelMissing(), gone) == ["runtimes.llama-server-model-missing"])
        let unknown = healthyMachine { $0.runtimes.llamaServers = [LlamaServerFacts(origin: "running process", modelPath: "m.gguf")] }
        #expect(try ids(LlamaServerModelMissing(), unknown) == [])
    }
}
