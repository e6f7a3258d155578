// Kernel messages about the graphics drivers, read without root where the system allows it:
// `dmesg` when kernel.dmesg_restrict is 0 (or as root), else `journalctl -k` for members of the
// groups that may read the journal; otherwise the probe says why it did not look.

extension ProbeSession {
    static let journalGroups: Set<String> = ["adm", "systemd-journal", "wheel"]

    func probeKernelMessages() {
        // Unknown (an older profile, an odd kernel): do not guess which tool would work.
        guard let restricted = line("/proc/sys/kernel/dmesg_restrict").map({ $0 != "0" }) else { return }
        let user = facts.drivers.user
        if restricted == false || user?.uid == 0 {
            readKernelMessages(tool: "dmesg", arguments: [])
        } else if let groups = user?.groups, !Self.journalGroups.isDisjoint(with: groups) {
            readKernelMessages(tool: "journalctl", arguments: ["-k", "-b", "-q", "--no-pager", "-o", "short-monotonic"])
        } else {
            facts.commands.append(CommandFact(
                argv: ["dmesg"], outcome: .skipped,
                note: "kernel messages are for root only here (kernel.dmesg_restrict) and this user is not in adm or systemd-journal"))
        }
    }

    private func readKernelMessages(tool: String, arguments: [String]) {
        guard let result = runTool(tool, arguments), result.succeeded else { return }
        facts.kernelMessages = KernelMessagesFacts(
            source: ([tool] + arguments.prefix(1)).joined(separator: " "), lines: KernelMessagesReader.gpuLines(result.stdout))
    }
}
