// The probe's channels into what other tools installed and how the driver was built: CUDA and ROCm
// runtimes Ollama and torch carry, the driver's newest CUDA (nvidia-smi's header), `dkms status` and
// the kernels that have an nvidia module, LM Studio's settings, llama-server's flags, and the Vulkan
// initialisation test in a child process. Readers are tested on output from public threads.

import Foundation
import Testing
@testable import Probe
import LiveMachine

@Suite("Channels: bundled CUDA, dkms, LM Studio, llama-server, Vulkan initialisation")
struct InstalledRuntimeChannelTests {
    // MARK: readers

    @Test("nvidia-smi's header: the newest CUDA the driver supports; N/A inside a container without it")
    func smiHeader() {
        // The header as in ollama/ollama#11723 and lllyasviel/Fooocus#1313.
        let header = """
            +---------------------------------------------------------------------------------------+
            | NVIDIA-SMI 535.129.03             Driver Version: 535.129.03   CUDA Version: 12.2     |
            |-----------------------------------------+----------------------+----------------------+
            """
        #expect(NvidiaSmiReader.headerCUDAVersion(header) == "12.2")
        #expect(NvidiaSmiReader.headerCUDAVersion("| NVIDIA-SMI 470.86       Driver Version: 470.86       CUDA Version: 11.4\n") == "11.4")
        // ollama/ollama#1306: a container started without the compute capability.
        #expect(NvidiaSmiReader.headerCUDAVersion("| NVIDIA-SMI 470.182.03   Driver Version: 470.182.03   CUDA Version: N/A      |") == nil)
        #expect(NvidiaSmiReader.headerCUDAVersion("No devices were found") == nil)
    }

    @Test("dkms status in dkms 2 and 3 forms, a module only added, warnings after the state, errors skipped")
    func dkmsStatus() {
        // dkms 2 (negativo17/nvidia-driver#56), dkms 3 (CachyOS/linux-cachyos#118's form), and an error line.
        let text = """
            nvidia, 396.45, 4.17.14-202.fc28.x86_64, x86_64: installed (original_module exists)
            nvidia/535.104.05, 6.2.0-32-generic, x86_64: installed
            nvidia/470.256.02: added
            Error! Could not locate dkms.conf file.
            virtualbox/7.0.10, 6.2.0-32-generic, x86_64: installed (WARNING! Diff between built and installed module!)
            """
        let modules = DKMSStatusReader.modules(text)
        #expect(modules == [
            DKMSModuleFact(module: "nvidia", version: "396.45", kernel: "4.17.14-202.fc28.x86_64", state: "installed"),
            DKMSModuleFact(module: "nvidia", version: "535.104.05", kernel: "6.2.0-32-generic", state: "installed"),
            DKMSModuleFact(module: "nvidia", version: "470.256.02", kernel: nil, state: "added"),
            DKMSModuleFact(module: "virtualbox", version: "7.0.10", kernel: "6.2.0-32-generic", state: "installed"),
        ])
        #expect(DKMSStatusReader.modules("").isEmpty)
    }

    @Test("CUDA releases from the libraries' file names, Ollama's folder names, and torch's version.py")
    func bundledVersions() {
        // Ollama 0.5+ (lib/ollama/cuda_v12) and 0.3 (both runtimes side by side in lib/ollama).
        #expect(BundledRuntimeReader.cudaVersions(fileNames: [
            "libcudart.so.12", "libcudart.so.12.8.90", "libcublas.so.12.8.4.1", "libcublasLt.so.12", "libggml-cuda.so",
        ]) == ["12.8"])
        #expect(BundledRuntimeReader.cudaVersions(fileNames: ["libcudart.so.12.4.99", "libcudart.so.11.3.109", "libcudart.so.11.0"]) == ["11.3", "12.4"])
        #expect(BundledRuntimeReader.cudaVersions(fileNames: ["libcublas.so.11.5.1.109", "libcublas.so.11"]) == ["11.5"])
        #expect(BundledRuntimeReader.cudaVersions(fileNames: ["libggml-cuda.so", "libcudart.so.12"]).isEmpty)
        #expect(BundledRuntimeReader.cudaMajor(folderName: "cuda_v13") == "13")
        #expect(BundledRuntimeReader.cudaMajor(folderName: "cuda_jetpack6") == nil)
        #expect(BundledRuntimeReader.rocmVersion(fileNames: ["libamdhip64.so.6", "libamdhip64.so.6.1.40091"]) == "6.1")
        let torch = BundledRuntimeReader.torchVersionFile("""
            from typing import Optional

            __all__ = ['__version__', 'debug', 'cuda', 'git_version', 'hip']
            __version__ = '2.1.0+cu121'
            debug = False
            cuda: Optional[str] = '12.1'
            git_version = '7bcf7da3a268b435777fe87c7794c382f444e86d'
            hip: Optional[str] = None
            """)
        #expect(torch.version == "2.1.0+cu121" && torch.cuda == "12.1" && torch.hip == nil)
        let rocm = BundledRuntimeReader.torchVersionFile("__version__ = '2.3.0+rocm6.0'\ncuda: Optional[str] = None\nhip: Optional[str] = '6.0.32830-d62f6a171'\n")
        #expect(rocm.cuda == nil && rocm.hip == "6.0")
    }

    @Test("llama-server flags from a unit's ExecStart and from pgrep, in short, long and --flag=value spellings")
    func llamaServerFlags() {
        let words = SystemdUnitReader.words("/opt/llama.cpp/build/bin/llama-server -m /srv/models/qwen2.5-7b-instruct-q4_k_m.gguf --host 0.0.0.0 --port=9292 -ngl 99 -c 8192")
        #expect(LlamaServerArgsReader.startsServer(words))
        let facts = LlamaServerArgsReader.read(words, origin: "service /etc/systemd/system/llama.service")
        #expect(facts == LlamaServerFacts(
            origin: "service /etc/systemd/system/llama.service", modelPath: "/srv/models/qwen2.5-7b-instruct-q4_k_m.gguf",
            port: 9292, host: "0.0.0.0", gpuLayers: "99"))
        // The form in mostlygeek/llama-swap#247: long flags, the default port when none is given.
        let long = LlamaServerArgsReader.read(["/app/llama-server", "--model", "Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf", "--n-gpu-layers", "99"], origin: "running process")
        #expect(long.modelPath == "Qwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf" && long.port == 8080 && long.gpuLayers == "99")
        let lines = LlamaServerArgsReader.processCommandLines("4242 /usr/local/bin/llama-server -m /m.gguf --port 8081\n")
        #expect(lines == [["/usr/local/bin/llama-server", "-m", "/m.gguf", "--port", "8081"]])
        #expect(!LlamaServerArgsReader.startsServer(["/bin/sh", "-c", "llama-server -m x"]))
    }

    @Test("llama-server's --api-key in a unit's ExecStart or a process list never leaves the machine")
    func apiKeyRedacted() {
        let redactor = Redactor(userName: nil, homeFolder: nil, hostName: nil)
        for line in ["ExecStart=/usr/local/bin/llama-server -m /m.gguf --api-key Zq81secretValue --port 8081",
                     "4242 /usr/local/bin/llama-server --api-key=Zq81secretValue -m /m.gguf"] {
            let redacted = redactor.redact(line)
            #expect(!redacted.contains("Zq81secretValue"), "\(redacted)")
            #expect(redacted.contains("-m /m.gguf"))
        }
    }

    @Test("LM Studio's settings: the models folder it was moved to, the server's port, garbage")
    func lmStudioSettings() {
        #expect(LMStudioSettingsReader.downloadsFolder(#"{"downloadsFolder":"/mnt/data/lmstudio/models","theme":"dark"}"#) == "/mnt/data/lmstudio/models")
        #expect(LMStudioSettingsReader.downloadsFolder(#"{"theme":"dark"}"#) == nil)
        #expect(LMStudioSettingsReader.downloadsFolder("not json") == nil)
        #expect(LMStudioSettingsReader.serverPort(#"{"port":1234,"cors":false}"#) == 1234)
    }

    @Test("the Vulkan initialisation test's output: a GPU and llvmpipe, no driver, no loader, garbage")
    func vulkanInitOutput() {
        // Device names as vulkaninfo printed them in nomic-ai/gpt4all#1557.
        let both = VulkanInitReader.read("""
            library: libvulkan.so.1
            vkCreateInstance: 0 VK_SUCCESS
            device: discrete NVIDIA GeForce RTX 2060
            device: cpu llvmpipe (LLVM 15.0.6, 256 bits)
            devices: 2
            """)
        #expect(both?.succeeded == true)
        #expect(both?.devices == [VulkanInitDevice(name: "NVIDIA GeForce RTX 2060", type: "discrete"),
                                  VulkanInitDevice(name: "llvmpipe (LLVM 15.0.6, 256 bits)", type: "cpu")])
        #expect(both?.hardwareDevices.count == 1)
        let none = VulkanInitReader.read("library: libvulkan.so.1\nvkCreateInstance: -9 VK_ERROR_INCOMPATIBLE_DRIVER\n")
        #expect(none?.result == -9 && none?.resultName == "VK_ERROR_INCOMPATIBLE_DRIVER" && none?.succeeded == false)
        #expect(VulkanInitReader.read("library: missing (libvulkan.so.1: cannot open shared object file)\n") == nil)
        #expect(VulkanInitReader.read("garbage\n") == nil)
    }

    // MARK: the live Vulkan test

    @Test("the Vulkan initialisation test in this process answers quickly, and a missing loader says so")
    func vulkanInitHere() {
        let clock = ContinuousClock()
        let start = clock.now
        let (missing, missingStatus) = VulkanInitTest.runHere(library: "libvulkan-not-installed-here.so.1")
        #expect(missingStatus == .libraryMissing && missing.hasPrefix("library: missing"))
        #expect(VulkanInitReader.read(missing) == nil)
        // This machine has the loader and Mesa's software renderer, and no GPU: an instance with only CPU devices.
        let (output, status) = VulkanInitTest.runHere()
        #expect(clock.now - start < .seconds(5))
        switch status {
        case .libraryMissing: #expect(VulkanInitReader.read(output) == nil)
        case .initialised:
            let facts = VulkanInitReader.read(output)
            #expect(facts?.succeeded == true)
            #expect(output.contains("devices: \(facts?.devices.count ?? -1)\n"))
        case .initFailed: #expect(VulkanInitReader.read(output)?.succeeded == false)
        }
    }

    // MARK: replayed from the corpus

    static func replay(_ name: String) throws -> MachineFacts {
        try RuntimeChannelTests.replay(name)
    }

    @Test("torch's CUDA from its version.py and the driver's newest CUDA from nvidia-smi's header")
    func torchAndDriverCUDA() throws {
        let facts = try Self.replay("torch-cu121-driver-470")
        #expect(facts.drivers.nvidia.driverCUDAVersion == "11.4")
        #expect(facts.runtimes.bundledGPURuntimes == [BundledGPURuntime(
            tool: "torch", path: "/home/user/.local/lib/python3.9/site-packages/torch", cudaVersion: "12.1", toolVersion: "2.1.0+cu121")])
        let venv = try Self.replay("rtx5090-torch-without-sm120")
        #expect(venv.runtimes.bundledGPURuntimes?.first?.path == "/home/user/leggedlab/.venv/lib/python3.10/site-packages/torch")
        #expect(venv.gpus.first { $0.vendor == .nvidia }?.computeCapability == "12.0")
    }

    @Test("dkms status and the kernels that have an nvidia module, asked only when none is loaded")
    func moduleBuilds() throws {
        let arch = try Self.replay("cachyos-nvidia-dkms-not-built-for-kernel").drivers.nvidia
        #expect(arch.dkmsModules == [DKMSModuleFact(module: "nvidia", version: "530.41.03", kernel: "6.3.7-arch1-1", state: "installed")])
        #expect(arch.moduleFiles == [] && arch.otherKernelsWithModule == ["6.3.7-arch1-1"])
        let runfile = try Self.replay("nvidia-runfile-module-missing-after-kernel-update").drivers.nvidia
        #expect(runfile.otherKernelsWithModule == ["3.13.0-88-generic"] && runfile.dkmsModules == nil)
        #expect(runfile.installedByRunfile == true)
        // A loaded module: neither is asked.
        let loaded = try Self.replay("nvidia-uvm-broken-after-resume")
        #expect(loaded.drivers.nvidia.otherKernelsWithModule == nil && loaded.drivers.nvidia.dkmsModules == nil)
        #expect(!loaded.commands.contains { $0.argv.first?.hasSuffix("dkms") == true })
    }

    @Test("the Vulkan initialisation test replayed from a container, with libglvnd's absence in the linker's cache")
    func vulkanInitReplayed() throws {
        let facts = try Self.replay("docker-vulkan-nvidia-without-glvnd")
        #expect(facts.drivers.vulkan.initTest == VulkanInitFacts(result: -9, resultName: "VK_ERROR_INCOMPATIBLE_DRIVER"))
        #expect(facts.commands.contains { $0.argv == VulkanInitTest.shownArgv && $0.outcome == .failed })
        #expect(facts.drivers.libraries.contains { $0.name == "libGLX_nvidia.so" })
        #expect(!facts.drivers.libraries.contains { $0.name == "libGLX.so" })
    }

    @Test("a Vulkan initialisation test that hangs is reported as timed out, not as a result")
    func vulkanInitTimeout() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/case"
        try FileManager.default.copyItem(atPath: RuntimeChannelTests.cases + "docker-vulkan-nvidia-without-glvnd", toPath: copy)
        let record = copy + "/commands/exe_gpu-init-test_vulkan"
        try FileManager.default.removeItem(atPath: record + ".stdout")
        try #"{"argv":["/proc/self/exe","gpu-init-test","vulkan"],"outcome":"timedOut"}"#.write(toFile: record + ".json", atomically: true, encoding: .utf8)
        let facts = Prober(source: try ReplaySystem(folder: copy)).gather()
        #expect(facts.drivers.vulkan.initTest == VulkanInitFacts(timedOut: true))
        #expect(facts.commands.contains { $0.argv == VulkanInitTest.shownArgv && $0.outcome == .timedOut })
        #expect(VulkanInitTest.timeout <= .seconds(5))
    }

    @Test("LM Studio moved to another disk, a llama-server unit whose model is gone, an Ollama with two CUDA builds")
    func otherServersReplayed() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/case"
        try FileManager.default.copyItem(atPath: RuntimeChannelTests.cases + "torch-cu121-driver-470", toPath: copy)
        func write(_ path: String, _ text: String) throws {
            let full = copy + "/fs" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        try write("/home/user/.lmstudio/settings.json", #"{"downloadsFolder":"/home/user/lms-models"}"#)
        try write("/home/user/.lmstudio/.internal/http-server-config.json", #"{"port":1235}"#)
        try write("/etc/systemd/system/llama-server.service",
                  "[Service]\nExecStart=/usr/local/bin/llama-server -m /srv/models/gone.gguf --port 8081 -ngl 99\n")
        try write("/usr/local/lib/ollama/cuda_v12/libcudart.so.12.8.90", "")
        try write("/usr/local/lib/ollama/cuda_v13/libcudart.so.13.0.48", "")
        let facts = Prober(source: try ReplaySystem(folder: copy)).gather()
        let lmStudio = try #require(facts.runtimes.lmStudio)
        #expect(lmStudio.modelsFolder == "/home/user/lms-models" && lmStudio.reason == "downloadsFolder in its settings.json")
        #expect(lmStudio.serverPort == 1235 && lmStudio.measuredPath == "/home/user" && lmStudio.availableBytes != nil)
        #expect(facts.runtimes.llamaServers == [LlamaServerFacts(
            origin: "service /etc/systemd/system/llama-server.service", modelPath: "/srv/models/gone.gguf", modelExists: false,
            port: 8081, gpuLayers: "99")])
        #expect(facts.runtimes.bundledGPURuntimes?.filter { $0.tool == "ollama" }.map(\.cudaVersion) == ["12.8", "13.0"])
    }
}
