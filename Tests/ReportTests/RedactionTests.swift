// The one redaction (Probe's Redactor) on every kind the report must hide, and on the facts it
// must keep: versions, PCI ids, model names and sizes.

import Probe
import Testing

@Suite("Redaction")
struct RedactionTests {
    static let redactor = Redactor(MachineIdentity(
        userName: "jdoe-planted", homeFolder: "/home/jdoe-planted", hostName: "planted-host.example.internal",
        domains: ["example.internal", "localdomain"]))

    static func report(_ text: String, machine: Bool = true) -> (String, RedactionLedger) {
        var ledger = RedactionLedger()
        let out = redactor.redact(text, ledger: &ledger, machineOutput: machine)
        return (out, ledger)
    }

    @Test("each kind gets its placeholder, keeping the labels around it", arguments: [
        ("user jdoe-planted logged in", "user <user> logged in"),
        ("/home/jdoe-planted/.ollama/models", "<home>/.ollama/models"),
        ("/home/jdoe-planted2/x", "/home/jdoe-planted2/x"),
        ("ping planted-host.example.internal", "ping <host>"),
        ("on planted-host:", "on <host>:"),
        ("proxy.example.internal:3128", "proxy.<domain-1>:3128"),
        ("mail jane.planted@mail.example.org now", "mail <email-1> now"),
        ("HF_TOKEN=hf_plantedTokenAbCdEf0123456789", "HF_TOKEN=<token-1>"),
        ("token ghp_abcdefghijklmnopqrstuvwxyz012345", "token <token-1>"),
        ("Authorization: Bearer abc.def-ghi_jkl", "Authorization: Bearer <token-1>"),
        ("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG", "AWS_SECRET_ACCESS_KEY=<secret-1>"),
        ("\"DB_PASSWORD\": \"hunter22\"", "\"DB_PASSWORD\": \"<secret-1>\""),
        ("https_proxy=http://u:planted-pass@proxy:3128", "https_proxy=http://<credentials-1>@proxy:3128"),
        ("eth0 3c:22:fb:aa:bb:cc up", "eth0 <mac-1> up"),
        ("adapter 3C-22-FB-AA-BB-CC", "adapter <mac-1>"),
        ("inet 10.20.30.40/24", "inet <ipv4-1>/24"),
        ("listening on 10.20.30.40.", "listening on <ipv4-1>."),
        ("inet6 fe80::1ff:fe23:4567:890a/64", "inet6 <ipv6-1>/64"),
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "<ipv6-1>"),
        ("deviceUUID = 4c4c4544-0042-3510-8052-b7c04f4e3232", "deviceUUID = <uuid-1>"),
        ("GPU-5c4bd7a2-1b2c-3d4e-5f60-718293a4b5c6", "GPU-<uuid-1>"),
        ("Serial Number: 1324021034567", "Serial Number: <serial-1>"),
        ("board_serial=PF2ABCDE", "board_serial=<serial-1>"),
        ("0::/docker/3f2a9c1b8e7d6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a", "0::/docker/<id-1>"),
    ])
    func kind(_ input: String, _ expected: String) {
        #expect(Self.report(input).0 == expected)
    }

    @Test("versions, PCI ids, model names and sizes are kept", arguments: [
        "driver 535.183.01, CUDA 12.2, libnvidia-ml.so.550.54.15",
        "Linux version 5.15.153.1-microsoft-standard-WSL2",
        "conformanceVersion = 1.3.7.1",
        "NVIDIA GeForce RTX 3060 [10de:2504] at 0000:2b:00.0",
        "SmolLM2-135M-Instruct.Q4_1.gguf 96.9 MB llama",
        "localhost 127.0.0.1 ::1 0.0.0.0",
        "std::vector and Foo::bar",
        "14:32:05 on 2026-11-29",
        "user root in /root",
        "Serial Number: [N/A]",
        "avx512_vnni avx_vnni amx_tile",
        "a.localdomain",
    ])
    func kept(_ input: String) {
        #expect(Self.report(input).0 == input)
    }

    @Test("the same value gets the same number everywhere; the tally counts values and places")
    func ledger() {
        var ledger = RedactionLedger()
        let first = Self.redactor.redact("3c:22:fb:aa:bb:cc and 3c:22:fb:aa:bb:dd", ledger: &ledger)
        let second = Self.redactor.redact("again 3c:22:fb:aa:bb:cc for jdoe-planted", ledger: &ledger)
        #expect(first == "<mac-1> and <mac-2>")
        #expect(second == "again <mac-1> for <user>")
        #expect(ledger.tally == [RedactionCount(kind: .user, values: 1, places: 1), RedactionCount(kind: .mac, values: 2, places: 3)])
    }

    @Test("a user name under 3 letters: whole path components and words of tool output, not Onramp's sentences")
    func shortUser() {
        let redactor = Redactor(MachineIdentity(userName: "al", homeFolder: "/home/al"))
        var ledger = RedactionLedger()
        #expect(redactor.redact("/home/al/x /srv/al /data/alpha uid=1000(al) groups: al video", ledger: &ledger)
            == "<home>/x /srv/<user> /data/alpha uid=1000(<user>) groups: <user> video")
        #expect(redactor.redact("see al. et al", ledger: &ledger, machineOutput: false) == "see al. et al")
        #expect(redactor.redact("/home/al", ledger: &ledger, machineOutput: false) == "<home>")
        #expect(redactor.redact("/mnt/al/models", ledger: &ledger, machineOutput: false) == "/mnt/<user>/models")
    }

    @Test("capture style keeps each value's shape so the profile still replays")
    func captureStyle() {
        #expect(Self.redactor.redact("jdoe-planted@planted-host 10.20.30.40 fe80::1ff:fe23:4567:890a 3c:22:fb:aa:bb:cc")
            == "user@host 192.0.2.1 2001:db8::1 00:00:00:00:00:00")
        #expect(Self.redactor.redact("write to jane.planted@mail.example.org") == "write to user@example.invalid")
        #expect(Self.redactor.redact("/home/jdoe-planted on planted-host, proxy.example.internal") == "/home/user on host, proxy.example.invalid")
        #expect(Self.redactor.redact("GPU-5c4bd7a2-1b2c-3d4e-5f60-718293a4b5c6") == "GPU-REDACTED")
        #expect(Redactor.isSecretVariable("HF_TOKEN") && Redactor.isSecretVariable("AWS_SECRET_ACCESS_KEY") && !Redactor.isSecretVariable("TERM"))
    }
}
