// The text `onramp doctor` prints: one line per area, findings with fixes, evidence under -v.

import Testing
@testable import Doctor

@Suite("Text report")
struct TextReportTests {
    static let broken = nvidiaMachine {
        $0.drivers.nvidia.uvmLoaded = false
        $0.memory.swapTotalBytes = 0
        $0.memory.totalBytes = 8 * gib
        $0.environment.proxyVariables = ["HTTPS_PROXY"]
    }

    @Test("areas show their worst mark; findings show their fix; the closing line counts and points to --fix")
    func summary() {
        let text = TextReport(verbose: false, glyphs: .unicode).render(CheckRunner().examine(Self.broken))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("[!] Memory: 8.0 GiB installed, 24.0 GiB available, no swap"))
        #expect(lines.contains("[✗] Graphics card: NVIDIA GeForce RTX 3060 (12.0 GiB, driver nvidia 550.54.15)"))
        #expect(lines.contains("    ✗ The nvidia_uvm module is not loaded, so CUDA cannot use the card"))
        #expect(lines.contains("      Fix: $ sudo modprobe nvidia_uvm"))
        #expect(lines.contains("[✓] Environment variables: set: HTTPS_PROXY"))
        #expect(lines.contains("    • A proxy is set: model downloads will go through it"))
        #expect(!text.contains("Evidence:"))
        // No swap is advice: the missing module is what to fix first.
        #expect(lines.contains("      (Worth doing, but not what stops models here.)"))
        #expect(lines.suffix(5) == [
            "✗ Found 1 error and 1 warning.", "  Fix first: The nvidia_uvm module is not loaded, so CUDA cannot use the card",
            "  Onramp can fix one of them for you (run onramp doctor --fix): The nvidia_uvm module is not loaded, so CUDA cannot use the card",
            "  Marks: ✗ stops models or the GPU, ! worth fixing, • for your information", "",
        ])
    }

    @Test("-v adds the explanation, the evidence and the troubleshooting anchor; ASCII marks when asked")
    func verboseASCII() {
        let text = TextReport(verbose: true, glyphs: .ascii).render(CheckRunner().examine(Self.broken))
        #expect(text.contains("[XX] Graphics card:"))
        #expect(text.contains("[!!] Memory:"))
        #expect(text.contains("      Evidence:\n        nvidia kernel module: loaded\n        nvidia_uvm kernel module: not loaded\n"))
        #expect(text.contains("      More: onramp doctor --explain nvidia.uvm-not-loaded"))
        #expect(!text.contains("✓") && !text.contains("✗"))
    }

    @Test("a machine with nothing wrong says so and what to do next")
    func healthy() {
        let text = TextReport(verbose: false, glyphs: .unicode).render(CheckRunner().examine(healthyMachine()))
        #expect(text.hasSuffix("\n✓ No problems found. Next: try a model with onramp run MODEL.gguf -p TEXT\n"))
    }
}
