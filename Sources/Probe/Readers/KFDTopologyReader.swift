// Turns the KFD topology's gfx_target_version (major*10000 + minor*100 + stepping) into an ISA name.

import Foundation

enum KFDTopologyReader {
    /// 100301 gives gfx1031, 90010 gives gfx90a; 0 (a CPU node) gives nil.
    static func gfxName(_ version: Int) -> String? {
        guard version > 0 else { return nil }
        let major = version / 10000
        let minor = (version / 100) % 100
        let stepping = version % 100
        return "gfx\(major)\(minor)" + String(stepping, radix: 16)
    }
}
