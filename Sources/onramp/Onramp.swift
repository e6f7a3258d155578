// The `onramp` command: with no subcommand it starts the wizard.
import ArgumentParser
import Foundation
import TUI
import Wizard

@main
struct Onramp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onramp",
        abstract: "Get a local AI model running on this computer, and keep it running.",
        discussion: """
            With no command, Onramp starts a step-by-step wizard in this terminal. \
            It installs, changes or sends nothing without asking first.
            """,
        version: OnrampVersion.current,
        subcommands: [
            ProbeCommand.self,
            DoctorCommand.self,
            KernelBenchCommand.self,
            RunCommand.self,
            ChatCommand.self,
            BenchCommand.self,
            SelftestCommand.self,
            RecommendCommand.self,
            PullCommand.self, ListCommand.self, ImportCommand.self, RemoveCommand.self, VerifyCommand.self,
            ReportCommand.self,
        ]
    )

    @Flag(help: "Print plain lines instead of drawing full-screen (also automatic for TERM=dumb and pipes).")
    var plain = false

    func run() async throws {
        let environment = TerminalEnvironment.current(plainRequested: plain)
        let trace = FirstFrameTrace.fromEnvironment()
        let wizard = Wizard(version: OnrampVersion.current, machineScan: .live())
        let status = await DedicatedThread.run(name: "onramp-terminal") {
            TerminalSession.run(wizard, environment: environment, onFirstFrame: trace?.markFirstFrame)
        }
        trace?.printReport()
        if status != 0 { throw ExitCode(status) }
    }
}
