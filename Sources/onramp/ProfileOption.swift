// `--profile DIR`: any command that looks at the machine can look at a captured profile instead.

import ArgumentParser
import Foundation
import LiveMachine
import Probe

struct ProfileOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Read this machine profile folder instead of this computer (made by `onramp probe --capture`).",
            valueName: "dir"
        )
    )
    var profile: String?

    /// Reads the profile while parsing, so a wrong folder is a usage error shown with the usage
    /// of the command that was given it.
    func validate() throws {
        _ = try systemSource()
    }

    /// The machine to look at: the profile when one was given, else this computer.
    func systemSource() throws -> any SystemSource {
        guard let profile else { return LiveSystem() }
        do {
            return try ReplaySystem(folder: Self.fullPath(profile))
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// A relative folder as the absolute path it names, so messages say exactly which folder.
    static func fullPath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
