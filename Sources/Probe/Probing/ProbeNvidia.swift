// NVIDIA: kernel modules and their versions, device nodes, module files, CUDA toolkit, and nvidia-smi
// (skipped while the GPU sleeps; on WSL it is the only way to see the GPU at all).

import Foundation

extension ProbeSession {
    func probeNvidia() {
        var nvidia = NvidiaFacts()
        nvidia.moduleLoaded = exists("/sys/module/nvidia")
        nvidia.uvmLoaded = exists("/sys/module/nvidia_uvm")
        nvidia.nouveauLoaded = exists("/sys/module/nouveau")
        nvidia.kernelModuleVersion = text("/proc/driver/nvidia/version").flatMap(NvidiaVersionReader.kernelModuleVersion)
        nvidia.sysModuleVersion = line("/sys/module/nvidia/version")
        // Checked one by one: listing /dev would drag every device of the machine into a capture.
        let cards = max(facts.gpus.filter { $0.vendor == .nvidia }.count, 1)
        nvidia.deviceNodes = (["nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "nvidia-modeset"] + (0..<cards).map { "nvidia\($0)" })
            .filter { exists("/dev/" + $0) }
        nvidia.cudaToolkitVersion = cudaToolkitVersion()
        nvidia.moduleFiles = nvidiaModuleFiles()
        if facts.environment.wsl == nil && facts.environment.container == nil
            && (nvidia.moduleLoaded == true || nvidia.moduleFiles?.isEmpty == false) {
            nvidia.installedByRunfile = exists("/usr/bin/nvidia-uninstall")
            if let result = runTool("modinfo", ["-F", "version", "nvidia"]), result.succeeded {
                nvidia.installedModuleVersion = result.stdout.split(whereSeparator: \.isNewline).first.map(String.init)
            }
        }
        if nvidia.moduleLoaded == false, facts.environment.wsl == nil, facts.environment.container == nil,
           facts.gpus.contains(where: { $0.vendor == .nvidia }) {
            probeModuleBuilds(&nvidia)
        }

        let nvidiaGPUs = facts.gpus.filter { $0.vendor == .nvidia }
        // On WSL the GPU is not on a PCI bus we can see; nvidia-smi is the only way to it.
        guard !nvidiaGPUs.isEmpty || facts.environment.wsl != nil else {
            facts.drivers.nvidia = nvidia
            return
        }
        let sleeping = nvidiaGPUs.filter(\.isSuspended).compactMap(\.pciAddress)
        let reason = sleeping.isEmpty ? nil : "the NVIDIA GPU at \(sleeping.joined(separator: ", ")) is asleep (runtime suspended); asking nvidia-smi would wake it"
        if let result = runTool("nvidia-smi", NvidiaSmiReader.arguments, skipBecause: reason) {
            if result.succeeded {
                for row in NvidiaSmiReader.rows(result.stdout) { merge(row) }
                nvidia.smiDriverVersion = NvidiaSmiReader.rows(result.stdout).first?.driverVersion
                // Only the table's header says the newest CUDA the driver supports.
                if let header = runTool("nvidia-smi", []), header.succeeded {
                    nvidia.driverCUDAVersion = NvidiaSmiReader.headerCUDAVersion(header.stdout)
                }
            } else if result.outcome == .exited {
                nvidia.smiError = NvidiaSmiReader.errorLine(stdout: result.stdout, stderr: result.stderr)
            }
        }
        if sleeping.isEmpty { nvidia.cudaInit = cudaInitTest() }
        if nvidia.driverCUDAVersion == nil, let api = nvidia.cudaInit?.driverAPIVersion, api > 0 {
            nvidia.driverCUDAVersion = "\(api / 1000).\(api % 1000 / 10)"
        }
        facts.drivers.nvidia = nvidia
    }

    /// cuInit in a child process, only where libcuda is installed and the card is awake (without
    /// libcuda there is nothing to start, as without a card there is no nvidia-smi to ask).
    private func cudaInitTest() -> CUDAInitFacts? {
        guard facts.drivers.libraries.contains(where: { $0.name == "libcuda.so" }) || facts.environment.wsl?.wslLibcudaPresent == true
        else { return nil }
        switch runInitTest(CUDAInitTest.argv, shown: CUDAInitTest.shownArgv, timeout: CUDAInitTest.timeout,
                            libraryMissing: CUDAInitTest.Status.libraryMissing.rawValue) {
        case .answered(let output): return CUDAInitReader.read(output)
        case .crashed: return CUDAInitFacts(crashed: true)
        case .timedOut: return CUDAInitFacts(timedOut: true)
        case .libraryMissing, .absent: return nil
        }
    }

    private func merge(_ row: NvidiaSmiReader.Row) {
        let vram = row.memoryMiB.map { $0 * 1024 * 1024 }
        if let index = facts.gpus.firstIndex(where: { $0.pciAddress == row.pciAddress }) {
            facts.gpus[index].name = row.name
            facts.gpus[index].computeCapability = row.computeCapability
            if let vram {
                facts.gpus[index].vramBytes = vram
                facts.gpus[index].vramSource = "nvidia-smi"
            }
        } else {
            facts.gpus.append(GPUFacts(
                pciAddress: row.pciAddress, vendor: .nvidia, name: row.name, vramBytes: vram,
                vramSource: vram == nil ? nil : "nvidia-smi", computeCapability: row.computeCapability
            ))
        }
    }

    /// No nvidia module loaded: was it built for this kernel at all? After a kernel update DKMS
    /// (or akmods) may have failed to build it, and only older kernels have one.
    private func probeModuleBuilds(_ nvidia: inout NvidiaFacts) {
        // The .run installer builds for one kernel only, unless it was told to use DKMS.
        if nvidia.installedByRunfile == nil { nvidia.installedByRunfile = exists("/usr/bin/nvidia-uninstall") }
        if let result = runTool("dkms", ["status"]), result.succeeded {
            nvidia.dkmsModules = DKMSStatusReader.modules(result.stdout).filter { $0.module.hasPrefix("nvidia") }
        }
        guard nvidia.moduleFiles?.isEmpty == true, let running = facts.os.kernelRelease,
              let releases = source.listDirectory("/lib/modules") else { return }
        nvidia.otherKernelsWithModule = releases.filter { $0 != running && !nvidiaModuleFiles(release: $0).isEmpty }.sorted()
    }

    /// A module on disk that is not loaded is the Secure Boot signature story; none at all is "no driver".
    private func nvidiaModuleFiles() -> [String]? {
        facts.os.kernelRelease.map(nvidiaModuleFiles(release:))
    }

    private func nvidiaModuleFiles(release: String) -> [String] {
        let root = "/lib/modules/" + release
        // Ubuntu's signed prebuilt modules live in kernel/nvidia-535/ and the like.
        let ubuntu = (source.listDirectory(root + "/kernel") ?? []).filter { $0.hasPrefix("nvidia-") }.map { root + "/kernel/" + $0 }
        let folders = [root + "/updates/dkms", root + "/kernel/drivers/video", root + "/extra/nvidia", root + "/extra", root + "/updates"] + ubuntu
        return folders.flatMap { folder in
            (source.listDirectory(folder) ?? []).filter { $0 == "nvidia.ko" || $0.hasPrefix("nvidia.ko.") }.map { folder + "/" + $0 }
        }
    }

    private func cudaToolkitVersion() -> String? {
        if let json = text("/usr/local/cuda/version.json"),
           let file = try? JSONDecoder().decode(CUDAVersionFile.self, from: Data(json.utf8)) {
            return file.cuda.version
        }
        // Older toolkits: "CUDA Version 11.2.152".
        return line("/usr/local/cuda/version.txt")?.firstDottedVersion
    }

    private struct CUDAVersionFile: Decodable {
        struct Component: Decodable { var version: String }
        var cuda: Component
    }
}
