// Which card generations the CUDA libraries of other tools were compiled for, read in a child process
// (`onramp cuda-architectures PATH…`, started by the probe with a time-out) because the libraries are
// large (libtorch_cuda.so is over 1 GB) and may sit on a slow or stuck disk: a read that hangs takes
// down only the child. The child prints one line per library, which `lines(_:)` reads back; the
// reading itself is LiveMachine's `CUDAArchitectureListing.readHere`, the parsing `CUDAFatBinaryReader`.

public enum CUDAArchitectureListing {
    public static let subcommand = "cuda-architectures"
    /// The running onramp program with the libraries to read, so replays match on one argv.
    public static func argv(paths: [String]) -> [String] { [GPUInitTestProgram.path, subcommand] + paths }
    /// As a person would type it, for lists of what the probe ran.
    public static func shownArgv(paths: [String]) -> [String] { ["onramp", subcommand] + paths }
    /// A few hundred small reads per library; seconds only on a cold, slow disk.
    public static let timeout: Duration = .seconds(5)

    /// One line of the child's output: `PATH<TAB>sm_61 sm_86 compute_90`, or `PATH<TAB>!reason` when the
    /// file could not be read or holds no CUDA code.
    public static func line(path: String, result: Result<CUDAFatBinaryReader.Architectures, CUDAFatBinaryReader.Failure>) -> String {
        switch result {
        case .success(let architectures): "\(path)\t\(architectures.text)"
        case .failure(let failure): "\(path)\t!\(failure)"
        }
    }

    /// The child's output read back: the architectures of each library it could read.
    public static func lines(_ output: String) -> [String: CUDAFatBinaryReader.Architectures] {
        var found: [String: CUDAFatBinaryReader.Architectures] = [:]
        for line in output.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, parts[0].hasPrefix("/"), !parts[1].hasPrefix("!"),
                  let architectures = CUDAFatBinaryReader.Architectures(text: String(parts[1])),
                  !(architectures.machineCode.isEmpty && architectures.ptx.isEmpty) else { continue }
            found[String(parts[0])] = architectures
        }
        return found
    }
}
