// Why a tensor cannot be used by the matrix-product kernels, in words for the person running
// the model (the usual cause is a model file with a tensor type or shape this version lacks).

public enum KernelError: Error, Equatable, CustomStringConvertible {
    /// The tensor's element type has no kernel here.
    case unsupportedType(GGMLType)
    /// A row's length is not a whole number of the type's blocks.
    case rowNotWholeBlocks(columns: Int, type: GGMLType)
    /// Rows or columns are negative or zero, or the byte size overflows.
    case invalidShape(rows: Int, columns: Int)

    public var description: String {
        switch self {
        case .unsupportedType(let type):
            return "The model stores weights as \(type), which this version of Onramp cannot compute with. "
                + GGMLType.computableAdvice
        case .rowNotWholeBlocks(let columns, let type):
            return "A weight matrix has rows of \(columns) values, which is not a multiple of the "
                + "\(type.blockSize)-value blocks that \(type) stores; the model file is malformed. "
                + "Download it again or choose another model."
        case .invalidShape(let rows, let columns):
            return "A weight matrix claims \(rows) rows of \(columns) values, which is not a usable size; "
                + "the model file is malformed. Download it again or choose another model."
        }
    }
}
