// The distribution-specific ways to install the NVIDIA driver, shared by the checks that end in
// "install (or reinstall) the driver".

enum NvidiaFixes {
    /// Installs the packaged driver (dkms or akmod builds the module for each kernel); no reboot yet,
    /// so callers can add their own steps before it.
    static func installSteps(_ family: DistroFamily) -> [FixStep] {
        switch family {
        case .apt:
            [.command("sudo ubuntu-drivers install"),
             .manual("On Debian: `sudo apt install nvidia-driver firmware-misc-nonfree` (non-free enabled).")]
        case .dnf:
            [.manual("Enable RPM Fusion (https://rpmfusion.org/Configuration), then:"),
             .command("sudo dnf install akmod-nvidia xorg-x11-drv-nvidia-cuda"),
             .manual("Wait about 5 minutes for akmods to build the module.")]
        case .pacman:
            [.command("sudo pacman -S nvidia-open nvidia-utils"),
             .manual("Use `nvidia` instead of `nvidia-open` for cards older than Turing (GTX 16xx).")]
        case .zypper:
            [.command("sudo zypper install-new-recommends --repo repo-non-free")]
        case .generic:
            [.manual("Install the driver your distribution packages (https://www.nvidia.com/Download/index.aspx "
                + "has the .run installer as a last resort).")]
        }
    }

    static let reboot = FixStep.manual("Reboot.")

    static func fix(_ steps: (DistroFamily) -> [FixStep]) -> Fix {
        let families: [DistroFamily] = [.apt, .dnf, .pacman, .zypper]
        return Fix(
            byFamily: Dictionary(uniqueKeysWithValues: families.map { ($0, steps($0)) }),
            everywhere: steps(.generic))
    }

    static let installDriver = fix { installSteps($0) + [reboot] }
}
