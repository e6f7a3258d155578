// CPU, memory and disk checks on minimal machines, at their boundaries.

import Probe
import Testing
@testable import Doctor

@Suite("CPU, memory and disk checks")
struct CPUMemoryDiskCheckTests {
    @Test("a healthy machine has no findings at all")
    func healthy() {
        #expect(findingIDs(healthyMachine()) == [])
    }

    @Test("an x86 CPU with AVX but no AVX2 is a warning; without AVX it is an error; ARM is never asked")
    func avx() throws {
        let noAVX2 = healthyMachine { $0.cpu.features = [.sse4_2, .avx] }
        #expect(try ids(CPUWithoutAVX(), noAVX2) == ["cpu.no-avx2"])
        let noAVX = healthyMachine { $0.cpu.features = [.sse4_2] }
        #expect(try ids(CPUWithoutAVX(), noAVX) == ["cpu.no-avx"])
        #expect(try CPUWithoutAVX().run(noAVX).first?.severity == .error)
        let arm = healthyMachine { $0.cpu.architecture = "aarch64"; $0.cpu.features = [.neon, .dotprod] }
        #expect(try ids(CPUWithoutAVX(), arm) == [])
        let unknownFlags = healthyMachine { $0.cpu.features = nil }
        #expect(try ids(CPUWithoutAVX(), unknownFlags) == [])
    }

    @Test("exactly 4 GiB of usable memory is enough; one byte less is low")
    func lowMemory() throws {
        #expect(try ids(LowMemory(), healthyMachine { $0.memory.totalBytes = 4 * gib }) == [])
        #expect(try ids(LowMemory(), healthyMachine { $0.memory.totalBytes = 4 * gib - 1 }) == ["memory.low"])
    }

    @Test("a cgroup limit counts as the usable memory")
    func lowMemoryInContainer() throws {
        let limited = healthyMachine { $0.memory.cgroup = CgroupFacts(version: 2, memoryLimit: .limited(2 * gib)) }
        let finding = try #require(try LowMemory().run(limited).first)
        #expect(finding.evidence.contains { $0.contains("limited by the container") })
    }

    @Test("no swap matters below 16 GiB of memory, not at 16 GiB, and not inside containers")
    func noSwap() throws {
        let small = healthyMachine { $0.memory.swapTotalBytes = 0; $0.memory.totalBytes = 16 * gib - 1 }
        #expect(try ids(NoSwap(), small) == ["memory.no-swap"])
        #expect(try ids(NoSwap(), healthyMachine { $0.memory.swapTotalBytes = 0; $0.memory.totalBytes = 16 * gib }) == [])
        let container = healthyMachine {
            $0.memory.swapTotalBytes = 0; $0.memory.totalBytes = 8 * gib; $0.environment.container = .docker
        }
        #expect(try ids(NoSwap(), container) == [])
    }

    @Test("a cgroup limit of exactly half the memory is fine; below half is reported; unlimited is fine")
    func cgroupLimit() throws {
        func limited(_ limit: Limit<UInt64>) -> MachineFacts {
            healthyMachine { $0.memory.cgroup = CgroupFacts(version: 2, path: "/docker/abc", memoryLimit: limit) }
        }
        #expect(try ids(CgroupMemoryLimit(), limited(.limited(16 * gib))) == [])
        #expect(try ids(CgroupMemoryLimit(), limited(.limited(16 * gib - 1))) == ["memory.cgroup-limit"])
        #expect(try ids(CgroupMemoryLimit(), limited(.unlimited)) == [])
    }

    @Test("10 GiB free is enough; less is reported with the folder that was measured")
    func disk() throws {
        let edge = healthyMachine { $0.disks[0].availableBytes = 10 * gib }
        #expect(try ids(LowDiskSpace(), edge) == [])
        let low = healthyMachine { $0.disks[0].availableBytes = 10 * gib - 1 }
        let finding = try #require(try LowDiskSpace().run(low).first)
        #expect(finding.id == "disk.low-space")
        #expect(finding.evidence.contains("free on /home/user: 10.0 GiB"))
    }
}
