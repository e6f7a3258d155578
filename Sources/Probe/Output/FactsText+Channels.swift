// The rows `onramp probe` shows for the channels added for the doctor: the driver's newest CUDA, the
// CUDA and Vulkan initialisation tests, driver modules built by dkms, who may open each GPU device,
// kernel messages, the container engines' GPU set-up, and what other AI tools carry and are set to.
// One short line each; long lists (every dkms line, every kernel message, every architecture) behind -v.

import Foundation

extension FactsText {
    /// Lists longer than this are cut to their first items, with how many more `-v` shows.
    static let shortListLength = 3

    static func shortList(_ items: [String], verbose: Bool, separator: String = ", ") -> String {
        guard !verbose, items.count > shortListLength else { return items.joined(separator: separator) }
        return items.prefix(shortListLength).joined(separator: separator) + " … \(items.count - shortListLength) more (-v shows all)"
    }

    static func driverChannelRows(_ facts: MachineFacts, verbose: Bool) -> [(String, String)] {
        let nvidia = facts.drivers.nvidia
        var rows: [(String, String)] = []
        if let cuda = nvidia.driverCUDAVersion { rows.append(("Driver's CUDA", "programs built for CUDA up to \(cuda) can run")) }
        if let test = nvidia.cudaInit { rows.append(("CUDA test", cudaTestText(test))) }
        if let test = facts.drivers.vulkan.initTest { rows.append(("Vulkan test", vulkanTestText(test))) }
        rows += engineCardRows(facts, verbose: verbose)
        if let modules = nvidia.dkmsModules {
            let lines = modules.map { "\($0.module) \($0.version) " + ($0.kernel.map { "for kernel \($0) " } ?? "") + $0.state }
            rows.append(("Driver builds (dkms)", modules.isEmpty ? "none" : shortList(lines, verbose: verbose, separator: "; ")))
        }
        if let kernels = nvidia.otherKernelsWithModule, !kernels.isEmpty {
            rows.append(("NVIDIA module also for", shortList(kernels, verbose: verbose)))
        }
        let nodes = facts.drivers.renderNodes + (facts.drivers.amd.kfd.map { [$0] } ?? [])
        let known = nodes.filter { $0.accessible != nil }
        if !known.isEmpty {
            let closed = known.filter { $0.accessible == false }
            let text = closed.isEmpty ? "you can open " + shortList(known.map(\.path), verbose: verbose)
                : "you cannot open " + closed.map { node in
                    node.path + " (" + [node.owner, node.group].compactMap { $0 }.joined(separator: ":") + (node.mode.map { " \($0)" } ?? "") + ")"
                }.joined(separator: ", ")
            rows.append(("GPU device access", text))
        }
        if let messages = facts.kernelMessages {
            if messages.lines.isEmpty {
                rows.append(("Kernel messages", "none about the GPU (\(messages.source))"))
            } else if verbose {
                rows += messages.lines.enumerated().map { index, line in (index == 0 ? "Kernel messages" : "", line) }
            } else {
                rows.append(("Kernel messages", "\(messages.lines.count) about the GPU (\(messages.source); -v shows them)"))
            }
        }
        return rows
    }

    static func cudaTestText(_ test: CUDAInitFacts) -> String {
        if test.timedOut { return "did not finish (the driver hung)" }
        if test.crashed { return "crashed inside the driver" }
        if test.succeeded { return "works, \(test.devices.map(String.init) ?? "unknown number of") device(s)" }
        return "failed: " + (test.errorName ?? "error") + (test.result.map { " (\($0))" } ?? "")
    }

    static func vulkanTestText(_ test: VulkanInitFacts) -> String {
        if test.timedOut { return "did not finish (a driver hung)" }
        if test.crashed { return "crashed inside a driver" }
        guard test.succeeded else { return "failed: " + (test.resultName ?? "error") + (test.result.map { " (\($0))" } ?? "") }
        if test.devices.isEmpty { return "works, but no devices" }
        let devices = test.devices.map { "\($0.name) (\($0.type))" }.joined(separator: ", ")
        return test.hardwareDevices.isEmpty ? "only a software device, which runs on the processor: \(devices)" : "works: \(devices)"
    }

    /// The device Onramp's engine would compute on, or why none (the advice under -v). Unknown (a
    /// profile from before this was recorded) shows nothing, unless the probe left it out on purpose.
    static func engineCardRows(_ facts: MachineFacts, verbose: Bool) -> [(String, String)] {
        let label = "Engine's graphics card"
        guard let card = facts.drivers.vulkan.engineCard else {
            return facts.gpus.contains(where: \.isSuspended) ? [(label, "not checked: a graphics card is asleep, and Vulkan would wake it")] : []
        }
        guard let device = card.device else {
            let rows = [(label, "none — " + (card.reason ?? "no reason given"))]
            guard verbose, let advice = card.advice, !advice.isEmpty else { return rows }
            return rows + [("", "What to do: " + advice)]
        }
        return [(label, "\(device.name) (" + engineCardDetails(device).joined(separator: ", ") + ")")]
    }

    /// "driver NVIDIA 550.54.14", "12.0 GiB", "11.2 GiB free": what the probe and the doctor show of the device.
    public static func engineCardDetails(_ device: EngineGraphicsCard.Device) -> [String] {
        var details = device.driver.map { ["driver " + $0] } ?? []
        details.append(bytes(device.memoryBytes))
        if let free = device.freeBytes { details.append(bytes(free) + " free") }
        return details
    }

    static func containerHostRows(_ host: ContainerHostFacts?, verbose: Bool) -> [(String, String)] {
        guard let host, host.docker != nil || host.podman != nil || !host.nvidiaToolkitPrograms.isEmpty || !host.cdiSpecs.isEmpty
        else { return [] }
        var rows: [(String, String)] = []
        let engines = [host.docker.map { _ in "Docker" }, host.podman.map { _ in "Podman" }].compactMap { $0 }
        if !engines.isEmpty {
            var text = engines.joined(separator: ", ")
            if let runtimes = host.dockerRuntimes {
                text += "; Docker runtimes: " + (runtimes.isEmpty ? "none set" : runtimes.joined(separator: ", "))
                    + (host.dockerDefaultRuntime.map { " (default \($0))" } ?? "")
            }
            rows.append(("Container engines", text))
        }
        rows.append(("NVIDIA Container Toolkit", host.nvidiaToolkitPrograms.isEmpty ? "not installed" : shortList(host.nvidiaToolkitPrograms, verbose: verbose)))
        if !host.cdiSpecs.isEmpty {
            let stale = host.cdiSpecs.filter { !$0.missingHostPaths.isEmpty }
            var text = "\(host.cdiSpecs.count) (" + (stale.isEmpty ? "all files they name exist" : "\(stale.count) name files that no longer exist") + ")"
            if verbose { text += ": " + host.cdiSpecs.map(\.path).joined(separator: ", ") }
            rows.append(("CDI specs", text))
        }
        return rows
    }

    /// `cards`: the NVIDIA cards' generations as the lists name them (`sm_86`), so a list that leaves
    /// the card out says so instead of hiding it inside a range.
    static func runtimeChannelRows(_ runtimes: RuntimeFacts, cards: [String] = [], verbose: Bool) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let unit = runtimes.ollamaUnit {
            var text = (unit.unitFiles.first ?? "a systemd service") + (unit.user.map { ", runs as \($0)" } ?? "")
            if !unit.environment.isEmpty {
                text += "; settings: " + shortList(unit.environment, verbose: verbose)
            }
            if let ignored = unit.ignoredSettings, !ignored.isEmpty { text += "; ignored: " + ignored.joined(separator: ", ") }
            rows.append(("Ollama service", text))
        }
        if let models = runtimes.ollamaModels {
            rows.append(("Ollama models", "\(models.path), \(models.reason)" + freeText(models.availableBytes, of: models.totalBytes)))
        }
        for build in runtimes.bundledGPURuntimes ?? [] {
            let tool = build.tool == "torch" ? "PyTorch" + (build.toolVersion.map { " \($0)" } ?? "") : build.tool == "ollama" ? "Ollama" : build.tool
            var text = build.cudaVersion.map { "CUDA \($0)" } ?? "ROCm \(build.rocmVersion.map { $0.isEmpty ? "(version unknown)" : $0 } ?? "")"
            if let architectures = build.cudaArchitectures, !architectures.isEmpty {
                text += ", built for " + (verbose || architectures.count <= 2
                    ? architectures.joined(separator: " ") : "\(architectures[0]) to \(architectures[architectures.count - 1])")
                // Only the exact generation: whether newer or older code also runs is the doctor's to say.
                let notes = cards.map { architectures.contains($0) ? "with \($0) for this card" : "without \($0) for this card" }
                if !notes.isEmpty { text += " (" + Array(Set(notes)).sorted().joined(separator: "; ") + ")" }
            }
            rows.append(("\(tool) carries", text + (verbose ? " (\(build.path))" : "")))
        }
        if let studio = runtimes.lmStudio {
            rows.append(("LM Studio models", "\(studio.modelsFolder), \(studio.reason)" + freeText(studio.availableBytes, of: studio.totalBytes)))
        }
        for server in runtimes.llamaServers ?? [] {
            var parts = ["port \(server.port)"]
            if let model = server.modelPath { parts.append("model " + model + (server.modelExists == false ? " (missing)" : "")) }
            if let layers = server.gpuLayers { parts.append("GPU layers \(layers)") }
            rows.append(("llama-server", server.origin + ": " + parts.joined(separator: ", ")))
        }
        return rows
    }

    private static func freeText(_ available: UInt64?, of total: UInt64?) -> String {
        guard let available else { return "" }
        return ", \(bytes(available)) free" + (total.map { " of \(bytes($0))" } ?? "")
    }
}
