// The processor area: /proc/cpuinfo, with the online CPU list and the kernel's machine name as fallbacks.

import Foundation

extension ProbeSession {
    func probeCPU() {
        var cpu = text("/proc/cpuinfo").map(CPUInfoReader.read) ?? CPUFacts()
        if cpu.logicalCores == nil, let online = line("/sys/devices/system/cpu/online") {
            cpu.logicalCores = CPUListReader.count(online)
        }
        cpu.architecture = line("/proc/sys/kernel/arch")
        if cpu.architecture == nil, let result = runTool("uname", ["-m"]), result.succeeded {
            cpu.architecture = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        facts.cpu = cpu
    }
}
