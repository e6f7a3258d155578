// Reads a llama.cpp server's command line (from a unit's `ExecStart=` or `pgrep -a llama-server`): the
// model, port, host and GPU layers, in llama.cpp's short and long spellings (`-m`, `--model`,
// `--port=8081`, `-ngl`, `--n-gpu-layers`, `--gpu-layers`).

import Foundation

public enum LlamaServerArgsReader {
    /// Whether a command line starts llama.cpp's server (directly, not a shell that mentions it).
    public static func startsServer(_ words: [String]) -> Bool {
        words.first.map { ($0.split(separator: "/").last ?? "") == "llama-server" } ?? false
    }

    /// The facts a command line gives, with `origin` saying where it came from.
    public static func read(_ words: [String], origin: String) -> LlamaServerFacts {
        var facts = LlamaServerFacts(origin: origin)
        var index = 1
        while index < words.count {
            var flag = words[index]
            var value: String?
            if flag.hasPrefix("--"), let equals = flag.firstIndex(of: "=") {
                value = String(flag[flag.index(after: equals)...])
                flag = String(flag[..<equals])
            } else if index + 1 < words.count {
                value = words[index + 1]
            }
            let takesValue = ["-m", "--model", "--port", "--host", "-ngl", "--n-gpu-layers", "--gpu-layers"].contains(flag)
            switch flag {
            case "-m", "--model": facts.modelPath = value
            case "--port": if let port = value.flatMap({ Int($0) }) { facts.port = port }
            case "--host": facts.host = value
            case "-ngl", "--n-gpu-layers", "--gpu-layers": facts.gpuLayers = value
            default: break
            }
            index += takesValue && !words[index].contains("=") ? 2 : 1
        }
        return facts
    }

    /// `pgrep -a llama-server` prints `PID command line…` per process; the words after the pid.
    public static func processCommandLines(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 2, Int(words[0]) != nil else { return nil }
            return Array(words.dropFirst())
        }
    }
}
