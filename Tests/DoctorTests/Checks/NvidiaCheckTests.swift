// NVIDIA checks: each one on a working driver bent in exactly the way it looks for.

import Probe
import Testing
@testable import Doctor

@Suite("NVIDIA checks")
struct NvidiaCheckTests {
    @Test("a working NVIDIA setup has no findings")
    func working() {
        #expect(findingIDs(nvidiaMachine()) == [])
    }

    @Test("a card with no driver bound and no module loaded is nvidia.no-driver, with apt's fix on Ubuntu")
    func noDriver() throws {
        let facts = nvidiaMachine {
            $0.gpus[0].driver = nil
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false)
            $0.drivers.libraries = []
        }
        #expect(findingIDs(facts) == ["nvidia.no-driver"])
        let report = CheckRunner().examine(facts)
        #expect(report.family == .apt)
        #expect(report.findings[0].fix?.steps(for: report.family).first == .command("sudo ubuntu-drivers install"))
        #expect(report.exitStatus == 1)
    }

    @Test("nouveau bound to the card is its own finding, not nvidia.no-driver")
    func nouveau() throws {
        let facts = nvidiaMachine {
            $0.gpus[0].driver = "nouveau"
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false, nouveauLoaded: true)
            $0.drivers.libraries = []
        }
        #expect(findingIDs(facts) == ["nvidia.nouveau-bound"])
        let steps = try #require(try NouveauBound().run(facts).first?.fix?.steps(for: .dnf))
        #expect(steps.contains(.command("sudo dracut --force")))
    }

    @Test("Secure Boot on, NVIDIA libraries installed and the module not loaded: enrol the key")
    func secureBoot() throws {
        let facts = nvidiaMachine {
            $0.gpus[0].driver = nil
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false, smiError: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")
            $0.environment.secureBoot = true
        }
        #expect(findingIDs(facts) == ["nvidia.secure-boot-unsigned-module"])
        let offFacts = nvidiaMachine {
            $0.gpus[0].driver = nil
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false)
            $0.environment.secureBoot = false
        }
        #expect(findingIDs(offFacts) == ["nvidia.no-driver"])
    }

    @Test("nvidia-smi's version mismatch message, or module and NVML versions that differ, is a mismatch")
    func mismatch() throws {
        let bySmi = nvidiaMachine { $0.drivers.nvidia.smiError = "Failed to initialize NVML: Driver/library version mismatch" }
        #expect(try ids(DriverLibraryMismatch(), bySmi) == ["nvidia.driver-library-mismatch"])
        let byVersions = nvidiaMachine { $0.drivers.libraries[1].version = "550.90.07" }
        let finding = try #require(try DriverLibraryMismatch().run(byVersions).first)
        #expect(finding.evidence == ["kernel module version: 550.54.15", "libnvidia-ml.so version: 550.90.07"])
    }

    @Test("CUDA 12 needs driver 525.60.13: exactly that is fine, 525.60.12 is too old; unknown CUDA majors pass")
    func driverTooOld() throws {
        func facts(driver: String, cuda: String) -> MachineFacts {
            nvidiaMachine {
                $0.drivers.nvidia.smiDriverVersion = driver
                $0.drivers.nvidia.kernelModuleVersion = driver
                $0.drivers.libraries[1].version = driver
                $0.drivers.nvidia.cudaToolkitVersion = cuda
            }
        }
        #expect(try ids(DriverTooOldForCuda(), facts(driver: "525.60.13", cuda: "12.4")) == [])
        #expect(try ids(DriverTooOldForCuda(), facts(driver: "525.60.12", cuda: "12.4")) == ["nvidia.driver-too-old-for-cuda"])
        #expect(try ids(DriverTooOldForCuda(), facts(driver: "470.256.02", cuda: "11.8")) == [])
        #expect(try ids(DriverTooOldForCuda(), facts(driver: "100.1", cuda: "99.0")) == [])
    }

    @Test("before CUDA 11 each release has its own minimum: CUDA 7.0 needs 346.46, and the fix names it")
    func driverTooOldForOldCuda() throws {
        func facts(driver: String, cuda: String) -> MachineFacts {
            nvidiaMachine {
                $0.drivers.nvidia.smiDriverVersion = driver
                $0.drivers.nvidia.kernelModuleVersion = driver
                $0.drivers.libraries[1].version = driver
                $0.drivers.nvidia.cudaToolkitVersion = cuda
            }
        }
        let finding = try #require(try DriverTooOldForCuda().run(facts(driver: "340.93", cuda: "7.0.28")).first)
        #expect(finding.evidence.last == "CUDA 7.0 needs driver 346.46 or newer")
        #expect(finding.fix?.steps(for: .apt).first?.text.hasPrefix("Install NVIDIA driver 346.46 or newer") == true)
        #expect(try ids(DriverTooOldForCuda(), facts(driver: "346.46", cuda: "7.0.28")) == [])
        #expect(try ids(DriverTooOldForCuda(), facts(driver: "410.48", cuda: "10.1.243")) == ["nvidia.driver-too-old-for-cuda"])
        #expect(try ids(DriverTooOldForCuda(), facts(driver: "300.1", cuda: "6.5")) == [], "no minimum known: silent")
    }

    @Test("a driver version that is not a version makes the check throw instead of guessing")
    func oddVersion() {
        let facts = nvidiaMachine { $0.drivers.nvidia.smiDriverVersion = "N/A"; $0.drivers.nvidia.cudaToolkitVersion = "12.4" }
        #expect(throws: OddFact.self) { try DriverTooOldForCuda().run(facts) }
        let report = CheckRunner().examine(facts)
        #expect(report.findingIDs == [Finding.checkFailedID])
    }

    @Test("nvidia loaded without nvidia_uvm offers to load it, except in a container")
    func uvm() throws {
        let facts = nvidiaMachine { $0.drivers.nvidia.uvmLoaded = false }
        let finding = try #require(try NvidiaUVMNotLoaded().run(facts).first)
        #expect(finding.action?.argvs(runningAsRoot: false) == [["sudo", "modprobe", "nvidia_uvm"]])
        #expect(finding.action?.argvs(runningAsRoot: true) == [["modprobe", "nvidia_uvm"]])
        let inContainer = nvidiaMachine { $0.drivers.nvidia.uvmLoaded = false; $0.environment.container = .docker }
        #expect(try NvidiaUVMNotLoaded().run(inContainer).first?.action == nil)
    }

    @Test("nvidia-smi saying the GPU is lost is nvidia.gpu-lost; other nvidia-smi errors are not")
    func gpuLost() throws {
        let lost = nvidiaMachine {
            $0.drivers.nvidia.smiError = "Unable to determine the device handle for GPU0000:01:00.0: Unknown Error"
        }
        #expect(findingIDs(lost) == ["nvidia.gpu-lost"])
        let other = nvidiaMachine { $0.drivers.nvidia.smiError = "No devices were found" }
        #expect(try ids(NvidiaGPULost(), other) == [])
    }

    @Test("missing /dev/nvidiactl with the module loaded is reported on a host, not in a container")
    func deviceNodes() throws {
        let facts = nvidiaMachine { $0.drivers.nvidia.deviceNodes = ["nvidia-uvm"] }
        #expect(try ids(NvidiaDeviceNodesMissing(), facts) == ["nvidia.device-nodes-missing"])
        let container = nvidiaMachine { $0.drivers.nvidia.deviceNodes = []; $0.environment.container = .docker }
        #expect(findingIDs(container) == ["container.gpu-not-passed"])
    }

    @Test("CUDA_VISIBLE_DEVICES: empty, -1 or an index past the last card hides all; 0 or a UUID does not")
    func cudaVisibleDevices() throws {
        for (value, hides) in [("", true), ("-1", true), ("1", true), ("0", false), ("0,1", false),
                               ("GPU-8a1b", false), ("NoDevFiles", true)] {
            let facts = nvidiaMachine { $0.environment.cudaVisibleDevices = value }
            #expect(try ids(CUDAVisibleDevicesHidesAll(), facts) == (hides ? ["env.cuda-visible-devices-hides-all"] : []),
                    "CUDA_VISIBLE_DEVICES=\(value)")
        }
        #expect(try ids(CUDAVisibleDevicesHidesAll(), healthyMachine { $0.environment.cudaVisibleDevices = "" }) == [])
    }

    @Test("LD_LIBRARY_PATH with CUDA's stubs or compat folder shadows the driver")
    func ldLibraryPath() throws {
        let stubs = nvidiaMachine { $0.environment.ldLibraryPath = ["/usr/local/cuda/lib64/stubs", "/opt/x"] }
        #expect(try LDLibraryPathShadows().run(stubs).first?.evidence == ["LD_LIBRARY_PATH contains /usr/local/cuda/lib64/stubs"])
        let fine = nvidiaMachine { $0.environment.ldLibraryPath = ["/usr/local/cuda/lib64", "/opt/compat-tools/lib"] }
        #expect(try ids(LDLibraryPathShadows(), fine) == [])
    }
}

@Suite("NVIDIA checks on probe details")
struct NvidiaDetailCheckTests {
    @Test("a libcuda in an LD_LIBRARY_PATH folder that differs from the driver shadows it; the same version does not")
    func shadowingCopy() throws {
        let other = nvidiaMachine {
            $0.environment.ldLibraryPath = ["/opt/app/lib"]
            $0.environment.ldLibraryPathLibraries = [LibraryFact(name: "libcuda.so", path: "/opt/app/lib/libcuda.so.1", version: "535.104.05")]
        }
        #expect(try LDLibraryPathShadows().run(other).first?.evidence
            == ["/opt/app/lib/libcuda.so.1 (version 535.104.05) comes before the system's copy; the driver is 550.54.15"])
        let same = nvidiaMachine {
            $0.environment.ldLibraryPath = ["/opt/app/lib"]
            $0.environment.ldLibraryPathLibraries = [LibraryFact(name: "libcuda.so", path: "/opt/app/lib/libcuda.so.1", version: "550.54.15")]
        }
        #expect(try ids(LDLibraryPathShadows(), same) == [])
    }

    @Test("the LD_LIBRARY_PATH fix removes exactly the folders that shadow the driver, system folders included")
    func shadowingFixNamesTheFolders() throws {
        let wsl = nvidiaMachine {
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false, smiDriverVersion: "560.94")
            $0.environment.ldLibraryPath = ["/usr/local/cuda/lib64/stubs", "/usr/lib/x86_64-linux-gnu"]
            $0.environment.ldLibraryPathLibraries = [LibraryFact(
                name: "libnvidia-ml.so", path: "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.530.41.03", version: "530.41.03")]
        }
        let steps = try #require(LDLibraryPathShadows().run(wsl).first?.fix).steps(for: .apt).map(\.text)
        #expect(steps.first?.hasPrefix("Remove /usr/local/cuda/lib64/stubs, /usr/lib/x86_64-linux-gnu from LD_LIBRARY_PATH") == true)
        #expect(steps.last?.contains("grep -vxF -e /usr/local/cuda/lib64/stubs -e /usr/lib/x86_64-linux-gnu") == true)
    }

    @Test("under WSL an NVIDIA card without a Linux driver is normal: the wsl checks speak instead")
    func wslHasNoLinuxDriver() {
        let facts = nvidiaMachine {
            $0.gpus[0].driver = nil
            $0.gpus[0].pciAddress = nil
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false, smiDriverVersion: "560.94")
            $0.environment.wsl = WSLFacts(version: 2, dxgPresent: true, wslLibPresent: true, wslLibcudaPresent: true)
        }
        #expect(findingIDs(facts) == [])
    }

    @Test("an installed but unloaded nvidia.ko is named in the evidence")
    func moduleFiles() throws {
        let facts = nvidiaMachine {
            $0.gpus[0].driver = nil
            $0.drivers.nvidia = NvidiaFacts(moduleLoaded: false)
            $0.drivers.nvidia.moduleFiles = ["/lib/modules/6.8.0-45-generic/updates/dkms/nvidia.ko.zst"]
        }
        let finding = try #require(try NvidiaNoDriver().run(facts).first)
        #expect(finding.evidence.contains("installed for this kernel but not loaded: /lib/modules/6.8.0-45-generic/updates/dkms/nvidia.ko.zst"))
    }
}
