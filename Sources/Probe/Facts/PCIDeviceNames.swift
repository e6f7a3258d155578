// Names for common graphics cards by PCI id, for when no driver tool answered (no nvidia-smi, no
// rocminfo): "NVIDIA GeForce RTX 3060" says more to a person than "[10de:2504]". Ids from the PCI ID
// Repository (pci-ids.ucw.cz); one id can cover several retail names, which are all given.

public enum PCIDeviceNames {
    /// The product name for a vendor and device id (lowercase hex, as sysfs gives them without 0x).
    public static func name(vendorID: String?, deviceID: String?) -> String? {
        guard let vendorID, let deviceID else { return nil }
        return known[vendorID.lowercased() + ":" + deviceID.lowercased()]
    }

    static let known: [String: String] = [
        // NVIDIA GeForce
        "10de:1184": "NVIDIA GeForce GTX 770",
        "10de:1b06": "NVIDIA GeForce GTX 1080 Ti", "10de:1b80": "NVIDIA GeForce GTX 1080",
        "10de:1b81": "NVIDIA GeForce GTX 1070", "10de:1c03": "NVIDIA GeForce GTX 1060 6GB",
        "10de:1c82": "NVIDIA GeForce GTX 1050 Ti",
        "10de:2182": "NVIDIA GeForce GTX 1660 Ti", "10de:2184": "NVIDIA GeForce GTX 1660",
        "10de:21c4": "NVIDIA GeForce GTX 1660 SUPER", "10de:1f82": "NVIDIA GeForce GTX 1650",
        "10de:1f08": "NVIDIA GeForce RTX 2060", "10de:1f06": "NVIDIA GeForce RTX 2060 SUPER",
        "10de:1e84": "NVIDIA GeForce RTX 2070 SUPER", "10de:1e87": "NVIDIA GeForce RTX 2080",
        "10de:1e04": "NVIDIA GeForce RTX 2080 Ti",
        "10de:2503": "NVIDIA GeForce RTX 3060", "10de:2504": "NVIDIA GeForce RTX 3060",
        "10de:2484": "NVIDIA GeForce RTX 3070", "10de:2488": "NVIDIA GeForce RTX 3070",
        "10de:2482": "NVIDIA GeForce RTX 3070 Ti", "10de:2206": "NVIDIA GeForce RTX 3080",
        "10de:2216": "NVIDIA GeForce RTX 3080", "10de:2208": "NVIDIA GeForce RTX 3080 Ti",
        "10de:2204": "NVIDIA GeForce RTX 3090", "10de:2203": "NVIDIA GeForce RTX 3090 Ti",
        "10de:2882": "NVIDIA GeForce RTX 4060", "10de:2803": "NVIDIA GeForce RTX 4060 Ti",
        "10de:2786": "NVIDIA GeForce RTX 4070", "10de:2782": "NVIDIA GeForce RTX 4070 Ti",
        "10de:2704": "NVIDIA GeForce RTX 4080", "10de:2684": "NVIDIA GeForce RTX 4090",
        // NVIDIA data centre and workstation
        "10de:1b38": "NVIDIA Tesla P40", "10de:1db4": "NVIDIA Tesla V100 PCIe 16GB", "10de:1eb8": "NVIDIA Tesla T4",
        "10de:20b0": "NVIDIA A100 SXM4 40GB", "10de:20b5": "NVIDIA A100 PCIe 80GB",
        "10de:2330": "NVIDIA H100 SXM5 80GB", "10de:2331": "NVIDIA H100 PCIe",
        "10de:2230": "NVIDIA RTX A6000", "10de:26b1": "NVIDIA RTX 6000 Ada Generation",
        // AMD Radeon
        "1002:67df": "AMD Radeon RX 470/480/570/580", "1002:687f": "AMD Radeon RX Vega 56/64",
        "1002:731f": "AMD Radeon RX 5600 XT/5700/5700 XT", "1002:73bf": "AMD Radeon RX 6800/6800 XT/6900 XT",
        "1002:73df": "AMD Radeon RX 6700 XT/6750 XT/6800M", "1002:73ff": "AMD Radeon RX 6600/6600 XT",
        "1002:744c": "AMD Radeon RX 7900 XT/XTX", "1002:7480": "AMD Radeon RX 7600",
        "1002:1506": "AMD Radeon 610M", "1002:15bf": "AMD Radeon 780M/760M", "1002:164e": "AMD Radeon Graphics (Ryzen 7000)",
        "1002:1638": "AMD Radeon Vega (Ryzen 5000 APU)",
        // Intel
        "8086:56a0": "Intel Arc A770", "8086:56a1": "Intel Arc A750", "8086:56a5": "Intel Arc A380",
        "8086:5690": "Intel Arc A770M", "8086:7d55": "Intel Arc Graphics (Meteor Lake)",
        "8086:9a49": "Intel Iris Xe Graphics (Tiger Lake)", "8086:46a6": "Intel Iris Xe Graphics (Alder Lake)",
        "8086:a780": "Intel UHD Graphics 770", "8086:3e92": "Intel UHD Graphics 630", "8086:5917": "Intel UHD Graphics 620",
        "8086:4e61": "Intel UHD Graphics (Jasper Lake)", "8086:0166": "Intel HD Graphics 4000",
        // Server boards
        "102b:0532": "Matrox G200eW",
    ]
}
