// The prompt formats of the model families we ship, recognised from the model's own
// `tokenizer.chat_template` text. The template's code is never run: we look for the marker
// strings that identify a known format and render that format ourselves.

import Foundation

public enum ChatTemplate: Sendable, Equatable {
    /// `<|im_start|>role\n…<|im_end|>\n` (SmolLM2, Qwen). `defaultSystem` is the system turn
    /// the model's template adds when the conversation has none.
    case chatML(defaultSystem: String?)
    /// `<|start_header_id|>role<|end_header_id|>\n\n…<|eot_id|>` (Llama 3.x).
    case llama3
    /// `[INST] … [/INST]` (Mistral, Llama 2 chat, TinyLlama's older releases).
    case instruct
    /// `<start_of_turn>user\n…<end_of_turn>\n`, the assistant's turn called `model`, and a system
    /// message put before the first user message (Gemma).
    case gemma
    /// `<|user|>\n…<|end|>\n` (Phi-3).
    case phi3

    /// Recognises the format from the template text in the model file.
    static func recognize(_ source: String?) throws(ChatTemplateError) -> ChatTemplate {
        guard let source, !source.isEmpty else { throw .missing }
        if source.contains("<|im_start|>") {
            return .chatML(defaultSystem: defaultSystemPrompt(in: source))
        }
        if source.contains("<|start_header_id|>") && source.contains("<|eot_id|>") {
            return .llama3
        }
        if source.contains("<start_of_turn>") && source.contains("<end_of_turn>") {
            return .gemma
        }
        if source.contains("<|assistant|>") && source.contains("<|end|>") {
            return .phi3
        }
        if source.contains("[INST]") && source.contains("[/INST]") {
            return .instruct
        }
        throw .unknown(excerpt: String(source.prefix(120)))
    }

    /// The text of the conversation so far, ending with the opening of the assistant's turn
    /// when `addAssistantStart` is true.
    func render(_ messages: [ChatMessage], addAssistantStart: Bool = true) -> String {
        var text = ""
        switch self {
        case .chatML(let defaultSystem):
            if let defaultSystem, messages.first?.role != .system {
                text += "<|im_start|>system\n\(defaultSystem)<|im_end|>\n"
            }
            for message in messages {
                text += "<|im_start|>\(message.role.rawValue)\n\(message.content)<|im_end|>\n"
            }
            if addAssistantStart { text += "<|im_start|>assistant\n" }
        case .llama3:
            text += "<|begin_of_text|>"
            for message in messages {
                text += "<|start_header_id|>\(message.role.rawValue)<|end_header_id|>\n\n\(message.content)<|eot_id|>"
            }
            if addAssistantStart { text += "<|start_header_id|>assistant<|end_header_id|>\n\n" }
        case .instruct:
            text += "<s>"
            var pendingSystem: String?
            for message in messages {
                switch message.role {
                case .system:
                    pendingSystem = message.content
                case .user:
                    let content = pendingSystem.map { "\($0)\n\n\(message.content)" } ?? message.content
                    pendingSystem = nil
                    text += "[INST] \(content) [/INST]"
                case .assistant:
                    text += " \(message.content)</s>"
                }
            }
        case .gemma:
            // As Gemma's own template and llama.cpp's built-in one: BOS first, contents trimmed.
            text += "<bos>"
            var pendingSystem: String?
            for message in messages {
                let content = message.content.trimmingCharacters(in: .whitespacesAndNewlines)
                switch message.role {
                case .system:
                    pendingSystem = content
                case .user:
                    text += "<start_of_turn>user\n"
                    if let system = pendingSystem { text += "\(system)\n\n" }
                    pendingSystem = nil
                    text += "\(content)<end_of_turn>\n"
                case .assistant:
                    text += "<start_of_turn>model\n\(content)<end_of_turn>\n"
                }
            }
            if addAssistantStart { text += "<start_of_turn>model\n" }
        case .phi3:
            for message in messages {
                text += "<|\(message.role.rawValue)|>\n\(message.content)<|end|>\n"
            }
            if addAssistantStart { text += "<|assistant|>\n" }
        }
        return text
    }

    /// Text pieces that end the assistant's turn, besides the model's end-of-generation tokens.
    var turnEndMarkers: [String] {
        switch self {
        case .chatML: return ["<|im_end|>"]
        case .llama3: return ["<|eot_id|>"]
        case .instruct: return ["</s>"]
        case .gemma: return ["<end_of_turn>"]
        case .phi3: return ["<|end|>"]
        }
    }

    /// SmolLM2's template writes a fixed system turn when the conversation has none:
    /// `{{ '<|im_start|>system\nYou are … Hugging Face<|im_end|>\n' }}` guarded by
    /// `messages[0]['role'] != 'system'`. We take that literal, never the code around it.
    static func defaultSystemPrompt(in source: String) -> String? {
        guard source.contains("!= 'system'") || source.contains("!= \"system\"") else { return nil }
        let opening = "<|im_start|>system\\n"
        guard let start = source.range(of: opening),
              let end = source.range(of: "<|im_end|>", range: start.upperBound..<source.endIndex)
        else { return nil }
        let literal = source[start.upperBound..<end.lowerBound]
        // A literal, not an expression: no quotes, braces or string concatenation inside.
        guard !literal.contains("'"), !literal.contains("\""), !literal.contains("{"), !literal.contains("+") else {
            return nil
        }
        return String(literal).replacingOccurrences(of: "\\n", with: "\n")
    }
}

public enum ChatTemplateError: Error, Equatable, CustomStringConvertible {
    case missing
    case unknown(excerpt: String)

    public var description: String {
        switch self {
        case .missing:
            return "This model file has no chat template (tokenizer.chat_template), so Onramp does not know how to "
                + "format a conversation for it. It may be a base model rather than a chat model: use `onramp run "
                + "MODEL -p TEXT` to continue text, or choose the model's -Instruct or -Chat version."
        case .unknown(let excerpt):
            return "This model's chat template is not one Onramp knows (it knows ChatML, Llama 3, Gemma, Phi-3 and [INST] formats); "
                + "it starts: \(excerpt.debugDescription). Onramp never runs template code from a model file. Use "
                + "`onramp run MODEL -p TEXT` with the prompt written out, or choose a model with a ChatML, Llama 3, Gemma, Phi-3 or [INST] template."
        }
    }
}
