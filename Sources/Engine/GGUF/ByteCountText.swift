// Numbers in the engine's error messages ("91,234,560", "88.1 MB"), written by PlainText's one
// formatter; this name stays so the messages' call sites read as before.
import PlainText

enum ByteCountText {
    static func count<T: BinaryInteger>(_ value: T) -> String { NumberText.grouped(value) }
    static func size(_ bytes: Int) -> String { NumberText.bytes(bytes) }
}
