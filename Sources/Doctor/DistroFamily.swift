// Which package manager a fix should use, decided from /etc/os-release's ID and ID_LIKE.

import Foundation

public enum DistroFamily: String, Sendable, Codable, CaseIterable {
    case apt
    case dnf
    case pacman
    case zypper
    /// Unknown distribution: fixes fall back to instructions that work anywhere.
    case generic

    /// Reads the family from os-release's `ID` and the space-separated `ID_LIKE`.
    /// The distribution's own id wins over what it says it is like (Ubuntu is "like debian").
    public static func from(id: String?, idLike: String?) -> DistroFamily {
        let ids = [id ?? ""] + (idLike ?? "").split(separator: " ").map(String.init)
        for candidate in ids {
            if let family = known[candidate.lowercased().trimmingCharacters(in: .whitespaces)] {
                return family
            }
        }
        return .generic
    }

    private static let known: [String: DistroFamily] = [
        "debian": .apt, "ubuntu": .apt, "linuxmint": .apt, "pop": .apt, "elementary": .apt,
        "raspbian": .apt, "kali": .apt, "zorin": .apt, "neon": .apt,
        "fedora": .dnf, "rhel": .dnf, "centos": .dnf, "rocky": .dnf, "almalinux": .dnf,
        "nobara": .dnf, "amzn": .dnf, "ol": .dnf,
        "arch": .pacman, "manjaro": .pacman, "endeavouros": .pacman, "cachyos": .pacman,
        "garuda": .pacman,
        "opensuse": .zypper, "opensuse-leap": .zypper, "opensuse-tumbleweed": .zypper,
        "sles": .zypper, "suse": .zypper,
    ]

    /// The command that installs packages without asking twice (the user already said yes).
    public func installCommand(_ packages: [String]) -> [String]? {
        switch self {
        case .apt: ["apt-get", "install", "-y"] + packages
        case .dnf: ["dnf", "install", "-y"] + packages
        case .pacman: ["pacman", "-S", "--needed", "--noconfirm"] + packages
        case .zypper: ["zypper", "--non-interactive", "install"] + packages
        case .generic: nil
        }
    }

    /// What a person would type to install packages.
    public func installLine(_ packages: [String]) -> String? {
        switch self {
        case .apt: "sudo apt install " + packages.joined(separator: " ")
        case .dnf: "sudo dnf install " + packages.joined(separator: " ")
        case .pacman: "sudo pacman -S " + packages.joined(separator: " ")
        case .zypper: "sudo zypper install " + packages.joined(separator: " ")
        case .generic: nil
        }
    }

    /// Rebuilds the initial ramdisk so a changed module blacklist takes effect at boot.
    public var rebuildInitramfsLine: String {
        switch self {
        case .apt: "sudo update-initramfs -u"
        case .dnf, .zypper: "sudo dracut --force"
        case .pacman: "sudo mkinitcpio -P"
        case .generic: "rebuild your initramfs with your distribution's tool (update-initramfs, dracut or mkinitcpio)"
        }
    }
}
