// The chat's own commands, typed at its prompt: what each one is called and what it does.
import Foundation

enum ChatCommands {
    enum Command: Equatable {
        case exit, reset, help
        /// A single word starting with "/" that is not a command (a typo, most likely).
        case unknown(String)
    }

    static let summary = "Ctrl-C stops an answer; /help lists the commands; /exit leaves."

    /// The command a typed line is, or nil for a message to the model. A line of more than one
    /// word is always a message, so text that starts with "/" can still be sent.
    static func command(_ line: String) -> Command? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("/"), !text.contains(" ") else { return nil }
        switch text.lowercased() {
        case "/exit", "/quit", "/bye": return .exit
        case "/reset", "/clear": return .reset
        case "/help", "/?": return .help
        default: return .unknown(text)
        }
    }

    static func help(tokens: Int) -> String {
        """
        Type a message and press Enter; the answer appears as it is written.
          /help    this list
          /reset   forget the conversation and start over (also /clear)
          /exit    leave the chat (also /quit, /bye, or Ctrl-D)
          Ctrl-C   stop the answer being written
        An answer stops after \(tokens) tokens (-n sets this when starting onramp chat).

        """
    }
}
