// A capture rule for kernel logs (`dmesg`, `journalctl -k`): only the lines the probe uses leave the
// machine (see `KernelMessagesReader`), and those go through the usual redaction too.

extension Redactor {
    public static func isKernelLog(_ argv: [String]) -> Bool {
        let program = argv.first?.split(separator: "/").last
        return program == "dmesg" || (program == "journalctl" && argv.contains("-k"))
    }

    public func redactKernelMessages(_ text: String) -> String {
        let lines = KernelMessagesReader.gpuLines(text)
        return lines.isEmpty ? "" : redact(lines.joined(separator: "\n") + "\n")
    }
}
