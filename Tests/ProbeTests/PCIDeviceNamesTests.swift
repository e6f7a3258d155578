// The small table of common graphics cards: a PCI id alone names the card when no driver tool answered.

import Testing
@testable import Probe

@Suite("PCI device names")
struct PCIDeviceNamesTests {
    @Test("common cards are named by vendor and device id, whatever the case of the hex digits")
    func knownCards() {
        #expect(PCIDeviceNames.name(vendorID: "10de", deviceID: "2504") == "NVIDIA GeForce RTX 3060")
        #expect(PCIDeviceNames.name(vendorID: "1002", deviceID: "73DF") == "AMD Radeon RX 6700 XT/6750 XT/6800M")
        #expect(PCIDeviceNames.name(vendorID: "8086", deviceID: "56a0") == "Intel Arc A770")
    }

    @Test("an unknown or missing id has no name, so the id itself is shown")
    func unknownCards() {
        #expect(PCIDeviceNames.name(vendorID: "10de", deviceID: "ffff") == nil)
        #expect(PCIDeviceNames.name(vendorID: nil, deviceID: "2504") == nil)
    }

    @Test("every key is vendor:device in lowercase hex, every name starts with its vendor")
    func tableIsWellFormed() {
        let vendors = ["10de": "NVIDIA", "1002": "AMD", "8086": "Intel", "102b": "Matrox"]
        for (key, name) in PCIDeviceNames.known {
            let parts = key.split(separator: ":")
            #expect(parts.count == 2 && parts.allSatisfy { $0.count == 4 && $0 == $0.lowercased() && $0.allSatisfy(\.isHexDigit) }, "\(key)")
            #expect(vendors[String(parts[0])].map { name.hasPrefix($0) } == true, "\(key): \(name)")
        }
    }
}
