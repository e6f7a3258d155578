// The generation loop and chat sessions on the real test model: streamed text, stop reasons,
// cancellation, and the tokenizer agreeing with llama.cpp on the fixture prompts.

import Foundation
import Testing
import TestSupport
@testable import Engine

@Suite("Generation", .onOwnThread)
struct GenerationTests {
    static func loaded() throws -> LoadedModel {
        try LoadedModel.open(path: GGUFTestFiles.smolLM2, threads: 2)
    }

    @Test("the fixture prompts tokenize to llama.cpp's ids")
    func promptTokens() throws {
        let loaded = try Self.loaded()
        for item in try GenerationFixture.load().cases {
            let ids = loaded.tokenizer.encode(item.prompt, addSpecial: true, parseSpecial: false)
            #expect(ids == item.promptTokens, "\(item.prompt)")
        }
    }

    @Test("greedy generation streams llama.cpp's continuation and stops at the token limit")
    func greedy() throws {
        let loaded = try Self.loaded()
        let item = try GenerationFixture.load().cases[0]
        let generator = TextGenerator(model: loaded.model, tokenizer: loaded.tokenizer)
        var sampler = Sampler(settings: .greedy)
        var pieces: [String] = []
        let result = try generator.generate(
            prompt: item.promptTokens, cache: try loaded.model.makeCache(capacity: 64), maxTokens: 32, sampler: &sampler
        ) { pieces.append($0) }
        #expect(result.tokens == item.continuation)
        #expect(pieces.joined() == item.continuationText)
        #expect(pieces.count > 10)
        #expect(result.stopReason == .tokenLimit)
    }

    @Test("a raised cancellation flag stops before the next token")
    func cancellation() throws {
        let loaded = try Self.loaded()
        let generator = TextGenerator(model: loaded.model, tokenizer: loaded.tokenizer)
        var sampler = Sampler(settings: .greedy)
        let flag = CancellationFlag()
        var count = 0
        let result = try generator.generate(
            prompt: [504, 3575], cache: try loaded.model.makeCache(capacity: 64), maxTokens: 50, sampler: &sampler,
            cancellation: flag
        ) { _ in
            count += 1
            if count == 3 { flag.raise() }
        }
        #expect(result.stopReason == .cancelled)
        #expect(result.tokens.count == 3)
    }

    @Test("a full context ends generation with its own reason, not an error")
    func contextFull() throws {
        let loaded = try Self.loaded()
        let generator = TextGenerator(model: loaded.model, tokenizer: loaded.tokenizer)
        var sampler = Sampler(settings: .greedy)
        let result = try generator.generate(
            prompt: [504, 3575, 282], cache: try loaded.model.makeCache(capacity: 6), maxTokens: 50, sampler: &sampler)
        #expect(result.stopReason == .contextFull)
        #expect(result.tokens.count == 4)
    }

    @Test("a chat answers, ends its turn at <|im_end|>, and the next turn reuses the cached conversation")
    func chat() throws {
        let loaded = try Self.loaded()
        let template = try loaded.chatTemplate()
        let cache = try loaded.model.makeCache(capacity: 512)
        let session = ChatSession(
            generator: TextGenerator(model: loaded.model, tokenizer: loaded.tokenizer), template: template, cache: cache)
        var sampler = Sampler(settings: .greedy)
        var text = ""
        let first = try session.reply(to: "What is the capital of France?", maxTokens: 64, sampler: &sampler) { text += $0 }
        #expect(text.contains("Paris"))
        #expect(first.stopReason == .endOfGeneration)
        let second = try session.reply(to: "And of Italy?", maxTokens: 64, sampler: &sampler) { _ in }
        // Only the new turn is processed: far fewer tokens than the whole conversation.
        #expect(second.promptTokenCount < 20)
        #expect(session.messages.count == 4)
    }
}
