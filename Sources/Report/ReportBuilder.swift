// Turns a `ReportInput` into a redacted `DiagnosticsReport`. Strings are redacted in the order a
// reader meets them in the Markdown, so placeholders are numbered top to bottom.

import Doctor
import Foundation
import PlainText
import Probe
import SelfTest

public enum ReportBuilder {
    public static func build(_ input: ReportInput) -> DiagnosticsReport {
        var redaction = ReportRedaction(input.identity)
        let facts = input.facts
        let doctor = input.doctor
        let version = redaction.prose(input.onrampVersion)
        let created = redaction.prose(timestamp(input.date))
        let machine = redaction.machine(input.machine)
        let summary = summaryRows(input).map { row(&redaction, $0.0, $0.1) }
        let areas = doctor.sections.map { section in
            DiagnosticsReport.AreaLine(
                area: section.area, name: redaction.prose(section.area.name), status: section.status,
                summary: redaction.machine(section.summary))
        }
        let findings = doctor.findings.map { finding in
            ReportFinding(
                id: redaction.prose(finding.id), area: finding.area, severity: finding.severity,
                title: redaction.prose(finding.title), explanation: redaction.prose(finding.explanation),
                evidence: finding.evidence.map { redaction.machine($0) },
                fix: (finding.fix?.steps(for: doctor.family) ?? []).map { step in
                    switch step {
                    case .command(let text): ReportFixStep(kind: redaction.prose("command"), text: redaction.machine(text))
                    case .manual(let text): ReportFixStep(kind: redaction.prose("manual"), text: redaction.prose(text))
                    }
                })
        }
        var factSections = ProbeArea.allCases.map { area in
            DiagnosticsReport.FactSection(
                title: redaction.prose(area.title), rows: FactsText.rows(for: area, facts).map { row(&redaction, $0.0, $0.1) })
        }
        let troubles = FactsText.toolRows(facts)
        if !troubles.isEmpty {
            factSections.append(.init(title: redaction.prose("Tools that did not answer"), rows: troubles.map { row(&redaction, $0.0, $0.1) }))
        }
        let settings = input.settings.map { setting in
            let value = setting.value.map { Redactor.isSecretVariable(setting.name) ? "set (value hidden)" : $0 } ?? "unset"
            return row(&redaction, setting.name, value)
        }
        let selfTest = input.selfTest.map { selfTestPart($0, &redaction) }
        let bench = input.bench.map { saved in
            ReportBench(
                ran: redaction.prose(timestamp(saved.date)), model: redaction.machine(saved.model), threads: saved.threads,
                tests: saved.tests.map {
                    .init(test: redaction.prose($0.test), tokensPerSecond: $0.medianTokensPerSecond, standardDeviation: $0.standardDeviation)
                })
        }
        let models = input.models.map { model in
            ReportModel(
                name: redaction.machine(model.name), sizeBytes: model.sizeBytes,
                architecture: model.architecture.map { redaction.machine($0) },
                // A signed download address carries its signature in the query.
                source: redaction.machine(String(model.source.split(separator: "?", maxSplits: 1).first ?? "")))
        }
        let commands = facts.commands.map { command in
            ReportCommand(
                command: redaction.machine(ShellQuote.line(command.argv)), outcome: redaction.prose(command.outcome.rawValue),
                exitStatus: command.exitStatus, note: command.note.map { redaction.machine($0) })
        }
        let notes = input.notes.map { redaction.prose($0) }
        let machineFacts = (try? JSONValue.redacting(facts, with: &redaction)) ?? .null
        return DiagnosticsReport(
            schemaVersion: DiagnosticsReport.currentSchemaVersion, onrampVersion: version, created: created, machine: machine,
            status: doctor.worst, summary: summary, areas: areas, findings: findings, facts: factSections,
            machineFacts: machineFacts, settings: settings, selfTest: selfTest, bench: bench, models: models,
            commands: commands, notes: notes, redactions: redaction.ledger.tally)
    }

    private static func row(_ redaction: inout ReportRedaction, _ label: String, _ value: String) -> DiagnosticsReport.Row {
        DiagnosticsReport.Row(label: redaction.prose(label), value: redaction.machine(value))
    }

    /// ISO 8601 in UTC, to the second: the same for the helper wherever they are.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    private static func selfTestPart(_ saved: SavedSelfTest, _ redaction: inout ReportRedaction) -> ReportSelfTest {
        let report = saved.report
        let ran = redaction.prose(timestamp(saved.date))
        let kernelPath = redaction.prose(report.kernelPath)
        let model = report.model.map { redaction.machine($0) }
        let failed = report.failedChecks.map { ReportCheck(name: redaction.prose($0.name), detail: redaction.machine($0.detail)) }
        let messages = report.messages.map { redaction.machine($0) }
        let full = (try? JSONValue.redacting(report, with: &redaction)) ?? .null
        return ReportSelfTest(
            ran: ran, passed: report.passed, kernelPath: kernelPath, model: model, checks: report.checks.count,
            failedChecks: failed, messages: messages, promptTokensPerSecond: report.speed?.promptTokensPerSecond,
            generationTokensPerSecond: report.speed?.generationTokensPerSecond, full: full)
    }

    /// The lines a helper reads first, before anything folded.
    static func summaryRows(_ input: ReportInput) -> [(String, String)] {
        let facts = input.facts
        var rows: [(String, String)] = [("Onramp", input.onrampVersion)]
        var system = [facts.os.prettyName ?? facts.os.distroID ?? "unknown system"]
        if let kernel = facts.os.kernelRelease { system.append("kernel " + kernel) }
        if let glibc = facts.os.glibcVersion { system.append("glibc " + glibc) }
        if let container = facts.environment.container { system.append("in a \(container.rawValue) container") }
        if let wsl = facts.environment.wsl { system.append("WSL \(wsl.version.map(String.init) ?? "")".trimmingCharacters(in: .whitespaces)) }
        if let virtualization = facts.environment.virtualization, virtualization != "none" { system.append("virtual machine (\(virtualization))") }
        rows.append(("System", system.joined(separator: ", ")))
        let cpu = facts.cpu
        var processor = [cpu.modelName ?? "unknown processor"]
        if let architecture = cpu.architecture { processor.append(architecture) }
        if let physical = cpu.physicalCores, let logical = cpu.logicalCores { processor.append("\(physical) cores, \(logical) threads") }
        processor.append(cpu.features.map { $0.isEmpty ? "no SIMD features that matter" : $0.map(\.rawValue).joined(separator: " ") } ?? "features unknown")
        rows.append(("Processor", processor.joined(separator: ", ")))
        var memory = ["\(FactsText.bytes(facts.memory.totalBytes)) total", "\(FactsText.bytes(facts.memory.availableBytes)) available"]
        if case .limited(let limit)? = facts.memory.cgroup?.memoryLimit { memory.append("container limit \(FactsText.bytes(limit))") }
        rows.append(("Memory", memory.joined(separator: ", ")))
        let gpus = facts.gpus.map { gpu -> String in
            let name = gpu.name ?? PCIDeviceNames.name(vendorID: gpu.vendorID, deviceID: gpu.deviceID) ?? "\(gpu.vendor.displayName) device"
            var details: [String] = []
            if let vendor = gpu.vendorID, let device = gpu.deviceID { details.append("\(vendor):\(device)") }
            if gpu.vendorID != nil { details.append("driver " + (gpu.driver ?? "none")) }
            if let vram = gpu.vramBytes { details.append(FactsText.bytes(vram)) }
            if gpu.isSuspended { details.append("asleep") }
            return details.isEmpty ? name : "\(name) (\(details.joined(separator: ", ")))"
        }
        rows.append(("Graphics", gpus.isEmpty ? "none found" : gpus.joined(separator: "; ")))
        rows.append(("Drivers", driverLine(facts.drivers)))
        let doctor = input.doctor
        let counts = [(Severity.error, "error"), (.warning, "warning"), (.info, "note")].compactMap { severity, noun -> String? in
            let count = doctor.count(severity)
            return count == 0 ? nil : "\(count) \(noun)\(count == 1 ? "" : "s")"
        }
        rows.append(("Doctor", counts.isEmpty ? "no problems found" : counts.joined(separator: ", ")))
        if let saved = input.selfTest {
            let report = saved.report
            let verdict = report.passed ? "passed"
                : "\(report.failedChecks.count) of \(report.checks.count) checks failed (first: \(report.failedChecks.first?.name ?? "?"))"
            var line = "\(verdict), kernel path \(report.kernelPath)"
            if let speed = report.speed {
                line += String(format: ", %.1f tokens/s prompt, %.1f tokens/s generation", speed.promptTokensPerSecond, speed.generationTokensPerSecond)
            }
            rows.append(("Self-test", line + " (\(timestamp(saved.date)))"))
        } else {
            rows.append(("Self-test", "not run yet (onramp selftest)"))
        }
        if let bench = input.bench {
            let tests = bench.tests.map { "\($0.test) " + String(format: "%.1f tokens/s", $0.medianTokensPerSecond) }.joined(separator: ", ")
            rows.append(("Benchmark", "\(tests) (\(bench.model), \(bench.threads) threads, \(timestamp(bench.date)))"))
        }
        let models = input.models.map { "\($0.name) (\(NumberText.bytes($0.sizeBytes)))" }
        rows.append(("Models", models.isEmpty ? "none in Onramp's store" : models.joined(separator: ", ")))
        return rows
    }

    private static func driverLine(_ drivers: DriverFacts) -> String {
        var parts: [String] = []
        if let module = drivers.nvidia.kernelModuleVersion ?? drivers.nvidia.sysModuleVersion { parts.append("NVIDIA kernel module \(module)") }
        if let smi = drivers.nvidia.smiDriverVersion { parts.append("nvidia-smi driver \(smi)") }
        if let error = drivers.nvidia.smiError { parts.append("nvidia-smi: \(error)") }
        if let cuda = drivers.nvidia.cudaToolkitVersion { parts.append("CUDA toolkit \(cuda)") }
        for library in ["libcuda.so", "libnvidia-ml.so"] {
            let versions = drivers.versions(of: library)
            if !versions.isEmpty { parts.append("\(library) \(versions.joined(separator: ", "))") }
        }
        if let rocm = drivers.amd.rocmVersion { parts.append("ROCm \(rocm)") }
        if let error = drivers.amd.rocminfoError { parts.append("rocminfo: \(error)") }
        if drivers.vulkan.loaderPresent == true {
            let devices = drivers.vulkan.hardwareDevices ?? drivers.vulkan.devices
            parts.append("Vulkan " + (devices.isEmpty ? "loader, no device" : devices.joined(separator: ", ")))
        }
        return parts.isEmpty ? "no GPU driver found" : parts.joined(separator: "; ")
    }
}
