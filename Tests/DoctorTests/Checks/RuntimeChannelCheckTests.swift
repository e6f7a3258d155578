// Checks that read the probe's newer channels: Ollama's models disk, the container toolkit and CDI
// specs, the installed nvidia module, the CUDA initialisation test; and the ranking rule that keeps
// advice ("no swap") below the finding that explains the failure.

import Probe
import Testing
@testable import Doctor

@Suite("Checks on other runtimes, container tools, the installed driver and CUDA initialisation")
struct RuntimeChannelCheckTests {
    static func ollama(free: UInt64, total: UInt64 = 28 * gib, forService: Bool = true, partial: Int? = nil) -> OllamaModelsFacts {
        OllamaModelsFacts(
            path: forService ? "/usr/share/ollama/.ollama/models" : "/home/user/.ollama/models",
            reason: "the service's default", forService: forService, measuredPath: "/usr/share/ollama/.ollama/models",
            totalBytes: total, availableBytes: free, readable: true, partialDownloads: partial)
    }

    @Test("Ollama's models on another, nearly full disk: move them with OLLAMA_MODELS in a drop-in, to /home when that has room")
    func ollamaLowSpace() throws {
        let facts = healthyMachine { $0.runtimes.ollamaModels = Self.ollama(free: 2 * gib, partial: 3) }
        let finding = try #require(try OllamaModelsLowSpace().run(facts).first)
        let fix = finding.fix!.steps(for: .apt).map(\.text).joined(separator: "\n")
        #expect(fix.contains("OLLAMA_MODELS=/home/ollama-models"))
        #expect(fix.contains("sudo chown ollama:ollama /home/ollama-models"))
        #expect(fix.contains("/etc/systemd/system/ollama.service.d/models.conf"))
        #expect(fix.contains("-name '*-partial*' -delete"))
        #expect(finding.evidence.contains("unfinished downloads there: 3"))
        // 10 GiB free is enough; unknown free space is not a finding.
        #expect(try ids(OllamaModelsLowSpace(), healthyMachine { $0.runtimes.ollamaModels = Self.ollama(free: 10 * gib) }) == [])
        #expect(try ids(OllamaModelsLowSpace(), healthyMachine {
            $0.runtimes.ollamaModels = OllamaModelsFacts(path: "/x", reason: "r", forService: true)
        }) == [])
    }

    @Test("Ollama run by hand gets an export in ~/.profile, not a systemd drop-in")
    func ollamaByHand() throws {
        let facts = healthyMachine { $0.runtimes.ollamaModels = Self.ollama(free: 1 * gib, forService: false) }
        let fix = try #require(try OllamaModelsLowSpace().run(facts).first).fix!.everywhere.map(\.text).joined(separator: "\n")
        #expect(fix.contains("export OLLAMA_MODELS="))
        #expect(!fix.contains("systemctl"))
    }

    @Test("Ollama's folder on the same full disk as Onramp's: one disk finding that names Ollama's folder")
    func sameDisk() throws {
        let facts = healthyMachine { facts in
            facts.disks[0].totalBytes = 8 * gib
            facts.disks[0].availableBytes = 200 << 20
            var models = Self.ollama(free: 200 << 20, total: 8 * gib)
            models.readable = false
            models.partialDownloads = nil
            facts.runtimes.ollamaModels = models
        }
        let report = CheckRunner().examine(facts)
        #expect(report.findingIDs.contains("disk.low-space"))
        #expect(!report.findingIDs.contains("runtimes.ollama-models-low-space"))
        let disk = try #require(report.findings.first { $0.id == "disk.low-space" })
        let fix = disk.fix!.everywhere.map(\.text).joined(separator: "\n")
        #expect(fix.contains("sudo du -sh /usr/share/ollama/.ollama/models"))
        #expect(fix.contains("sudo find /usr/share/ollama/.ollama/models/blobs -name '*-partial*' -delete"))
        #expect(disk.evidence.contains { $0.contains("only its owner can look inside") })
    }

    @Test("Docker or Podman with an NVIDIA card and no toolkit program; silent with the toolkit, without a card, or without an engine")
    func toolkitMissing() throws {
        let host = ContainerHostFacts(docker: "/usr/bin/docker")
        let missing = nvidiaMachine { $0.containerHost = host }
        let finding = try #require(try ContainerToolkitMissing().run(missing).first)
        let apt = finding.fix!.steps(for: .apt).map(\.text).joined(separator: "\n")
        #expect(apt.contains("sudo apt install nvidia-container-toolkit"))
        #expect(apt.contains("nvidia-ctk runtime configure --runtime=docker"))
        #expect(finding.fix!.steps(for: .dnf).map(\.text).joined().contains("sudo dnf install nvidia-container-toolkit"))
        var installed = host
        installed.nvidiaToolkitPrograms = ["/usr/bin/nvidia-container-runtime-hook"]
        #expect(try ids(ContainerToolkitMissing(), nvidiaMachine { $0.containerHost = installed }) == [])
        #expect(try ids(ContainerToolkitMissing(), healthyMachine { $0.containerHost = host }) == [])
        #expect(try ids(ContainerToolkitMissing(), nvidiaMachine { $0.containerHost = ContainerHostFacts() }) == [])
    }

    @Test("a CDI spec with missing files, or made for another driver, must be generated again at its own path")
    func cdiStale() throws {
        let stale = CDISpecFacts(path: "/var/run/cdi/nvidia.yaml", kind: "nvidia.com/gpu", hostPaths: 9,
                                 missingHostPaths: ["/usr/lib/x86_64-linux-gnu/libcuda.so.535.104.05"], driverVersions: ["535.104.05"])
        let facts = nvidiaMachine { $0.containerHost = ContainerHostFacts(podman: "/usr/bin/podman", cdiSpecs: [stale]) }
        let finding = try #require(try CDISpecStale().run(facts).first)
        #expect(finding.fix!.everywhere.first == .command("sudo nvidia-ctk cdi generate --output=/var/run/cdi/nvidia.yaml"))
        #expect(finding.evidence.contains("made for driver 535.104.05; the driver now is 550.54.15"))
        let current = CDISpecFacts(path: "/etc/cdi/nvidia.yaml", kind: "nvidia.com/gpu", hostPaths: 9, driverVersions: ["550.54.15"])
        #expect(try ids(CDISpecStale(), nvidiaMachine { $0.containerHost = ContainerHostFacts(cdiSpecs: [current]) }) == [])
        let otherVendor = CDISpecFacts(path: "/etc/cdi/amd.json", kind: "amd.com/gpu", hostPaths: 2, missingHostPaths: ["/x"])
        #expect(try ids(CDISpecStale(), nvidiaMachine { $0.containerHost = ContainerHostFacts(cdiSpecs: [otherVendor]) }) == [])
    }

    @Test("a version mismatch with the module on disk already loaded: no reboot, install that version's libraries")
    func mismatchNoReboot() throws {
        let skew = nvidiaMachine { facts in
            facts.drivers.nvidia.smiError = "Failed to initialize NVML: Driver/library version mismatch"
            facts.drivers.nvidia.installedModuleVersion = "550.54.15"
            facts.drivers.nvidia.installedByRunfile = true
        }
        let finding = try #require(try DriverLibraryMismatch().run(skew).first)
        let fix = finding.fix!.steps(for: .apt).map(\.text).joined(separator: "\n")
        #expect(fix.contains("A reboot will not help"))
        #expect(fix.contains("sudo sh NVIDIA-Linux-x86_64-550.54.15.run --no-kernel-modules"))
        // A newer module on disk than the loaded one: the reboot is the fix.
        let pending = nvidiaMachine { facts in
            facts.drivers.nvidia.smiError = "Failed to initialize NVML: Driver/library version mismatch"
            facts.drivers.nvidia.installedModuleVersion = "550.90.07"
        }
        let rebootFix = try #require(try DriverLibraryMismatch().run(pending).first).fix!.steps(for: .apt)
        #expect(rebootFix.first?.text.hasPrefix("Reboot") == true)
    }

    @Test("cuInit failing while the driver is loaded is an error naming the module reload; success or a known cause is silent")
    func cudaInit() throws {
        let broken = nvidiaMachine { facts in
            facts.drivers.nvidia.cudaInit = CUDAInitFacts(result: 999, errorName: "CUDA_ERROR_UNKNOWN")
            facts.os.suspendsSinceBoot = 2
        }
        let finding = try #require(try CUDAInitFailed().run(broken).first)
        #expect(finding.severity == .error)
        #expect(finding.evidence.contains("CUDA initialisation test: cuInit returned 999 (CUDA_ERROR_UNKNOWN)"))
        #expect(finding.evidence.contains("suspended and resumed since boot: 2 times"))
        #expect(finding.fix!.everywhere.contains(.command("sudo rmmod nvidia_uvm && sudo modprobe nvidia_uvm")))
        #expect(try ids(CUDAInitFailed(), nvidiaMachine { $0.drivers.nvidia.cudaInit = CUDAInitFacts(result: 0, devices: 1) }) == [])
        #expect(try ids(CUDAInitFailed(), nvidiaMachine { $0.drivers.nvidia.cudaInit = nil }) == [])
        let hung = nvidiaMachine { $0.drivers.nvidia.cudaInit = CUDAInitFacts(timedOut: true) }
        #expect(try CUDAInitFailed().run(hung).first?.evidence.first?.contains("did not finish") == true)
        let noUVM = nvidiaMachine { facts in
            facts.drivers.nvidia.cudaInit = CUDAInitFacts(result: 100, errorName: "CUDA_ERROR_NO_DEVICE")
            facts.drivers.nvidia.uvmLoaded = false
        }
        #expect(try ids(CUDAInitFailed(), noUVM) == [])
    }

    @Test("no swap never outranks a nearly full disk, and says it is not the cause; alone it is still the top finding")
    func adviceRanksLast() throws {
        let both = healthyMachine { facts in
            facts.memory.swapTotalBytes = 0
            facts.memory.totalBytes = 8 * gib
            facts.disks[0].availableBytes = 1 * gib
        }
        let report = CheckRunner().examine(both)
        #expect(report.topFinding?.id == "disk.low-space")
        #expect(report.findings.first { $0.id == "memory.no-swap" }?.notTheCause == true)
        #expect(TextReport(verbose: false, glyphs: .ascii).render(report).contains("not what stops models here"))
        #expect(TextReport(verbose: false, glyphs: .ascii).render(report).contains("Fix first: Less than 10 GiB free"))
        let alone = healthyMachine { facts in
            facts.memory.swapTotalBytes = 0
            facts.memory.totalBytes = 8 * gib
        }
        let aloneReport = CheckRunner().examine(alone)
        #expect(aloneReport.topFinding?.id == "memory.no-swap")
        #expect(aloneReport.findings.first?.notTheCause == false)
    }
}
