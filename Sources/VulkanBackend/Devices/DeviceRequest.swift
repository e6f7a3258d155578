// Which device the person asked for: the automatic choice, or one named with --device.

public enum DeviceRequest: Equatable, Sendable {
    /// Discrete before integrated before virtual; never a software renderer.
    case automatic
    /// A device's number in Vulkan's list, or part of its name (case ignored). Naming a software
    /// renderer is how tests and curious people use llvmpipe.
    case named(String)

    /// `--device`'s value: empty or "auto" means the automatic choice.
    public init(option: String?) {
        guard let option, !option.isEmpty, option.lowercased() != "auto" else {
            self = .automatic
            return
        }
        self = .named(option)
    }
}
