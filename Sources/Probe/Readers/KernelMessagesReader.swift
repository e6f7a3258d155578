// Picks the kernel-log lines the doctor can use out of `dmesg` or `journalctl -k` output: graphics
// drivers, compute modules, module signing under Secure Boot, and suspend/resume. Everything else
// (network addresses, disks, USB serials) is dropped before the facts or a capture keep anything.

public enum KernelMessagesReader {
    /// Enough for a boot's driver story; older lines are dropped first.
    public static let keptLines = 60

    /// Substrings (matched without regard to case) of the lines worth keeping.
    static let markers = [
        "nvrm", "xid", "nvidia", "nouveau", "amdgpu", "kfd", "i915", "xe ", "[drm", "radeon",
        "lockdown", "module verification failed", "unsigned module", "key was rejected", "required key",
        "pm: suspend exit", "pm: resume", "pm: hibernation",
    ]

    public static func gpuLines(_ text: String) -> [String] {
        let kept = text.split(whereSeparator: \.isNewline).filter { line in
            let lowered = line.lowercased()
            return markers.contains { lowered.contains($0) }
        }
        return kept.suffix(keptLines).map(String.init)
    }
}
