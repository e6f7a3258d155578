// `onramp probe`: what Onramp sees on this computer (or in a profile), for people or as JSON.

import ArgumentParser
import Foundation
import LiveMachine
import Probe

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Show what Onramp detects on this computer: processor, memory, disk, graphics, drivers.",
        discussion: """
            Nothing is changed or sent anywhere. Every tool the probe runs (nvidia-smi, rocminfo, vulkaninfo) \
            is stopped after --timeout seconds. With --capture DIR the probe also saves what it read as a \
            machine profile (names and addresses replaced) that any command can replay with --profile DIR.
            """
    )

    @OptionGroup var machine: ProfileOption

    @Flag(name: .long, help: "Print the facts as JSON, for scripts.")
    var json = false

    @Flag(name: .shortAndLong, help: "Show long lists whole: every driver build, kernel message and compiled GPU architecture.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Save a machine profile of this computer into this new folder.", valueName: "dir"))
    var capture: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: OptionRanges.probeTimeout.help("Seconds each external tool may run before it is stopped.", valueName: "seconds"),
        transform: OptionRanges.probeTimeout.parse)
    var timeout: Double = OptionRanges.probeTimeout.defaultValue

    func validate() throws {
        if capture != nil && machine.profile != nil {
            throw ValidationError("--capture records this computer; it cannot be combined with --profile.")
        }
        if capture?.isEmpty == true {
            throw ValidationError("--capture needs the path of a new folder to save the profile in.")
        }
    }

    func run() throws {
        let limit = Duration.milliseconds(Int64(timeout * 1000))
        let facts: MachineFacts
        if let capture {
            do {
                facts = try ProfileCapture.capture(to: ProfileOption.fullPath(capture), timeout: limit)
            } catch {
                throw StandardError.fail(error.message, in: Self.self)
            }
        } else {
            facts = Prober(source: try machine.systemSource(), timeout: limit).gather()
        }
        print(json ? facts.jsonText() : FactsText.render(facts, verbose: verbose), terminator: "")
        if let capture, !json {
            print("\nSaved a machine profile to \(capture). Look it over before you share it; replay it with --profile \(capture).")
        }
    }
}
