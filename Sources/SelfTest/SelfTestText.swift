// The self-test report as lines for a terminal: one line per group of checks, every check
// under -v, then what failed and what happens next.

public enum SelfTestText {
    public static func render(_ report: SelfTestReport, verbose: Bool) -> String {
        var lines: [String] = []
        let groups: [(SelfTestCheck.Group, String)] = [
            (.kernel, "kernels"), (.quantizer, "quantisers"), (.op, "operations"),
            (.threads, "threads"), (.graphicsCard, "graphics card"), (.model, "model"), (.speed, "speed"),
        ]
        for (group, title) in groups {
            let checks = report.checks.filter { $0.group == group }
            if group == .graphicsCard, let reason = report.graphicsCard?.notChecked {
                // One line: not checked, and why (ASCII, as the rest of this text).
                lines.append("\(report.graphicsCard?.requestFailed == true ? "[XX]" : "[--]") \(title): not checked. \(reason)")
                continue
            }
            guard !checks.isEmpty else { continue }
            let failed = checks.filter { !$0.passed }
            var summary = group == .speed ? checks[0].detail
                : failed.isEmpty ? "\(checks.count) passed" : "\(failed.count) of \(checks.count) failed"
            if group == .graphicsCard, let device = report.graphicsCard?.device { summary += " on \(device)" }
            lines.append("\(failed.isEmpty ? "[ok]" : "[XX]") \(title): \(summary)")
            if group == .graphicsCard, let reason = report.graphicsCard?.model?.processorReason {
                lines.append("       the model stays on the processor: \(reason)")
            }
            for check in checks where verbose || !check.passed {
                lines.append("       \(check.passed ? "ok " : "BAD") \(check.name): \(numbers(check))\(check.detail)")
            }
        }
        lines.append("kernel path: \(report.kernelPath) (this CPU supports \(report.supportedPaths.joined(separator: ", "))"
            + (report.disabledPaths.isEmpty ? ")" : "; not used: \(report.disabledPaths.joined(separator: ", ")))"))
        lines += report.messages
        lines.append("took \(Format.number(report.seconds)) s")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func numbers(_ check: SelfTestCheck) -> String {
        guard check.group != .speed, let limit = check.limit else { return "" }
        return "\(check.measured.map(Format.number) ?? "not a number") (limit \(Format.number(limit))); "
    }
}
