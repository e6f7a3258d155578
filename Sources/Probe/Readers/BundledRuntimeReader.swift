// Reads which CUDA or ROCm release another tool carries: from the file names of the libraries it
// ships (`libcudart.so.12.8.90`, `libcublas.so.12.4.5.8`, `libamdhip64.so.6.1.40091`), from the
// folder names Ollama uses (`cuda_v11`, `cuda_v12`, `rocm`), and from torch's `version.py`.

import Foundation

public enum BundledRuntimeReader {
    /// Each `major.minor` of CUDA that the CUDA runtime (else cuBLAS) libraries in one folder name, oldest
    /// first (Ollama 0.3 kept CUDA 11 and 12 runtimes side by side in one folder). Per major release the
    /// longest name is the real file: CUDA 11 names its link `libcudart.so.11.0` for every 11.x, so
    /// `libcudart.so.11.3.109` beside it says the release, and a name with the major alone says nothing.
    public static func cudaVersions(fileNames: [String]) -> [String] {
        for prefix in ["libcudart.so.", "libcublas.so."] {
            var longest: [Substring: [Substring]] = [:]
            for name in fileNames where name.hasPrefix(prefix) {
                let parts = name.dropFirst(prefix.count).split(separator: ".")
                guard let major = parts.first, parts.count >= 2 else { continue }
                if parts.count > (longest[major]?.count ?? 0) { longest[major] = parts }
            }
            let versions = longest.values.compactMap { majorMinor($0.joined(separator: ".")) }
            if !versions.isEmpty {
                return versions.sorted { DottedNumbers($0) < DottedNumbers($1) }
            }
        }
        return []
    }

    /// ROCm's HIP runtime names its version like CUDA's (`libamdhip64.so.6.1.40091` is ROCm 6.1).
    public static func rocmVersion(fileNames: [String]) -> String? {
        fileNames.filter { $0.hasPrefix("libamdhip64.so.") }
            .compactMap { majorMinor(String($0.dropFirst("libamdhip64.so.".count))) }
            .max(by: { $0.count < $1.count })
    }

    /// Ollama's folder `cuda_v12` says CUDA 12 even when its libraries name no minor release.
    public static func cudaMajor(folderName: String) -> String? {
        guard folderName.hasPrefix("cuda_v") else { return nil }
        let digits = folderName.dropFirst("cuda_v".count)
        return !digits.isEmpty && digits.allSatisfy(\.isNumber) ? String(digits) : nil
    }

    /// torch's `version.py`: `__version__ = '2.1.0+cu121'`, `cuda: Optional[str] = '12.1'` (or `cuda = None`
    /// for a CPU build), `hip: Optional[str] = '6.0.32830-d62f6a171'`.
    public static func torchVersionFile(_ text: String) -> (version: String?, cuda: String?, hip: String?) {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].split(separator: ":").first?.trimmingCharacters(in: .whitespaces) ?? ""
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard let quote = value.first, quote == "'" || quote == "\"", value.count >= 2, value.last == quote else { continue }
            values[name] = String(value.dropFirst().dropLast())
        }
        return (values["__version__"], values["cuda"], values["hip"].flatMap(majorMinor))
    }

    /// Compares versions number by number (`12.10` after `12.9`).
    struct DottedNumbers: Comparable {
        let parts: [Int]
        init(_ text: String) { parts = text.split(separator: ".").map { Int($0) ?? 0 } }
        static func < (a: Self, b: Self) -> Bool { a.parts.lexicographicallyPrecedes(b.parts) }
    }

    /// `12.8.90` gives `12.8`; `12` alone is not enough to say a release.
    static func majorMinor(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].allSatisfy(\.isNumber), !parts[0].isEmpty,
              let minor = parts[1].split(separator: "-").first, !minor.isEmpty, minor.allSatisfy(\.isNumber)
        else { return nil }
        return "\(parts[0]).\(minor)"
    }
}
