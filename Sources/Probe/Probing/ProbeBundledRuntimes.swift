// The CUDA and ROCm runtimes other tools carry: Ollama's `lib/ollama` folders (`cuda_v11`, `cuda_v12`,
// `cuda_v13`, `rocm`, or older releases' libraries side by side) and torch installed by pip. Only
// folder listings and one small file per Python; nothing is loaded.

extension ProbeSession {
    func probeBundledRuntimes(_ runtimes: inout RuntimeFacts) {
        var found = ollamaBundledRuntimes(binary: runtimes.ollamaBinary)
        found += torchBuilds()
        readCUDAArchitectures(&found)
        runtimes.bundledGPURuntimes = found.isEmpty ? nil : found
    }

    /// Which card generations each CUDA build holds code for, read from its main CUDA library in one
    /// child process. Only with an NVIDIA card whose compute capability is known, the one thing the
    /// list is compared with; elsewhere nothing is started.
    private func readCUDAArchitectures(_ runtimes: inout [BundledGPURuntime]) {
        guard facts.gpus.contains(where: { $0.vendor == .nvidia && $0.computeCapability != nil }) else { return }
        var libraries: [Int: String] = [:]
        for (index, runtime) in runtimes.enumerated() where runtime.cudaVersion != nil {
            let candidate = runtime.tool == "torch" ? runtime.path + "/lib/libtorch_cuda.so" : runtime.path + "/libggml-cuda.so"
            if source.fileInfo(candidate) != nil { libraries[index] = candidate }
        }
        guard !libraries.isEmpty else { return }
        let paths = libraries.keys.sorted().compactMap { libraries[$0] }
        let result = source.run(CUDAArchitectureListing.argv(paths: paths), timeout: CUDAArchitectureListing.timeout)
        let shown = CUDAArchitectureListing.shownArgv(paths: paths)
        switch result.outcome {
        case .exited:
            facts.commands.append(CommandFact(
                argv: shown, outcome: result.exitStatus == 0 ? .succeeded : .failed, exitStatus: result.exitStatus, note: result.message))
        case .timedOut:
            facts.commands.append(CommandFact(argv: shown, outcome: .timedOut, note: "killed after \(CUDAArchitectureListing.timeout) without finishing"))
            return
        case .couldNotStart:
            facts.commands.append(CommandFact(argv: shown, outcome: .couldNotStart, note: result.message))
            return
        }
        guard result.exitStatus == 0 else { return }
        let read = CUDAArchitectureListing.lines(result.stdout)
        for (index, library) in libraries {
            runtimes[index].cudaLibrary = library
            runtimes[index].cudaArchitectures = read[library].map { $0.text.split(separator: " ").map(String.init) }
        }
    }

    private func ollamaBundledRuntimes(binary: String?) -> [BundledGPURuntime] {
        var libraryFolders = ["/usr/local/lib/ollama", "/usr/lib/ollama"]
        // The tarball installs `bin/ollama` next to `lib/ollama` wherever it was unpacked.
        if let binary, let bin = binary.range(of: "/bin/ollama", options: .backwards), bin.upperBound == binary.endIndex {
            libraryFolders.insert(String(binary[..<bin.lowerBound]) + "/lib/ollama", at: 0)
        }
        var seen = Set<String>()
        var runtimes: [BundledGPURuntime] = []
        for folder in libraryFolders where seen.insert(folder).inserted {
            guard let entries = source.listDirectory(folder) else { continue }
            for version in BundledRuntimeReader.cudaVersions(fileNames: entries) {
                runtimes.append(BundledGPURuntime(tool: "ollama", path: folder, cudaVersion: version))
            }
            for name in entries.sorted() {
                let path = folder + "/" + name
                if let major = BundledRuntimeReader.cudaMajor(folderName: name) {
                    let files = source.listDirectory(path) ?? []
                    let versions = BundledRuntimeReader.cudaVersions(fileNames: files)
                    runtimes.append(BundledGPURuntime(tool: "ollama", path: path, cudaVersion: versions.last ?? major))
                } else if name.hasPrefix("rocm") {
                    let files = source.listDirectory(path) ?? []
                    runtimes.append(BundledGPURuntime(tool: "ollama", path: path, rocmVersion: BundledRuntimeReader.rocmVersion(fileNames: files) ?? ""))
                }
            }
        }
        return runtimes
    }

    /// torch from pip: in the active virtual environment or conda environment, the user's own
    /// packages, and the system's.
    private func torchBuilds() -> [BundledGPURuntime] {
        var libFolders: [(lib: String, packages: [String])] = []
        for variable in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
            if let prefix = source.environment(variable), prefix.hasPrefix("/") { libFolders.append((prefix + "/lib", ["site-packages"])) }
        }
        if let home { libFolders.append((home + "/.local/lib", ["site-packages"])) }
        libFolders.append(("/usr/local/lib", ["dist-packages", "site-packages"]))
        var candidates = libFolders.flatMap { lib, packages in
            (source.listDirectory(lib) ?? []).filter { $0.hasPrefix("python3") }.sorted()
                .flatMap { python in packages.map { lib + "/" + python + "/" + $0 } }
        }
        candidates.append("/usr/lib/python3/dist-packages")
        var seen = Set<String>()
        return candidates.compactMap { packages in
            guard seen.insert(packages).inserted, let text = text(packages + "/torch/version.py") else { return nil }
            let build = BundledRuntimeReader.torchVersionFile(text)
            guard build.cuda != nil || build.hip != nil else { return nil }
            return BundledGPURuntime(
                tool: "torch", path: packages + "/torch", cudaVersion: build.cuda,
                rocmVersion: build.cuda == nil ? build.hip : nil, toolVersion: build.version)
        }
    }
}
