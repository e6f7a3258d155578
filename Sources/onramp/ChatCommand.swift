// `onramp chat MODEL`: an interactive conversation using the model's chat template. Ctrl-C
// stops the answer being written (not the program); /exit or end of input leaves.

import ArgumentParser
import Dispatch
import Engine
import Foundation

struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk with a model. Ctrl-C stops an answer; /exit leaves; /reset starts over.")

    @OptionGroup var model: ModelFileArgument

    @Option(
        name: .customShort("n"), parsing: .unconditional,
        help: OptionRanges.chatTokens.help("The most tokens in one answer."),
        transform: OptionRanges.chatTokens.parse)
    var tokens: Int = OptionRanges.chatTokens.defaultValue

    @Option(help: "A system message: instructions the model follows for the whole conversation.")
    var system: String?

    @OptionGroup var sampling: SamplingOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var gpu: GPUOptions

    func run() throws {
        let session: ChatSession
        let budget: TokenBudget
        let sampling: (settings: SamplingSettings, note: String?)
        do {
            let loaded = try ModelLoading.open(model.path, threads: engine.threads)
            sampling = self.sampling.settings(for: loaded)
            let template = try loaded.chatTemplate()
            budget = try ModelLimits.chat(
                requestedContext: engine.context, trained: loaded.model.shape.contextLength, tokens: tokens)
            if let note = budget.note { StandardError.write("note: \(note)\n") }
            try gpu.place(loaded, capacity: budget.context)
            let cache = try loaded.model.makeCache(capacity: budget.context, precision: engine.precision)
            session = ChatSession(
                generator: TextGenerator(model: loaded.model, tokenizer: loaded.tokenizer), template: template,
                cache: cache, system: system)
        } catch let problem as UsageProblem {
            throw problem.report(for: Self.self)
        } catch {
            throw StandardError.fail(error, in: Self.self)
        }

        let interrupt = InterruptHandler()
        var sampler = Sampler(settings: sampling.settings)
        if let note = sampling.note { StandardError.write("note: \(note)\n") }
        StandardError.write("Chatting with \(model.name). \(ChatCommands.summary)\n")
        while true {
            StandardOutput.write("> ")
            guard let line = readLine() else {
                // Ctrl-D (end of input) leaves; the shell's prompt then starts on a line of its own.
                StandardOutput.write("\n")
                break
            }
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            switch ChatCommands.command(text) {
            case .exit: return
            case .reset:
                session.reset()
                StandardError.write("(conversation cleared)\n")
                continue
            case .help:
                StandardError.write(ChatCommands.help(tokens: budget.tokens))
                continue
            case .unknown(let name):
                StandardError.write("(\(name) is not a chat command; /help lists them. To send it to the model, add a word after it.)\n")
                continue
            case nil:
                break
            }
            interrupt.flag.reset()
            interrupt.isAnswering = true
            defer { interrupt.isAnswering = false }
            do {
                let result = try session.reply(
                    to: text, maxTokens: budget.tokens, sampler: &sampler, cancellation: interrupt.flag,
                    onText: StandardOutput.write)
                StandardOutput.write("\n")
                if result.stopReason == .cancelled { StandardError.write("(answer stopped)\n") }
                if result.stopReason == .tokenLimit {
                    StandardError.write("(answer cut at the \(budget.tokens)-token limit: type \"go on\" for more, or start with a larger -n)\n")
                }
                if result.stopReason == .contextFull { StandardError.write("(answer cut: the conversation memory is full; /reset starts over)\n") }
                if session.forgotOlderMessages { StandardError.write("(older messages were forgotten to make room)\n") }
            } catch {
                StandardError.write("error: \(error)\n")
            }
        }
    }
}

/// Turns SIGINT into "stop the answer" while one is being written; at the prompt it reminds
/// the user how to leave. Sendable because `answeringValue` is guarded by its lock, the flag is
/// atomic and the signal source (not marked Sendable by Dispatch) is only set up and cancelled.
final class InterruptHandler: @unchecked Sendable {
    let flag = CancellationFlag()
    private let answering = NSLock()
    private var answeringValue = false
    private let source: DispatchSourceSignal

    var isAnswering: Bool {
        get { answering.withLock { answeringValue } }
        set { answering.withLock { answeringValue = newValue } }
    }

    init() {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "onramp.interrupt"))
        source.setEventHandler { [unowned self] in
            if self.isAnswering {
                self.flag.raise()
            } else {
                StandardError.write("\n(type /exit to leave)\n> ")
            }
        }
        source.resume()
    }

    deinit { source.cancel() }
}
