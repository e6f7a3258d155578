// The probe on the machine running the tests: plausible facts, time-outs that hold, no hang.

import Foundation
import Testing
import TestSupport
@testable import LiveMachine
@testable import Probe

@Suite("Probing this machine", .onOwnThread)
struct LiveProbeTests {
    @Test("logical cores, memory and CPU flags match nproc, /proc/meminfo and /proc/cpuinfo")
    func plausibleFacts() throws {
        let facts = Prober(source: LiveSystem()).gather()
        let nproc = ProcessRunner.run(["/usr/bin/nproc", "--all"], environment: [:], timeout: .seconds(3))
        #expect(facts.cpu.logicalCores == Int(nproc.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let meminfo = try String(contentsOfFile: "/proc/meminfo", encoding: .utf8)
        let totalLine = try #require(meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") })
        let kilobytes = try #require(UInt64(totalLine.split(separator: " ")[1]))
        #expect(facts.memory.totalBytes == kilobytes * 1024)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flagsLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") || $0.hasPrefix("Features") }
        let flags = Set(flagsLine.map { $0.split(separator: ":")[1].split(separator: " ").map(String.init) } ?? [])
        #expect(facts.cpu.has(.avx2) == (flags.isEmpty ? nil : flags.contains("avx2")))
        #expect(facts.cpu.has(.avx) == (flags.isEmpty ? nil : flags.contains("avx")))
        #expect(facts.os.kernelRelease?.isEmpty == false)
        #expect(facts.disks.first?.availableBytes != nil)
    }

    @Test("a tool that hangs is killed at its time-out; the probe finishes and records it")
    func hangingTool() throws {
        let folder = try TemporaryFolder()
        // getconf is a tool every probe runs; this one never answers and leaves a grandchild on the pipe.
        try folder.script("getconf", "sleep 1000 &\nsleep 1000\n")
        var environment = LiveSystem.processEnvironment()
        environment["PATH"] = folder.path + ":/usr/bin:/bin"
        let timeout = Duration.seconds(1)
        let start = ContinuousClock.now
        let facts = Prober(source: LiveSystem(environment: environment), timeout: timeout).gather()
        let elapsed = ContinuousClock.now - start
        // The tool sleeps 1000 s: finishing within seconds proves it was killed. The bound is loose
        // on purpose (2 shared cores); how fast the probe is belongs to benchmarks, not tests.
        #expect(elapsed < timeout + .seconds(15))
        let getconf = facts.commands.first { $0.argv.first == folder.path + "/getconf" }
        #expect(getconf?.outcome == .timedOut)
        #expect(facts.os.glibcVersion == nil)
        #expect(facts.cpu.logicalCores != nil)
    }

    @Test("a tool that is not installed is recorded as not found")
    func missingTool() {
        var environment = LiveSystem.processEnvironment()
        environment["PATH"] = "/nonexistent"
        let facts = Prober(source: LiveSystem(environment: environment)).gather()
        // ldconfig is looked for in sbin too, so it may still be found; uname/getconf are not in sbin.
        let getconf = facts.commands.first { $0.argv.first == "getconf" }
        #expect(getconf?.outcome == .notFound)
    }
}

@Suite("Probing this machine with a flooding tool")
struct FloodingToolTests {
    @Test("a tool that prints 100 MB is capped, recorded as cut, and its garbage does not become a fact")
    func floodingTool() throws {
        let folder = try TemporaryFolder()
        try folder.script("getconf", "head -c 104857600 /dev/zero | tr '\\0' x\n")
        var environment = LiveSystem.processEnvironment()
        environment["PATH"] = folder.path + ":/usr/bin:/bin"
        let facts = Prober(source: LiveSystem(environment: environment), timeout: .seconds(20)).gather()
        let getconf = try #require(facts.commands.first { $0.argv.first == folder.path + "/getconf" })
        #expect(getconf.outcome == .succeeded)
        #expect(getconf.note?.contains("output cut") == true)
        #expect(facts.os.glibcVersion == nil)
    }
}
