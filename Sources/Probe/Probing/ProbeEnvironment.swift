// The environment area: container, WSL, virtual machine, Secure Boot, and the variables that change GPU use.

import Foundation

extension ProbeSession {
    static let proxyVariables = [
        "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
    ]

    func probeEnvironment() {
        var environment = EnvironmentFacts()
        (environment.container, environment.containerEvidence) = container()
        environment.wsl = wsl()
        environment.dmiVendor = line("/sys/class/dmi/id/sys_vendor")
        environment.dmiProduct = line("/sys/class/dmi/id/product_name")
        // It prints "none" and exits 1 on bare metal: an answer, not a failure.
        if let result = runTool("systemd-detect-virt", ["--vm"], normalStatuses: [0, 1]) {
            let answer = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let isName = !answer.isEmpty && answer.count <= 32 && answer.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if result.outcome == .exited, isName { environment.virtualization = answer }
        }
        environment.secureBoot = secureBoot()
        environment.cudaVisibleDevices = source.environment("CUDA_VISIBLE_DEVICES")
        environment.hsaOverrideGfxVersion = source.environment("HSA_OVERRIDE_GFX_VERSION")
        environment.ldLibraryPath = source.environment("LD_LIBRARY_PATH").map {
            $0.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        }
        environment.ldLibraryPathLibraries = environment.ldLibraryPath.map { folders in
            folders.filter { $0.hasPrefix("/") }.flatMap { folder in
                (source.listDirectory(folder) ?? []).compactMap { name -> LibraryFact? in
                    guard let range = name.range(of: ".so"), LdconfigReader.interesting.contains(String(name[..<range.upperBound])) else { return nil }
                    return LibraryFact(name: String(name[..<range.upperBound]), path: folder + "/" + name, version: LdconfigReader.version(fromFileName: name))
                }
            }
        }
        environment.proxyVariables = Self.proxyVariables.filter { source.environment($0)?.isEmpty == false }
        environment.locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { self.source.environment($0) }.first { !$0.isEmpty }
        environment.term = source.environment("TERM")
        environment.colorTerm = source.environment("COLORTERM")
        environment.noColor = source.environment("NO_COLOR").map { !$0.isEmpty } ?? false
        facts.environment = environment
    }

    private func container() -> (ContainerKind?, String?) {
        // Every pod gets this variable; with cgroup v2 /proc/1/cgroup shows only "0::/" in a pod.
        if source.environment("KUBERNETES_SERVICE_HOST") != nil { return (.kubernetes, "KUBERNETES_SERVICE_HOST is set") }
        if exists("/run/.containerenv") { return (.podman, "/run/.containerenv") }
        if exists("/.dockerenv") { return (.docker, "/.dockerenv") }
        if let cgroup = text("/proc/1/cgroup") {
            if cgroup.contains("kubepods") { return (.kubernetes, "/proc/1/cgroup") }
            if cgroup.contains("/docker") { return (.docker, "/proc/1/cgroup") }
            if cgroup.contains("/lxc") { return (.lxc, "/proc/1/cgroup") }
        }
        if exists("/dev/lxd/sock") { return (.lxc, "/dev/lxd/sock") }
        return (nil, nil)
    }

    private func wsl() -> WSLFacts? {
        let version = text("/proc/version") ?? ""
        let release = line("/proc/sys/kernel/osrelease") ?? ""
        guard version.lowercased().contains("microsoft") || release.lowercased().contains("microsoft") else { return nil }
        let libraries = source.listDirectory("/usr/lib/wsl/lib")
        return WSLFacts(
            version: release.contains("WSL2") || exists("/dev/dxg") ? 2 : 1,
            dxgPresent: exists("/dev/dxg"), wslLibPresent: libraries != nil,
            wslLibcudaPresent: libraries?.contains { $0.hasPrefix("libcuda.so") } ?? false
        )
    }

    /// mokutil when present; else the SecureBoot EFI variable (4 attribute bytes, then 1 = on).
    private func secureBoot() -> Bool? {
        guard exists("/sys/firmware/efi") else { return nil }
        if let result = runTool("mokutil", ["--sb-state"]), result.outcome == .exited {
            let answer = (result.stdout + result.stderr).lowercased()
            if answer.contains("secureboot enabled") { return true }
            if answer.contains("secureboot disabled") || answer.contains("not supported") { return false }
        }
        let variable = "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c"
        guard let bytes = text(variable).map({ Array($0.utf8) }), bytes.count >= 5 else { return nil }
        return bytes[4] == 1
    }
}
