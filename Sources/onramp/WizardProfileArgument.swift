// `onramp --profile DIR` starts the wizard on a captured machine, while `onramp doctor --profile
// DIR` and the other subcommands keep their own option: before parsing, a `--profile` that comes
// before any subcommand name is renamed to the root command's `--wizard-profile`.

enum WizardProfileArgument {
    static func renamed(_ arguments: [String], subcommands: Set<String>) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" || subcommands.contains(argument) {
                // The rest belongs to a subcommand (or is not an option at all).
                return result + arguments[index...]
            }
            if argument == "--profile" {
                result.append("--wizard-profile")
                if index + 1 < arguments.count { result.append(arguments[index + 1]) }
                index += 2
                continue
            }
            if argument.hasPrefix("--profile=") {
                result.append("--wizard-profile=" + argument.dropFirst("--profile=".count))
            } else {
                result.append(argument)
            }
            index += 1
        }
        return result
    }
}
