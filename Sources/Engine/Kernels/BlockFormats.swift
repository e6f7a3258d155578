// From a tensor type to its block format (decoding and portable dot product), as the type's
// traits declare it.

enum BlockFormats {
    /// The format of weights of `type`, or nil for types with no kernels.
    static func format(for type: GGMLType) -> (any BlockFormat.Type)? {
        type.traits.product?.portable
    }

    /// Decodes `count` values of a row stored as `type`, weights or activations alike.
    static func dequantizeRow(_ row: UnsafeRawPointer, type: GGMLType, count: Int, into y: UnsafeMutablePointer<Float>) {
        type.traits.decoder?.dequantizeRow(row, blocks: count / type.blockSize, into: y)
    }
}
