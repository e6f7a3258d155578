// The `onramp` command: with no subcommand it starts the wizard; when the wizard ends with
// "Start chatting now", the chat takes over the same terminal.
import ArgumentParser
import Catalog
import Fetch
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
            GPUCommand.self,
            GPUInitTestCommand.self,
            CUDAArchitecturesCommand.self,
        ]
    )

    @Flag(help: "Print plain lines instead of drawing full-screen (also automatic for TERM=dumb and pipes).")
    var plain = false

    @Flag(help: "Set up without questions, in plain lines: accept each step's recommendation (never a fix), then chat. Exit status 1 when a step has nothing to accept.")
    var yes = false

    /// `onramp --profile DIR`, renamed by `main` before parsing: a root option named `--profile`
    /// would take the value away from the subcommands' own `--profile` (the parser gives a
    /// parent's option the whole command line).
    @Option(
        name: .customLong("wizard-profile"),
        help: ArgumentHelp(
            "Run the wizard on this machine profile folder instead of this computer (made by `onramp probe --capture`); also written --profile.",
            valueName: "dir"))
    var profile: String?

    static func main() async {
        let arguments = WizardProfileArgument.renamed(Array(CommandLine.arguments.dropFirst()), subcommands: subcommandNames)
        do {
            var command = try parseAsRoot(arguments)
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    static var subcommandNames: Set<String> {
        Set(configuration.subcommands.compactMap { $0.configuration.commandName })
    }

    func run() async throws {
        let environment = TerminalEnvironment.current(plainRequested: plain || yes)
        let trace = FirstFrameTrace.fromEnvironment()
        let profile = self.profile.map(ProfileOption.fullPath)
        let machineScan: MachineScan
        if let profile {
            do {
                machineScan = try .replay(folder: profile)
            } catch {
                throw ValidationError(error.message)
            }
        } else {
            machineScan = .live()
        }
        let handOff = ChatHandOff()
        var setUp = Wizard(
            version: OnrampVersion.current, machineScan: machineScan, models: Self.models(profile: profile, handOff: handOff),
            reports: WizardReport.services(profile: profile))
        setUp.acceptsEverything = yes
        let wizard = setUp
        let status = await DedicatedThread.run(name: "onramp-terminal") {
            TerminalSession.run(wizard, environment: environment, onFirstFrame: trace?.markFirstFrame)
        }
        trace?.printReport()
        if status != 0 { throw ExitCode(status) }
        // The full screen has ended; the chat now has the terminal, and leaving it ends Onramp.
        // The model is given as Finish showed it (its name in the store), so the chat starts as
        // `onramp chat NAME` typed later would.
        if let arguments = handOff.chosenArguments {
            let chat = try ChatCommand.parse(arguments)
            try chat.run()
        }
    }

    /// The model steps' work, done by the same code as `onramp recommend`, `pull` and `selftest`.
    /// With a profile the recommendation is for the profile's machine; downloads and the self-test
    /// still run here.
    static func models(profile: String?, handOff: ChatHandOff) -> ModelServices {
        let settings = Result { try FetchSettings.fromEnvironment() }
        let progressFile = SetupProgressFile.path()
        var services = ModelServices(
            recommend: { facts in
                await DedicatedThread.run(name: "onramp-recommend") {
                    Result { try ModelAdvice.recommend(facts: facts, profile: profile, goal: .chat) }
                        .mapError { ServiceProblem("\($0)") }
                }
            },
            stored: { (try? settings.get()).map(LiveModelStore.stored) ?? [] },
            download: { file, progress in
                switch settings {
                case .success(let settings): await LiveModelStore.download(file, settings: settings, progress: progress)
                case .failure(let error): .failure(.failed("\(error)"))
                }
            },
            selfTest: { path, progress in
                Result { try SelftestCommand.check(model: path, progress: progress) }.mapError { ServiceProblem("\($0)") }
            },
            handOff: handOff,
            savedSetup: SetupProgressFile.load(from: progressFile),
            saveSetup: { saved in try? SetupProgressFile.save(saved, to: progressFile) })
        services.recommendsForThisComputer = profile == nil
        services.home = ProcessInfo.processInfo.environment["HOME"]
        // Looking through other programs' folders and hashing a file of gigabytes: off the screen's thread.
        services.found = { await DedicatedThread.run(name: "onramp-discovery") { LiveModelStore.found() } }
        services.importFound = { model in
            switch settings {
            case .success(let settings): await DedicatedThread.run(name: "onramp-import") { LiveModelStore.importFound(model, settings: settings) }
            case .failure(let error): .failure(ServiceProblem("\(error)"))
            }
        }
        return services
    }
}
