// A check that throws is reported as "could not run" while the others still run; and no check
// traps on extreme facts (Swift cannot catch a trap, so this is how traps are kept out).

import Probe
import Testing
@testable import Doctor

struct AlwaysThrows: Check {
    let id = "test.always-throws"
    let area = Area.gpu
    var kinds: [FindingKind] { [] }
    func run(_ facts: MachineFacts) throws -> [Finding] { throw OddFact("the GPU list was upside down") }
}

@Suite("Check isolation")
struct CheckIsolationTests {
    @Test("a throwing check becomes one doctor.check-failed warning naming it and its error; the others still run")
    func throwingCheckIsIsolated() throws {
        let runner = CheckRunner(checks: [CPUWithoutAVX(), AlwaysThrows(), LowMemory()])
        let facts = healthyMachine { $0.cpu.features = [.avx]; $0.memory.totalBytes = gib }
        let report = runner.examine(facts)
        #expect(report.findingIDs == ["cpu.no-avx2", Finding.checkFailedID, "memory.low"])
        let failed = try #require(report.findings.first { $0.id == Finding.checkFailedID })
        #expect(failed.area == .gpu)
        #expect(failed.severity == .warning)
        #expect(failed.title == "The check \"test.always-throws\" could not run")
        #expect(failed.evidence == ["test.always-throws: the GPU list was upside down"])
    }

    @Test("no registered check traps on extreme or garbled facts", .timeLimit(.minutes(1)))
    func extremeFacts() {
        let weird = ["", " ", "-1", "999999999999999999999", "gfx", "ｇｆｘ１０３１", "..", "1..2", "\u{0}", String(repeating: "9", count: 400)]
        let numbers: [UInt64] = [0, 1, UInt64.max, UInt64.max / 2 + 1]
        let counts: [Int?] = [nil, 0, -1, Int.max, Int.min]
        var machines: [MachineFacts] = []
        for (index, text) in weird.enumerated() {
            let number = numbers[index % numbers.count]
            let count = counts[index % counts.count]
            for base in [healthyMachine(), nvidiaMachine(), amdMachine()] {
                var facts = base
                facts.cpu.architecture = index.isMultiple(of: 2) ? "x86_64" : text
                facts.cpu.physicalCores = count
                facts.cpu.logicalCores = count
                facts.cpu.features = index.isMultiple(of: 3) ? [] : nil
                facts.memory = MemoryFacts(totalBytes: number, availableBytes: number, swapTotalBytes: number,
                                           swapFreeBytes: 0, cgroup: CgroupFacts(version: count, memoryLimit: .limited(number &+ 1)))
                facts.disks = [DiskFacts(purpose: text, path: text, totalBytes: number, availableBytes: number)]
                for gpu in facts.gpus.indices {
                    facts.gpus[gpu].gfxTarget = text.isEmpty ? nil : "gfx" + text
                    facts.gpus[gpu].vramBytes = number
                    facts.gpus[gpu].driver = index.isMultiple(of: 2) ? nil : text
                    facts.gpus[gpu].powerState = text
                }
                facts.drivers.nvidia.smiDriverVersion = text
                facts.drivers.nvidia.kernelModuleVersion = text
                facts.drivers.nvidia.cudaToolkitVersion = text
                facts.drivers.nvidia.deviceNodes = [text]
                facts.drivers.libraries.append(LibraryFact(name: "libnvidia-ml.so", path: text, version: text))
                facts.drivers.amd.kfd?.mode = text
                facts.drivers.renderNodes.append(DeviceNode(path: text, group: text, mode: text))
                facts.drivers.user = UserFacts(name: text, uid: count, groups: [text])
                facts.environment.cudaVisibleDevices = text
                facts.environment.hsaOverrideGfxVersion = text
                facts.environment.ldLibraryPath = [text, "/" + text + "/stubs"]
                facts.environment.locale = text
                facts.environment.term = text
                facts.environment.wsl = index.isMultiple(of: 2) ? WSLFacts(version: count) : nil
                facts.runtimes.modelFolders = [ModelFolder(tool: text, path: text, entries: count ?? 0)]
                machines.append(facts)
            }
        }
        for facts in machines {
            let report = CheckRunner().examine(facts)
            // Every finding stays well-formed: a known id (or check-failed) and text for people.
            for finding in report.findings {
                #expect(CheckRegistry.findingIDs.contains(finding.id) || finding.id == Finding.checkFailedID)
                #expect(!finding.title.isEmpty && !finding.explanation.isEmpty)
            }
            _ = TextReport(verbose: true, glyphs: .unicode).render(report)
        }
    }

    @Test("finding ids are unique across the registry and shaped area.words")
    func idsAreStable() {
        let ids = CheckRegistry.findingIDs
        #expect(Set(ids).count == ids.count)
        #expect(ids.count >= 25)
        for id in ids {
            let parts = id.split(separator: ".")
            #expect(parts.count == 2 && id == id.lowercased() && !id.contains(" "), "\(id)")
        }
    }
}
