// Reads `nvidia-smi --query-gpu=… --format=csv,noheader,nounits` and its failure messages.

import Foundation

enum NvidiaSmiReader {
    /// The query the probe asks for; the reader expects the columns in this order.
    static let arguments = [
        "--query-gpu=pci.bus_id,name,memory.total,driver_version,compute_cap", "--format=csv,noheader,nounits",
    ]

    struct Row: Equatable {
        var pciAddress: String
        var name: String
        var memoryMiB: UInt64?
        var driverVersion: String?
        var computeCapability: String?
    }

    static func rows(_ text: String) -> [Row] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 5, !fields[0].isEmpty else { return nil }
            return Row(
                pciAddress: pciAddress(fields[0]), name: fields[1], memoryMiB: UInt64(fields[2]),
                driverVersion: known(fields[3]), computeCapability: known(fields[4])
            )
        }
    }

    /// nvidia-smi writes 8-digit PCI domains (`00000000:01:00.0`); sysfs writes 4 (`0000:01:00.0`).
    static func pciAddress(_ busID: String) -> String {
        let lower = busID.lowercased()
        let parts = lower.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].count > 4 else { return lower }
        return String(parts[0].suffix(4)) + ":" + parts[1]
    }

    private static func known(_ field: String) -> String? {
        field.isEmpty || field.hasPrefix("[") ? nil : field
    }

    /// The newest CUDA the driver supports, from the header of plain `nvidia-smi`
    /// (`| NVIDIA-SMI 535.129.03   Driver Version: 535.129.03   CUDA Version: 12.2 |`); nil for `N/A`.
    static func headerCUDAVersion(_ text: String) -> String? {
        guard let range = text.range(of: "CUDA Version:") else { return nil }
        let word = text[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "|" || $0.isNewline }).first.map(String.init)
        return word?.firstDottedVersion
    }

    /// nvidia-smi prints its errors on stdout; the first meaningful line says what went wrong.
    static func errorLine(stdout: String, stderr: String) -> String? {
        (stdout + "\n" + stderr).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }?
            .clipped()
    }
}
