// Container engines on the host and the NVIDIA Container Toolkit: whether `docker run --gpus` and
// Podman's `--device nvidia.com/gpu=all` can work here. Files and PATH only: no daemon is asked.

import Foundation

extension ProbeSession {
    static let cdiFolders = ["/etc/cdi", "/var/run/cdi"]

    func probeContainerHost() {
        // Inside a container the host's engine is out of sight; what matters there is the GPU passed in.
        guard facts.environment.container == nil else { return }
        var host = ContainerHostFacts(docker: findProgram("docker"), podman: findProgram("podman"))
        host.nvidiaToolkitPrograms = ContainerHostFacts.toolkitProgramNames.compactMap(findProgram)
        if let daemon = text("/etc/docker/daemon.json"),
           let object = try? JSONSerialization.jsonObject(with: Data(daemon.utf8)) as? [String: Any] {
            host.dockerRuntimes = ((object["runtimes"] as? [String: Any])?.keys).map { $0.sorted() } ?? []
            host.dockerDefaultRuntime = object["default-runtime"] as? String
        }
        for folder in Self.cdiFolders {
            for name in source.listDirectory(folder) ?? [] where name.hasSuffix(".yaml") || name.hasSuffix(".json") {
                let path = folder + "/" + name
                guard let spec = text(path) else { continue }
                let hostPaths = CDISpecReader.hostPaths(spec)
                host.cdiSpecs.append(CDISpecFacts(
                    path: path, kind: CDISpecReader.kind(spec), hostPaths: hostPaths.count,
                    missingHostPaths: hostPaths.filter { source.fileInfo($0) == nil },
                    driverVersions: CDISpecReader.driverVersions(hostPaths)))
            }
        }
        guard host.docker != nil || host.podman != nil || !host.nvidiaToolkitPrograms.isEmpty || !host.cdiSpecs.isEmpty else { return }
        facts.containerHost = host
    }
}
