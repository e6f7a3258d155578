// Finds GGUF files that other programs already downloaded, by reading each program's own layout:
// Ollama's manifests and blobs, the Hugging Face cache's snapshots, LM Studio's and GPT4All's
// folders, llama.cpp's cache, ~/Downloads. Reads headers only (the GGUF check maps the file; no
// bytes are hashed here); a file that is not a usable GGUF is listed with the reason.

import Engine
import Foundation

public struct ModelDiscovery: Sendable {
    public let home: String
    public let environment: [String: String]

    public init(home: String, environment: [String: String]) {
        self.home = home
        self.environment = environment
    }

    /// From the process's HOME and environment.
    public static func forThisUser() -> ModelDiscovery {
        let environment = ProcessInfo.processInfo.environment
        return ModelDiscovery(home: environment["HOME"] ?? NSHomeDirectory(), environment: environment)
    }

    /// Every model found, in a stable order. A file two programs share (a link from one program's
    /// folder into another's) is listed under the first; one program's names for the same file
    /// (two Ollama tags of one blob) are all listed.
    public func scan() -> [FoundModel] {
        var owner: [String: OtherTool] = [:]
        var found: [FoundModel] = []
        for tool in OtherTool.allCases {
            for folder in tool.folders(home: home, environment: environment) where isFolder(folder) {
                for candidate in candidates(of: tool, in: folder) {
                    guard let real = realFile(candidate.path), owner[real, default: tool] == tool else { continue }
                    owner[real] = tool
                    found.append(inspect(candidate, tool: tool, file: real))
                }
            }
        }
        return found
    }

    struct Candidate {
        let name: String
        let path: String
        let expectedSHA256: String?
        /// A problem known before the file is opened (a manifest that cannot be trusted).
        var problem: String?
    }

    func candidates(of tool: OtherTool, in folder: String) -> [Candidate] {
        switch tool {
        case .ollama: return ollama(folder)
        case .huggingFace: return huggingFace(folder)
        case .lmStudio: return ggufFiles(in: folder, depth: 3).map { Candidate(name: relative($0, to: folder), path: $0, expectedSHA256: nil) }
        case .llamaCpp, .gpt4all, .downloads:
            return ggufFiles(in: folder, depth: tool == .llamaCpp ? 2 : 1).map {
                Candidate(name: relative($0, to: folder), path: $0, expectedSHA256: nil)
            }
        }
    }

    /// `manifests/HOST/NAMESPACE/MODEL/TAG` → `blobs/sha256-HEX`.
    private func ollama(_ root: String) -> [Candidate] {
        let manifests = root + "/manifests"
        var result: [Candidate] = []
        for host in children(manifests) {
            for namespace in children(manifests + "/" + host) {
                for model in children(manifests + "/" + host + "/" + namespace) {
                    let modelFolder = [manifests, host, namespace, model].joined(separator: "/")
                    for tag in children(modelFolder) {
                        let path = modelFolder + "/" + tag
                        let name = OllamaManifest.modelName(host: host, namespace: namespace, model: model, tag: tag)
                        guard let data = FileManager.default.contents(atPath: path) else { continue }
                        do {
                            let manifest = try OllamaManifest.parse(data)
                            result.append(Candidate(
                                name: name, path: root + "/blobs/sha256-" + manifest.modelDigest,
                                expectedSHA256: manifest.modelDigest))
                        } catch .badDigest(let digest) {
                            result.append(Candidate(
                                name: name, path: path, expectedSHA256: nil,
                                problem: "its manifest names the file '\(digest)', which is not a sha256 digest; it is ignored"))
                        } catch {
                            continue  // not a model (an embedding-only or adapter manifest), or not JSON
                        }
                    }
                }
            }
        }
        return result
    }

    /// `models--ORG--NAME/snapshots/COMMIT/PATH.gguf`, a link to `blobs/HASH`; for files stored with
    /// Git LFS (every GGUF) the blob's name is the file's sha256.
    private func huggingFace(_ root: String) -> [Candidate] {
        var result: [Candidate] = []
        for repository in children(root) where repository.hasPrefix("models--") {
            let parts = repository.dropFirst("models--".count).components(separatedBy: "--")
            let repositoryName = parts.joined(separator: "/")
            let snapshots = root + "/" + repository + "/snapshots"
            for commit in children(snapshots) {
                let snapshot = snapshots + "/" + commit
                for path in ggufFiles(in: snapshot, depth: 3) {
                    let blob = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { ($0 as NSString).lastPathComponent }
                    let digest = blob.flatMap { HexDigest.isSHA256($0) ? $0 : nil }
                    result.append(Candidate(name: repositoryName + "/" + relative(path, to: snapshot), path: path, expectedSHA256: digest))
                }
            }
        }
        return result
    }

    private func inspect(_ candidate: Candidate, tool: OtherTool, file: String) -> FoundModel {
        let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0
        if let problem = candidate.problem {
            return FoundModel(tool: tool, name: candidate.name, path: file, sizeBytes: size, expectedSHA256: nil, architecture: nil, problem: problem)
        }
        do {
            let gguf = try GGUFFile(path: file)
            let architecture = try? gguf.metadata.stringIfPresent("general.architecture")
            return FoundModel(
                tool: tool, name: candidate.name, path: file, sizeBytes: size, expectedSHA256: candidate.expectedSHA256,
                architecture: architecture, problem: nil)
        } catch {
            return FoundModel(
                tool: tool, name: candidate.name, path: file, sizeBytes: size, expectedSHA256: candidate.expectedSHA256,
                architecture: nil, problem: error.description)
        }
    }

    // MARK: Reading folders

    private func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func children(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// `.gguf` files up to `depth` folders down (1 = the folder itself).
    private func ggufFiles(in folder: String, depth: Int) -> [String] {
        var result: [String] = []
        for name in children(folder) {
            let path = folder + "/" + name
            if name.lowercased().hasSuffix(".gguf") {
                result.append(path)
            } else if depth > 1, isFolder(path) {
                result += ggufFiles(in: path, depth: depth - 1)
            }
        }
        return result
    }

    private func relative(_ path: String, to folder: String) -> String {
        path.hasPrefix(folder + "/") ? String(path.dropFirst(folder.count + 1)) : path
    }

    /// The regular file a path leads to, links followed; nil for anything else (a folder, a
    /// dangling link, a device).
    private func realFile(_ path: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType,
              type == .typeRegular
        else { return nil }
        return resolved
    }
}
