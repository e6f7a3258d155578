// Says what a file that is not GGUF probably is, from its first bytes, so the user learns
// "this is a web page" rather than just "wrong magic".

enum FileFormatGuess {
    static func describe(_ bytes: UnsafeRawBufferPointer) -> String {
        let head = Array(bytes.prefix(64))
        let text = String(decoding: head, as: UTF8.self).lowercased()
        if text.hasPrefix("version https://git-lfs") {
            return "it is a Git LFS pointer, a small placeholder for the real file (clone with git-lfs installed, or download the file directly)"
        }
        if text.hasPrefix("<!doctype") || text.hasPrefix("<html") || text.hasPrefix("<?xml") {
            return "it is a web page, probably an error or login page saved instead of the model"
        }
        if text.hasPrefix("{") || text.hasPrefix("[") {
            return "it is a JSON text file, not the model weights"
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "it is a ZIP archive (PyTorch .bin/.pth files are ZIP archives and must be converted to GGUF first)"
        }
        if head.count >= 9, head[8] == UInt8(ascii: "{"), head[5..<8].allSatisfy({ $0 == 0 }) {
            return "it is a safetensors file, which must be converted to GGUF first"
        }
        for old in ["lmgg", "fmgg", "tjgg"] where head.starts(with: Array(old.utf8)) {
            return "it uses the old GGML format that came before GGUF"
        }
        let magic = head.prefix(4).map { byte in
            (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "?"
        }.joined()
        return "it starts with '\(magic)' instead of 'GGUF'"
    }
}
