// Which code computes a model's matrix products: one of the kernel paths, the plain reference
// twin that the self-test compares them with, or the unquantised reference that a graphics card
// is compared with.

public enum ProductKernel: Sendable, Equatable, CustomStringConvertible {
    case path(KernelPath)
    case reference
    /// Activations kept as f32 (not quantised to 8 bits as llama.cpp and the paths do), weights
    /// decoded to f32, sums in Double: what the graphics card computes, without its rounding, so
    /// a card's model can be compared at a tight limit (slow: tests only).
    case unquantized

    public var description: String {
        switch self {
        case .path(let path): path.rawValue
        case .reference: "reference"
        case .unquantized: "unquantized"
        }
    }
}
