// The text readers against real output formats of /proc files and tools, and against garbage.

import Testing
@testable import Probe

@Suite("Reading /proc files and tool output")
struct ReaderTests {
    @Test("x86 cpuinfo gives vendor, model, hyper-threaded core counts and the features that matter")
    func x86CPUInfo() {
        let block = { (processor: Int, core: Int) in
            """
            processor\t: \(processor)
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Core(TM) i5-3320M CPU @ 2.60GHz
            physical id\t: 0
            core id\t\t: \(core)
            cpu cores\t: 2
            flags\t\t: fpu sse4_1 sse4_2 avx xsave

            """
        }
        let cpu = CPUInfoReader.read([block(0, 0), block(1, 0), block(2, 1), block(3, 1)].joined(separator: "\n"))
        #expect(cpu.vendor == "GenuineIntel")
        #expect(cpu.modelName == "Intel(R) Core(TM) i5-3320M CPU @ 2.60GHz")
        #expect(cpu.logicalCores == 4)
        #expect(cpu.physicalCores == 2)
        #expect(cpu.features == [.sse4_2, .avx])
        #expect(cpu.has(.avx2) == false)
    }

    @Test("ARM cpuinfo maps asimd to NEON and asimddp to dotprod, and names the core and board")
    func armCPUInfo() {
        let processor = { (index: Int) in
            """
            processor\t: \(index)
            BogoMIPS\t: 108.00
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
            CPU implementer\t: 0x41
            CPU architecture: 8
            CPU variant\t: 0x4
            CPU part\t: 0xd0b
            CPU revision\t: 1

            """
        }
        let text = (0..<4).map(processor).joined(separator: "\n") + "\nRevision\t: d04170\nModel\t\t: Raspberry Pi 5 Model B Rev 1.0\n"
        let cpu = CPUInfoReader.read(text)
        #expect(cpu.vendor == "ARM")
        #expect(cpu.modelName == "Cortex-A76 (Raspberry Pi 5 Model B Rev 1.0)")
        #expect(cpu.logicalCores == 4)
        #expect(cpu.physicalCores == 4)
        #expect(cpu.features == [.neon, .dotprod])
    }

    @Test("garbage, empty or binary cpuinfo gives unknown facts")
    func garbageCPUInfo() {
        for text in ["", "\n\n\n", "processor", ":::::", "\u{0}\u{1}\u{FFFD}", String(repeating: "x: y\n", count: 1000)] {
            let cpu = CPUInfoReader.read(text)
            #expect(cpu.features == nil)
            #expect(cpu.modelName == nil)
        }
    }

    @Test("meminfo values in kB become bytes; malformed lines are unknown")
    func memInfo() {
        var memory = MemoryFacts()
        MemInfoReader.read("MemTotal:       16303364 kB\nMemAvailable:   9999 kB\nSwapTotal: x kB\nSwapFree: 18446744073709551615 kB\n", into: &memory)
        #expect(memory.totalBytes == 16_303_364 * 1024)
        #expect(memory.availableBytes == 9999 * 1024)
        #expect(memory.swapTotalBytes == nil)
        #expect(memory.swapFreeBytes == nil)
    }

    @Test("cgroup v2 and v1 membership and limits, including 'max' and v1's huge 'no limit'")
    func cgroups() {
        let v2 = CgroupReader.membership("0::/user.slice/user-1000.slice/session-2.scope\n", unifiedMounted: true)
        #expect(v2?.version == 2)
        #expect(v2?.memoryPath == "/user.slice/user-1000.slice/session-2.scope")
        let v1 = CgroupReader.membership("12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n", unifiedMounted: false)
        #expect(v1 == CgroupReader.Membership(version: 1, memoryPath: "/docker/abc", cpuPath: "/docker/abc", cpuFolder: "cpu,cpuacct"))
        #expect(CgroupReader.memoryLimit("4294967296\n") == .limited(4_294_967_296))
        #expect(CgroupReader.memoryLimit("max\n") == .unlimited)
        #expect(CgroupReader.memoryLimit("9223372036854771712\n") == .unlimited)
        #expect(CgroupReader.memoryLimit("lots") == nil)
        #expect(CgroupReader.cpuLimitV2("200000 100000\n") == .limited(2))
        #expect(CgroupReader.cpuLimitV2("max 100000\n") == .unlimited)
        #expect(CgroupReader.cpuLimitV2("1 0") == nil)
        #expect(CgroupReader.cpuLimitV1(quota: "-1\n", period: "100000\n") == .unlimited)
        #expect(CgroupReader.cpuLimitV1(quota: "50000", period: "100000") == .limited(0.5))
        #expect(CgroupReader.membership("garbage", unifiedMounted: true) == nil)
    }

    @Test("nvidia-smi CSV rows, 8-digit PCI domains and its error line")
    func nvidiaSmi() {
        let rows = NvidiaSmiReader.rows("00000000:01:00.0, NVIDIA GeForce RTX 3060, 12288, 535.183.01, 8.6\n")
        #expect(rows == [.init(pciAddress: "0000:01:00.0", name: "NVIDIA GeForce RTX 3060", memoryMiB: 12288, driverVersion: "535.183.01", computeCapability: "8.6")])
        #expect(NvidiaSmiReader.rows("Failed to initialize NVML: Driver/library version mismatch\n").isEmpty)
        #expect(NvidiaSmiReader.errorLine(stdout: "Failed to initialize NVML: Driver/library version mismatch\nNVML library version: 550.54\n", stderr: "")
            == "Failed to initialize NVML: Driver/library version mismatch")
        #expect(NvidiaSmiReader.rows("00000000:01:00.0, GPU, [N/A], [N/A], [N/A]")[0].memoryMiB == nil)
    }

    @Test("the NVIDIA kernel module version, proprietary and open")
    func nvidiaVersion() {
        #expect(NvidiaVersionReader.kernelModuleVersion("NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.183.01  Sun May 12 19:39:15 UTC 2024\nGCC version:  gcc version 12.3.0\n") == "535.183.01")
        #expect(NvidiaVersionReader.kernelModuleVersion("NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.15  Release Build  (dvs-builder@U16-I3-B03-4-3)  Tue Mar  5 22:15:33 UTC 2024\n") == "550.54.15")
        #expect(NvidiaVersionReader.kernelModuleVersion("nonsense") == nil)
    }

    @Test("rocminfo GPU agents and its permission error")
    func rocminfo() {
        let text = """
            ROCk module is loaded
            *******
            Agent 1
            *******
              Name:                    AMD Ryzen 7 5800X 8-Core Processor
              Marketing Name:          AMD Ryzen 7 5800X 8-Core Processor
              Device Type:             CPU
            *******
            Agent 2
            *******
              Name:                    gfx1031
              Marketing Name:          AMD Radeon RX 6700 XT
              Device Type:             GPU
            """
        #expect(RocminfoReader.gpuAgents(text) == [.init(isa: "gfx1031", marketingName: "AMD Radeon RX 6700 XT")])
        let denied = "ROCk module is loaded\nUnable to open /dev/kfd read-write: Permission denied\nann is not member of \"render\" group, the default DRM access group.\n"
        #expect(RocminfoReader.gpuAgents(denied).isEmpty)
        #expect(RocminfoReader.errorText(stdout: denied, stderr: "")?.hasPrefix("Unable to open /dev/kfd read-write: Permission denied") == true)
    }

    @Test("vulkaninfo --summary device names, and its error when no driver is found")
    func vulkan() {
        let text = "Devices:\n========\nGPU0:\n\tapiVersion         = 1.3.255\n\tdeviceName         = Intel(R) Arc(tm) A770 Graphics (DG2)\nGPU1:\n\tdeviceName         = llvmpipe (LLVM 15.0.7, 256 bits)\n"
        #expect(VulkanSummaryReader.deviceNames(text) == ["Intel(R) Arc(tm) A770 Graphics (DG2)", "llvmpipe (LLVM 15.0.7, 256 bits)"])
        #expect(VulkanSummaryReader.errorLine(stdout: "", stderr: "ERROR: [Loader Message] Code 0 : vkCreateInstance: Found no drivers!\n") != nil)
    }

    @Test("ldconfig -p entries for GPU libraries, versions from real file names")
    func ldconfig() {
        let text = "1234 libs found in cache `/etc/ld.so.cache'\n\tlibz.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libz.so.1\n\tlibnvidia-ml.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libnvidia-ml.so.1\n\tlibcuda.so (libc6,x86-64) => /lib/x86_64-linux-gnu/libcuda.so\n"
        let entries = LdconfigReader.entries(text)
        #expect(entries.map(\.baseName) == ["libnvidia-ml.so", "libcuda.so"])
        #expect(LdconfigReader.version(fromFileName: "libnvidia-ml.so.550.54.15") == "550.54.15")
        #expect(LdconfigReader.version(fromFileName: "libcuda.so") == nil)
    }

    @Test("KFD gfx_target_version becomes the ISA name")
    func kfd() {
        #expect(KFDTopologyReader.gfxName(100301) == "gfx1031")
        #expect(KFDTopologyReader.gfxName(90010) == "gfx90a")
        #expect(KFDTopologyReader.gfxName(110000) == "gfx1100")
        #expect(KFDTopologyReader.gfxName(0) == nil)
    }

    @Test("listening TCP ports from /proc/net/tcp")
    func ports() {
        let text = "  sl  local_address rem_address   st tx_queue rx_queue\n   0: 0100007F:2CAA 00000000:0000 0A 00000000:00000000\n   1: 0100007F:0050 0100007F:2CAA 01 00000000:00000000\n"
        #expect(ListeningPortsReader.listeningPorts(text) == [11434])
        #expect(ListeningPortsReader.listeningPorts("garbage\nmore garbage").isEmpty)
    }

    @Test("kernel CPU lists count ranges and reject nonsense")
    func cpuList() {
        #expect(CPUListReader.count("0-3,8-11\n") == 8)
        #expect(CPUListReader.count("0") == 1)
        #expect(CPUListReader.count("3-1") == nil)
        #expect(CPUListReader.count("") == nil)
    }
}
