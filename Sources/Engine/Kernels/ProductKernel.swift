// Which code computes a model's matrix products: one of the kernel paths, or the plain
// reference twin that the self-test compares them with.

public enum ProductKernel: Sendable, Equatable, CustomStringConvertible {
    case path(KernelPath)
    case reference

    public var description: String {
        switch self {
        case .path(let path): path.rawValue
        case .reference: "reference"
        }
    }
}
