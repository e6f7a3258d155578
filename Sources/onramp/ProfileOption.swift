// `--profile DIR`: any command that looks at the machine can look at a captured profile instead.

import ArgumentParser
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

    /// The machine to look at: the profile when one was given, else this computer.
    func systemSource() throws -> any SystemSource {
        guard let profile else { return LiveSystem() }
        do {
            return try ReplaySystem(folder: profile)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
