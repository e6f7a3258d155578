// Container, WSL, informational and terminal checks on minimal machines.

import Probe
import Testing
@testable import Doctor

@Suite("System, environment and informational checks")
struct SystemAndEnvironmentCheckTests {
    @Test("WSL 2 with /dev/dxg but no libcuda: install the Windows driver; without /dev/dxg: update WSL")
    func wsl() throws {
        let noCuda = healthyMachine { $0.environment.wsl = WSLFacts(version: 2, dxgPresent: true, wslLibPresent: true) }
        #expect(findingIDs(noCuda) == ["wsl.libcuda-missing"])
        let noDXG = healthyMachine { $0.environment.wsl = WSLFacts(version: 2) }
        #expect(findingIDs(noDXG) == ["wsl.dxg-missing"])
        let wsl1 = healthyMachine { $0.environment.wsl = WSLFacts(version: 1, dxgPresent: true) }
        #expect(findingIDs(wsl1) == ["wsl.dxg-missing"])
        let working = healthyMachine {
            $0.environment.wsl = WSLFacts(version: 2, dxgPresent: true, wslLibPresent: true, wslLibcudaPresent: true)
        }
        #expect(findingIDs(working) == [])
    }

    @Test("an AMD card visible in a container without /dev/kfd or render nodes was not passed in")
    func containerAMD() throws {
        let facts = amdMachine {
            $0.environment.container = .docker
            $0.drivers.amd.kfd = nil
            $0.drivers.renderNodes = []
        }
        #expect(findingIDs(facts) == ["container.gpu-not-passed"])
    }

    @Test("a sleeping GPU, port 11434, other tools' models and proxies are information only")
    func informational() throws {
        let facts = nvidiaMachine {
            $0.gpus[0].runtimeStatus = "suspended"
            $0.gpus[0].powerState = "D3cold"
            $0.runtimes = RuntimeFacts(ollamaBinary: "/usr/local/bin/ollama", port11434InUse: true,
                                       modelFolders: [ModelFolder(tool: "ollama", path: "/home/user/.ollama/models", entries: 2),
                                                      ModelFolder(tool: "gpt4all", path: "/home/user/.local/share/nomic.ai/GPT4All", entries: 0)])
            $0.environment.proxyVariables = ["https_proxy", "HTTPS_PROXY"]
        }
        let report = CheckRunner().examine(facts)
        #expect(report.findingIDs == ["env.proxy-set", "gpu.discrete-suspended", "models.found-from-other-tools", "runtime.port-11434-in-use"])
        #expect(report.findings.allSatisfy { $0.severity == .info })
        #expect(report.exitStatus == 0)
        let models = try #require(report.findings.first { $0.id == "models.found-from-other-tools" })
        #expect(models.evidence == ["ollama: /home/user/.ollama/models (2 entries)"])
    }

    @Test("a non-UTF-8 locale or a dumb terminal is terminal.limited")
    func terminal() throws {
        #expect(try ids(TerminalLimited(), healthyMachine { $0.environment.locale = "C" }) == ["terminal.limited"])
        #expect(try ids(TerminalLimited(), healthyMachine { $0.environment.term = "dumb" }) == ["terminal.limited"])
        #expect(try ids(TerminalLimited(), healthyMachine { $0.environment.locale = "de_DE.utf8" }) == [])
    }

    @Test("the distribution family comes from ID first, then ID_LIKE")
    func family() {
        #expect(DistroFamily.from(id: "pop", idLike: "ubuntu debian") == .apt)
        #expect(DistroFamily.from(id: "nobara", idLike: "fedora") == .dnf)
        #expect(DistroFamily.from(id: "somethingnew", idLike: "arch") == .pacman)
        #expect(DistroFamily.from(id: "opensuse-tumbleweed", idLike: "opensuse suse") == .zypper)
        #expect(DistroFamily.from(id: "nixos", idLike: nil) == .generic)
    }
}
