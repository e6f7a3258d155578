// The probe's channels into other runtimes and the host's container tools: Ollama's service settings
// and models folder, Docker/Podman with the NVIDIA Container Toolkit and CDI specs, the installed
// nvidia module, and the CUDA initialisation test in a child process. Readers are tested on output
// from public threads; each channel is replayed from a corpus case and survives capture and replay.

import Foundation
import Testing
@testable import LiveMachine
@testable import Probe

@Suite("Channels: other runtimes, container tools, the installed driver, CUDA initialisation")
struct RuntimeChannelTests {
    static let cases: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/profiles/cases/"
    }()

    static func replay(_ name: String) throws -> MachineFacts {
        Prober(source: try ReplaySystem(folder: cases + name)).gather()
    }

    // MARK: readers

    @Test("systemd Environment= lines: quoted pairs on one line, bare assignments, [Service] only, an empty one clears")
    func unitEnvironment() {
        // The form in ollama/ollama#9877 (two quoted assignments on one line) and #2147's drop-in.
        let unit = """
            [Unit]
            Description=Ollama Service
            Environment="NOT_SERVICE=1"

            [Service]
            ExecStart=/usr/local/bin/ollama serve
            User=ollama
            Environment="PATH=$PATH" "OLLAMA_MODELS=/data2/models"
            Environment=OLLAMA_HOST=0.0.0.0
            # Environment="OLLAMA_DEBUG=1"
            """
        let pairs = SystemdUnitReader.environment(unit).map { "\($0.name)=\($0.value)" }
        #expect(pairs == ["PATH=$PATH", "OLLAMA_MODELS=/data2/models", "OLLAMA_HOST=0.0.0.0"])
        #expect(SystemdUnitReader.user(unit) == "ollama")
        #expect(SystemdUnitReader.environment("[Service]\nEnvironment=\"A=1\"\nEnvironment=\nEnvironment=B=2\n").map(\.name) == ["B"])
        // ollama/ollama#4454: a drop-in without its [Service] header is ignored by systemd, and by us.
        #expect(SystemdUnitReader.environment("Environment=\"OLLAMA_MODELS=/home/x/.ollama/models\"\n").isEmpty)
        #expect(SystemdUnitReader.environment("[Service]\nEnvironment=\"A=with space\" B=2\n").map(\.value) == ["with space", "2"])
    }

    @Test("a CDI spec's kind, host paths and the driver versions its libraries name")
    func cdiSpec() {
        // The layout `nvidia-ctk cdi generate` writes (NVIDIA/nvidia-container-toolkit#1739, #972).
        let spec = """
            cdiVersion: 0.5.0
            kind: nvidia.com/gpu
            containerEdits:
              mounts:
                - hostPath: /usr/lib/wsl/lib/libdxcore.so
                  containerPath: /usr/lib/wsl/lib/libdxcore.so
                - hostPath: /usr/lib/wsl/drivers/nvfrwi.inf_amd64_63d60f682af8cba2/libcuda.so.1.1
                  containerPath: /usr/lib/wsl/drivers/nvfrwi.inf_amd64_63d60f682af8cba2/libcuda.so.1.1
                - hostPath: /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.550.120
                  containerPath: /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.550.120
            """
        #expect(CDISpecReader.kind(spec) == "nvidia.com/gpu")
        let paths = CDISpecReader.hostPaths(spec)
        #expect(paths.count == 3)
        #expect(CDISpecReader.driverVersions(paths) == ["550.120"])
        let json = #"{"cdiVersion":"0.5.0","kind":"nvidia.com/gpu","containerEdits":{"mounts":[{"hostPath":"/usr/lib/x86_64-linux-gnu/libcuda.so.535.104.05","containerPath":"/x"}]}}"#
        #expect(CDISpecReader.kind(json) == "nvidia.com/gpu")
        #expect(CDISpecReader.driverVersions(CDISpecReader.hostPaths(json)) == ["535.104.05"])
        #expect(CDISpecReader.hostPaths("garbage: [").isEmpty)
    }

    @Test("the CUDA initialisation test's output: success, CUDA_ERROR_UNKNOWN, no libcuda, garbage")
    func cudaInitOutput() {
        let ok = CUDAInitReader.read("library: libcuda.so.1\ndriver-api: 12040\ncuInit: 0 CUDA_SUCCESS\ndevices: 2\n")
        #expect(ok == CUDAInitFacts(result: 0, errorName: "CUDA_SUCCESS", devices: 2, driverAPIVersion: 12040))
        #expect(ok?.succeeded == true)
        // 999 is what Ollama's logs show after a resume ("cudaSetDevice err: 999", ollama/ollama#6647).
        let broken = CUDAInitReader.read("library: libcuda.so.1\ncuInit: 999 CUDA_ERROR_UNKNOWN\n")
        #expect(broken?.result == 999 && broken?.errorName == "CUDA_ERROR_UNKNOWN" && broken?.succeeded == false)
        #expect(CUDAInitReader.read("library: missing (libcuda.so.1: cannot open shared object file)\n") == nil)
        #expect(CUDAInitReader.read("\u{0}\u{1}junk") == nil)
    }

    @Test("kernel messages: the driver, signing and suspend lines are kept, everything else is dropped")
    func kernelMessages() {
        // Line forms as the kernel prints them (NVIDIA's Xid 79, lockdown under Secure Boot, NVRM's API mismatch).
        let log = """
            [    1.234567] e1000e 0000:00:1f.6 eth0: (PCI Express:2.5GT/s:Width x1) 3c:52:82:aa:bb:cc
            [    3.100000] Lockdown: modprobe: unsigned module loading is restricted; see man kernel_lockdown.7
            [    4.000000] usb 1-2: SerialNumber: 4C530001230101117433
            [ 9876.543210] PM: suspend exit
            [ 9990.000001] NVRM: Xid (PCI:0000:01:00): 79, pid='<unknown>', name=<unknown>, GPU has fallen off the bus.
            [10000.000000] NVRM: API mismatch: the client has the version 535.113.01, but
            """
        let lines = KernelMessagesReader.gpuLines(log)
        #expect(lines.count == 4)
        #expect(!lines.contains { $0.contains("e1000e") || $0.contains("SerialNumber") })
        let facts = KernelMessagesFacts(source: "dmesg", lines: lines)
        #expect(facts.lines(containing: ["FALLEN OFF THE BUS"]).count == 1)
        let many = (0..<500).map { "[\($0)] amdgpu: line \($0)" }.joined(separator: "\n")
        #expect(KernelMessagesReader.gpuLines(many).count == KernelMessagesReader.keptLines)
        #expect(KernelMessagesReader.gpuLines(many).last == "[499] amdgpu: line 499")
        // The capture rule keeps only those lines, redacted.
        let redactor = Redactor(userName: nil, homeFolder: nil, hostName: nil)
        #expect(Redactor.isKernelLog(["/usr/bin/dmesg"]) && Redactor.isKernelLog(["/usr/bin/journalctl", "-k", "-b"]))
        #expect(!Redactor.isKernelLog(["/usr/bin/journalctl", "-u", "ollama"]))
        let captured = redactor.redactKernelMessages(log)
        #expect(!captured.contains("3c:52:82") && !captured.contains("4C5300"))
        #expect(captured.contains("GPU has fallen off the bus"))
    }

    @Test("kernel messages are read with dmesg only where the kernel allows it, else skipped with the reason")
    func kernelMessagesAccess() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/case"
        try FileManager.default.copyItem(atPath: Self.cases + "nvidia-uvm-broken-after-resume", toPath: copy)
        try FileManager.default.createDirectory(atPath: copy + "/fs/proc/sys/kernel", withIntermediateDirectories: true)
        try "1\n".write(toFile: copy + "/fs/proc/sys/kernel/dmesg_restrict", atomically: true, encoding: .utf8)
        var facts = Prober(source: try ReplaySystem(folder: copy)).gather()
        if facts.drivers.user?.groups.contains("adm") == true {
            // journalctl is not in this profile: the probe says it is not installed.
            #expect(facts.commands.contains { $0.argv.first == "journalctl" && $0.outcome == .notFound })
        } else {
            #expect(facts.commands.contains { $0.argv == ["dmesg"] && $0.outcome == .skipped })
        }
        #expect(facts.kernelMessages == nil)
        try "0\n".write(toFile: copy + "/fs/proc/sys/kernel/dmesg_restrict", atomically: true, encoding: .utf8)
        try #"{"argv":["/usr/bin/dmesg"],"exitStatus":0,"outcome":"exited"}"#
            .write(toFile: copy + "/commands/dmesg.json", atomically: true, encoding: .utf8)
        try "[ 1.0] eth0: up\n[ 2.0] PM: suspend exit\n".write(toFile: copy + "/commands/dmesg.stdout", atomically: true, encoding: .utf8)
        var json = try String(contentsOfFile: copy + "/system.json", encoding: .utf8)
        json = json.replacingOccurrences(of: "\"entries\": {", with: "\"entries\": {\n    \"/usr/bin/dmesg\": {\"kind\": \"file\", \"mode\": \"0755\"},")
        try json.write(toFile: copy + "/system.json", atomically: true, encoding: .utf8)
        facts = Prober(source: try ReplaySystem(folder: copy)).gather()
        #expect(facts.kernelMessages == KernelMessagesFacts(source: "dmesg", lines: ["[ 2.0] PM: suspend exit"]))
    }

    // MARK: the live channels on this machine

    @Test("the CUDA initialisation test in this process, without an NVIDIA driver, says so quickly")
    func cudaInitHereWithoutDriver() {
        let clock = ContinuousClock()
        let start = clock.now
        let (output, status) = CUDAInitTest.runHere(library: "libcuda-not-installed-here.so.1")
        #expect(status == .libraryMissing)
        #expect(output.hasPrefix("library: missing"))
        #expect(CUDAInitReader.read(output) == nil)
        #expect(clock.now - start < .seconds(1))
    }

    @Test("a live probe never starts the initialisation test from a program that is not onramp")
    func initTestOnlyFromOnramp() {
        let result = LiveSystem().run(CUDAInitTest.argv, timeout: .seconds(2))
        #expect(result.outcome == .couldNotStart)
        #expect(result.message?.contains("onramp") == true)
    }

    // MARK: replayed from the corpus

    @Test("Ollama's service: its unit, its models folder on the root disk, and that disk's free space")
    func ollamaService() throws {
        let facts = try Self.replay("ollama-models-on-small-root")
        #expect(facts.runtimes.ollamaUnit?.user == "ollama")
        #expect(facts.runtimes.ollamaUnit?.unitFiles == ["/etc/systemd/system/ollama.service"])
        let models = try #require(facts.runtimes.ollamaModels)
        #expect(models.path == "/usr/share/ollama/.ollama/models" && models.forService)
        #expect(models.availableBytes == 2_800_000_000 && models.totalBytes == 28_000_000_000)
        #expect(models.readable == true)
    }

    @Test("a service folder closed to this user is measured at the nearest folder above it that can be")
    func ollamaFolderClosed() throws {
        let facts = try Self.replay("ec2-8gb-disk-partial-pull")
        let models = try #require(facts.runtimes.ollamaModels)
        #expect(models.readable == false)
        #expect(models.partialDownloads == nil)
        #expect(models.measuredPath == "/usr/share/ollama")
        #expect(models.availableBytes == facts.disks.first?.availableBytes)
    }

    @Test("Docker on the host without any NVIDIA Container Toolkit program")
    func dockerWithoutToolkit() throws {
        let host = try #require(try Self.replay("docker-gpus-without-container-toolkit").containerHost)
        #expect(host.docker == "/usr/bin/docker")
        #expect(host.nvidiaToolkitPrograms.isEmpty)
        #expect(host.dockerRuntimes == nil)
    }

    @Test("a CDI spec naming a WSL driver-store folder that a driver update replaced")
    func staleCDISpec() throws {
        let host = try #require(try Self.replay("wsl-podman-stale-cdi-spec").containerHost)
        #expect(host.podman == "/usr/bin/podman" && host.nvidiaToolkitPrograms == ["/usr/bin/nvidia-ctk"])
        let spec = try #require(host.cdiSpecs.first)
        #expect(spec.path == "/etc/cdi/nvidia.yaml" && spec.kind == "nvidia.com/gpu")
        #expect(spec.hostPaths == 9 && spec.missingHostPaths.count == 8)
        #expect(!spec.missingHostPaths.contains("/usr/lib/wsl/lib/libdxcore.so"))
    }

    @Test("the nvidia module installed on disk (modinfo) and a .run installation")
    func installedModule() throws {
        let nvidia = try Self.replay("nvml-mismatch-runfile-patch-skew").drivers.nvidia
        #expect(nvidia.installedModuleVersion == "570.124.06")
        #expect(nvidia.kernelModuleVersion == "570.124.06")
        #expect(nvidia.installedByRunfile == true)
    }

    @Test("cuInit failing in the child while nvidia-smi works, after a suspend")
    func cudaInitReplayed() throws {
        let facts = try Self.replay("nvidia-uvm-broken-after-resume")
        #expect(facts.drivers.nvidia.cudaInit?.result == 999)
        #expect(facts.drivers.nvidia.smiDriverVersion == "535.183.01")
        #expect(facts.os.suspendsSinceBoot == 1)
    }

    @Test("a CUDA initialisation test that hangs is reported as timed out, not as a result")
    func cudaInitTimeout() throws {
        let folder = try TemporaryFolder()
        let copy = folder.path + "/case"
        try FileManager.default.copyItem(atPath: Self.cases + "nvidia-uvm-broken-after-resume", toPath: copy)
        let record = copy + "/commands/exe_gpu-init-test_cuda"
        try FileManager.default.removeItem(atPath: record + ".stdout")
        try #"{"argv":["/proc/self/exe","gpu-init-test","cuda"],"outcome":"timedOut"}"#.write(toFile: record + ".json", atomically: true, encoding: .utf8)
        let facts = Prober(source: try ReplaySystem(folder: copy)).gather()
        #expect(facts.drivers.nvidia.cudaInit == CUDAInitFacts(timedOut: true))
        #expect(facts.commands.contains { $0.argv == CUDAInitTest.shownArgv && $0.outcome == .timedOut })
    }

    @Test("each new channel survives capture and replay unchanged", arguments: [
        "ollama-models-on-small-root", "ec2-8gb-disk-partial-pull", "docker-gpus-without-container-toolkit",
        "wsl-podman-stale-cdi-spec", "nvml-mismatch-runfile-patch-skew", "nvidia-uvm-broken-after-resume",
    ])
    func captureAndReplay(name: String) throws {
        let (facts, replayed) = try ProfileRoundTrip.facts(ofCaseAt: Self.cases + name, description: name)
        #expect(replayed.runtimes == facts.runtimes)
        #expect(replayed.containerHost == facts.containerHost)
        #expect(replayed.drivers.nvidia == facts.drivers.nvidia)
        #expect(replayed.os == facts.os)
    }

    // MARK: capture rules

    @Test("a service file leaves the machine without tokens, keys or proxy passwords")
    func serviceFileRedaction() {
        let unit = """
            [Service]
            Environment="OLLAMA_MODELS=/home/ann/models" "HF_TOKEN=hf_abcdef123456"
            Environment=HTTPS_PROXY=http://ann:pw@10.1.2.3:3128
            Environment="OLLAMA_API_KEY=sk-live-1"
            """
        let redactor = Redactor(userName: "ann", homeFolder: "/home/ann", hostName: nil)
        let cleaned = redactor.redactServiceFile(unit)
        #expect(!cleaned.contains("hf_abcdef") && !cleaned.contains("pw@") && !cleaned.contains("sk-live"))
        #expect(cleaned.contains("\"OLLAMA_MODELS=/home/user/models\""))
        #expect(SystemdUnitReader.environment(cleaned).map(\.name) == ["OLLAMA_MODELS", "HF_TOKEN", "HTTPS_PROXY", "OLLAMA_API_KEY"])
        #expect(Redactor.isServiceFile("/etc/systemd/system/ollama.service.d/override.conf"))
        #expect(!Redactor.isServiceFile("/etc/os-release"))
    }

    @Test("a WSL kernel release keeps its four numbers in a capture; an address in other text does not")
    func kernelReleaseRedaction() {
        let redactor = Redactor(userName: nil, homeFolder: nil, hostName: nil)
        #expect(redactor.redact("5.15.153.1-microsoft-standard-WSL2\n") == "5.15.153.1-microsoft-standard-WSL2\n")
        #expect(redactor.redact("5.15.153.1-microsoft-standard-WSL2") == "5.15.153.1-microsoft-standard-WSL2")
        #expect(redactor.redact("conformanceVersion = 1.3.7.1") == "conformanceVersion = 1.3.7.1")
        #expect(redactor.redact("Linux version 6.8.0-40-generic from 10.1.2.3") == "Linux version 6.8.0-40-generic from 192.0.2.1")
    }

    @Test("Docker's daemon.json keeps only its runtimes in a capture")
    func dockerConfigRedaction() {
        let config = #"{"runtimes":{"nvidia":{"path":"nvidia-container-runtime","args":[]}},"default-runtime":"nvidia","proxies":{"http-proxy":"http://bob:secret@proxy:3128"},"registry-mirrors":["https://10.0.0.5"]}"#
        let cleaned = Redactor(userName: nil, homeFolder: nil, hostName: nil).redactDockerDaemonConfig(config)
        #expect(cleaned == #"{"default-runtime":"nvidia","runtimes":{"nvidia":{}}}"# + "\n")
        #expect(Redactor(userName: nil, homeFolder: nil, hostName: nil).redactDockerDaemonConfig("not json") == "{}\n")
    }
}
