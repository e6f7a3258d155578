// The `onramp` command: with no subcommand it starts the wizard.
import ArgumentParser

@main
struct Onramp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onramp",
        abstract: "Get a local AI model running on this computer, and keep it running.",
        version: OnrampVersion.current,
        subcommands: [
            KernelBenchCommand.self,
        ]
    )

    func run() async throws {
        print("Onramp \(OnrampVersion.current): the setup wizard is not built yet.")
    }
}
