// Which of the terminal's marks stands for a severity in the doctor's text report.

import PlainText

extension Glyphs {
    /// The bracketed mark in front of an area line: [✓] [!] [✗], or [ok] [!!] [XX] in ASCII.
    func area(_ status: Severity) -> String {
        areaMarks.mark(for: status)
    }

    /// The mark in front of one finding under its area.
    func finding(_ severity: Severity) -> String {
        findingMarks.mark(for: severity)
    }
}

extension StatusMarks {
    func mark(for severity: Severity) -> String {
        switch severity {
        case .ok: ok
        case .info: info
        case .warning: warning
        case .error: failure
        }
    }
}
