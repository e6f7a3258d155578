// Token counts checked against the model once it is read: a context beyond what the model was
// trained for, or a prompt that does not fit, is refused; an answer that would not fit is
// shortened, with a sentence saying so.

/// How much context to allocate and how many tokens to generate, after the model's limits.
struct TokenBudget: Equatable {
    var context: Int
    var tokens: Int
    /// Said to the user when `tokens` was lowered; nil when everything was used as given.
    var note: String?
}

enum ModelLimits {
    /// The context a chat keeps when none is asked for (the cache's default).
    static let defaultChatContext = 4096

    /// Refuses a --context larger than the context the model was trained for.
    static func checkContext(_ requested: Int?, trained: Int) throws(UsageProblem) {
        guard let requested, requested > trained else { return }
        throw UsageProblem(
            "--context \(requested) is more than this model was trained for (\(trained) tokens); "
                + "give at most \(trained), or leave --context out to use what the text needs.")
    }

    /// `onramp run`: the prompt must fit with room for one more token; the answer is shortened
    /// to the room left.
    static func run(requestedContext: Int?, trained: Int, promptTokens: Int, tokens: Int) throws(UsageProblem) -> TokenBudget {
        try checkContext(requestedContext, trained: trained)
        // Both terms are at most OptionRanges.maximumTokens or the prompt's length, so no overflow.
        let context = requestedContext ?? min(trained, promptTokens + tokens)
        let room = context - promptTokens
        guard promptTokens <= context, tokens == 0 || room > 0 else {
            let limit = requestedContext == nil ? "the \(trained) tokens this model was trained for" : "--context \(context)"
            throw UsageProblem(
                "The prompt is \(Self.tokens(promptTokens)), which leaves no room in \(limit). "
                    + (requestedContext == nil || context == trained
                        ? "Shorten the prompt."
                        : "Shorten the prompt or raise --context (this model allows up to \(trained))."))
        }
        guard tokens > room else { return TokenBudget(context: max(1, context), tokens: tokens, note: nil) }
        return TokenBudget(
            context: context, tokens: room,
            note: "-n \(tokens) lowered to \(room): the prompt (\(Self.tokens(promptTokens))) and the answer must fit in a context of \(context) tokens.")
    }

    /// `onramp chat`: one answer can be at most the whole context.
    static func chat(requestedContext: Int?, trained: Int, tokens: Int) throws(UsageProblem) -> TokenBudget {
        try checkContext(requestedContext, trained: trained)
        let context = requestedContext ?? min(trained, defaultChatContext)
        guard tokens > context else { return TokenBudget(context: context, tokens: tokens, note: nil) }
        return TokenBudget(
            context: context, tokens: context,
            note: "-n \(tokens) lowered to \(context): an answer cannot be longer than the context (\(context) tokens).")
    }

    /// `onramp bench`: each test fills a context of its own size, which must be one the model knows.
    static func checkBench(promptTokens: Int, generatedTokens: Int, trained: Int) throws(UsageProblem) {
        for (option, count) in [("-p", promptTokens), ("-n", generatedTokens)] where count > trained {
            throw UsageProblem(
                "\(option) \(count) is more tokens than this model was trained to hold (\(trained)); give at most \(trained).")
        }
    }

    private static func tokens(_ count: Int) -> String {
        count == 1 ? "1 token" : "\(count) tokens"
    }
}
