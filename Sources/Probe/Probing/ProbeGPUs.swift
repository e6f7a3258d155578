// The graphics area: PCI display devices from sysfs first (cheap, never wakes a GPU), libraries and
// render nodes, then each vendor's drivers and tools (ProbeNvidia, ProbeAMD, ProbeVulkan).

import Foundation

extension ProbeSession {
    func probeGPUs() {
        facts.gpus = pciDisplayDevices()
        facts.drivers.libraries = libraries()
        facts.drivers.renderNodes = (source.listDirectory("/dev/dri") ?? []).filter { $0.hasPrefix("renderD") }.map(deviceNode)
        facts.drivers.user = source.currentUser()
        probeNvidia()
        probeAMD()
        probeVulkan()
        probeIntelCompute()
        // Only where a real GPU is on the bus: elsewhere the log has nothing for the doctor.
        if facts.gpus.contains(where: { $0.vendor != .other }) { probeKernelMessages() }
    }

    private func pciDisplayDevices() -> [GPUFacts] {
        let root = "/sys/bus/pci/devices"
        return (source.listDirectory(root) ?? []).compactMap { address in
            let folder = root + "/" + address
            guard let pciClass = line(folder + "/class").map(hex), pciClass.hasPrefix("03") else { return nil }
            let vendorID = line(folder + "/vendor").map(hex)
            var gpu = GPUFacts(
                pciAddress: address, vendor: vendorID.map(GPUVendor.init(pciVendorID:)) ?? .other, vendorID: vendorID,
                deviceID: line(folder + "/device").map(hex), pciClass: pciClass
            )
            gpu.driver = source.fileInfo(folder + "/driver")?.target.map { String($0.split(separator: "/").last ?? "") }
            gpu.bootVGA = line(folder + "/boot_vga").map { $0 == "1" }
            gpu.powerState = line(folder + "/power_state")
            gpu.runtimeStatus = line(folder + "/power/runtime_status")
            gpu.renderNode = source.listDirectory(folder + "/drm")?.first { $0.hasPrefix("renderD") }.map { "/dev/dri/" + $0 }
            // amdgpu publishes VRAM in sysfs; reading it does not wake the card.
            if let vram = line(folder + "/mem_info_vram_total").flatMap(UInt64.init) {
                gpu.vramBytes = vram
                gpu.vramSource = "sysfs"
            }
            return gpu
        }
    }

    private func hex(_ value: String) -> String {
        (value.hasPrefix("0x") ? String(value.dropFirst(2)) : value).lowercased()
    }

    func deviceNode(_ name: String) -> DeviceNode {
        let path = name.hasPrefix("/") ? name : "/dev/dri/" + name
        let info = source.fileInfo(path)
        return DeviceNode(path: path, owner: info?.owner, group: info?.group, mode: info?.mode, accessible: info?.accessible)
    }

    private func libraries() -> [LibraryFact] {
        guard let result = runTool("ldconfig", ["-p"]), result.succeeded else { return [] }
        var seen = Set<String>()
        return LdconfigReader.entries(result.stdout).compactMap { entry in
            guard seen.insert(entry.path).inserted else { return nil }
            return LibraryFact(name: entry.baseName, path: entry.path, version: libraryVersion(entry))
        }
    }

    /// The version is in the real file's name, behind one or two symbolic links (`libcuda.so.1` → `libcuda.so.535.183.01`).
    private func libraryVersion(_ entry: LdconfigReader.Entry) -> String? {
        var path = entry.path
        for _ in 0..<3 {
            guard let target = source.fileInfo(path)?.target else { break }
            path = target.hasPrefix("/") ? target : (path.split(separator: "/").dropLast().joined(separator: "/").prefixedSlash + "/" + target)
        }
        let fileName = String(path.split(separator: "/").last ?? "")
        return LdconfigReader.version(fromFileName: fileName) ?? LdconfigReader.version(fromFileName: entry.soname)
    }

}

extension String {
    fileprivate var prefixedSlash: String { hasPrefix("/") ? self : "/" + self }
}
