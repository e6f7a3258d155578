// A conversation with a model: the messages so far, rendered with the model's chat template
// each turn. The tokens already in the model's memory (the KV cache) are reused up to the
// first difference, so a turn costs only its new text.

public final class ChatSession {
    public let generator: TextGenerator
    public let template: ChatTemplate
    public let cache: KVCache
    private(set) var messages: [ChatMessage]
    /// Tokens whose keys and values are in `cache`, in order.
    private var cachedTokens: [TokenID] = []

    public init(generator: TextGenerator, template: ChatTemplate, cache: KVCache, system: String? = nil) {
        self.generator = generator
        self.template = template
        self.cache = cache
        messages = system.map { [ChatMessage(role: .system, content: $0)] } ?? []
    }

    /// True when older messages had to be forgotten to fit the last turn into the context.
    public private(set) var forgotOlderMessages = false

    /// Adds the user's message, generates the answer (streamed through `onText`) and adds it
    /// to the conversation; a cancelled answer is kept as far as it got.
    public func reply(
        to text: String, maxTokens: Int, sampler: inout Sampler, cancellation: CancellationFlag? = nil,
        onText: (String) -> Void
    ) throws(ModelError) -> GenerationResult {
        messages.append(ChatMessage(role: .user, content: text))
        forgotOlderMessages = false
        var tokens = promptTokens()
        // Leave room for an answer; forget the oldest turns (never the system message) if needed.
        let room = min(maxTokens, cache.capacity / 4)
        while tokens.count + room > cache.capacity {
            guard let oldest = messages.firstIndex(where: { $0.role != .system }), oldest < messages.count - 1 else {
                messages.removeLast()
                throw .contextFull(needed: tokens.count + room, capacity: cache.capacity)
            }
            messages.remove(at: oldest)
            forgotOlderMessages = true
            tokens = promptTokens()
        }
        var shared = 0
        while shared < min(tokens.count, cachedTokens.count, cache.count), tokens[shared] == cachedTokens[shared] {
            shared += 1
        }
        // Re-run at least the last prompt token: its logits are what the answer starts from.
        shared = min(shared, tokens.count - 1)
        cache.truncate(to: shared)
        let result = try generator.generate(
            prompt: Array(tokens[shared...]), cache: cache, history: Array(tokens[..<shared]), maxTokens: maxTokens,
            sampler: &sampler, cancellation: cancellation, onText: onText)
        let answer = generator.tokenizer.decode(result.tokens)
        messages.append(ChatMessage(role: .assistant, content: answer))
        cachedTokens = Array((tokens + result.tokens).prefix(cache.count))
        return result
    }

    /// Starts over, keeping the system message.
    public func reset() {
        messages = messages.filter { $0.role == .system }
        cachedTokens = []
        cache.truncate(to: 0)
    }

    private func promptTokens() -> [TokenID] {
        // The template writes any BOS itself, and its markers are control tokens.
        generator.tokenizer.encode(template.render(messages), addSpecial: false, parseSpecial: true)
    }
}
