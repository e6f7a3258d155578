// Wraps bytes in the gzip format (RFC 1952) with "stored" deflate blocks (RFC 1951, section
// 3.2.4): no compression, so no zlib to link for a bundle of a few hundred kilobytes of text;
// every gzip reader accepts it, and the CRC-32 still guards the contents.

import Foundation

public enum Gzip {
    public static func wrap(_ data: Data, modified: Date) -> Data {
        var out = Data([0x1f, 0x8b, 8, 0])
        out += littleEndian(UInt32(clamping: max(0, Int(modified.timeIntervalSince1970))))
        out += Data([0, 3])  // no extra flags; made on Unix
        let bytes = [UInt8](data)
        var offset = 0
        repeat {
            let length = min(65_535, bytes.count - offset)
            let final = offset + length == bytes.count
            out.append(final ? 1 : 0)
            out += littleEndian16(UInt16(length))
            out += littleEndian16(~UInt16(length))
            out += bytes[offset..<(offset + length)]
            offset += length
        } while offset < bytes.count
        out += littleEndian(crc32(bytes))
        out += littleEndian(UInt32(truncatingIfNeeded: bytes.count))
        return out
    }

    /// CRC-32 as gzip and zlib compute it (reflected polynomial 0xEDB88320).
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
        return crc ^ 0xffff_ffff
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xedb8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    private static func littleEndian(_ value: UInt32) -> Data {
        Data([UInt8(value & 0xff), UInt8((value >> 8) & 0xff), UInt8((value >> 16) & 0xff), UInt8(value >> 24)])
    }

    private static func littleEndian16(_ value: UInt16) -> Data {
        Data([UInt8(value & 0xff), UInt8(value >> 8)])
    }
}
