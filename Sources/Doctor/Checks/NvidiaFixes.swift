// The distribution-specific ways to install the NVIDIA driver, shared by the checks that end in
// "install (or reinstall) the driver".

enum NvidiaFixes {
    /// Installs the packaged driver (dkms or akmod builds the module for each kernel).
    static let installDriver = Fix(
        byFamily: [
            .apt: [
                .command("sudo ubuntu-drivers install"),
                .manual("On Debian: `sudo apt install nvidia-driver firmware-misc-nonfree` (non-free enabled)."),
                .manual("Then reboot."),
            ],
            .dnf: [
                .manual("Enable RPM Fusion (https://rpmfusion.org/Configuration), then:"),
                .command("sudo dnf install akmod-nvidia xorg-x11-drv-nvidia-cuda"),
                .manual("Wait about 5 minutes for the module to build, then reboot."),
            ],
            .pacman: [
                .command("sudo pacman -S nvidia-open nvidia-utils"),
                .manual("Use `nvidia` instead of `nvidia-open` for cards older than Turing (GTX 16xx). Then reboot."),
            ],
            .zypper: [
                .command("sudo zypper install-new-recommends --repo repo-non-free"),
                .manual("Then reboot."),
            ],
        ],
        everywhere: [
            .manual("Install the driver your distribution packages (https://www.nvidia.com/Download/index.aspx "
                + "has the .run installer as a last resort), then reboot.")
        ])
}
