// Chooses the next token from the logits: repetition penalty, then top-k, top-p, min-p and
// temperature (llama.cpp's order), then a seeded draw. Greedy picks the highest score.

import Foundation

public struct Sampler: Sendable {
    public let settings: SamplingSettings
    private var random: SeededRandom

    public init(settings: SamplingSettings) {
        self.settings = settings
        random = SeededRandom(seed: settings.seed)
    }

    /// A token candidate: its id and its (adjusted) score.
    public struct Candidate: Equatable, Sendable {
        public var token: TokenID
        var logit: Float
        public init(token: TokenID, logit: Float) {
            self.token = token
            self.logit = logit
        }
    }

    /// The next token given this position's logits and the tokens so far.
    public mutating func next(logits: UnsafeBufferPointer<Float>, history: [TokenID]) -> TokenID {
        let penalised = Self.penalties(for: history, settings: settings)
        if settings.isGreedy {
            return Self.argmax(logits, penalties: penalised)
        }
        var candidates = Self.topK(logits, k: settings.topK, penalties: penalised)
        candidates = Self.topP(candidates, p: settings.topP)
        candidates = Self.minP(candidates, p: settings.minP)
        return Self.draw(candidates, temperature: settings.temperature, uniform: random.nextUnitInterval())
    }

    public mutating func next(logits: [Float], history: [TokenID]) -> TokenID {
        logits.withUnsafeBufferPointer { next(logits: $0, history: history) }
    }

    /// Token → multiplier on its score for recently seen tokens (llama.cpp's rule: a positive
    /// score is divided by the penalty, a negative one multiplied).
    static func penalties(for history: [TokenID], settings: SamplingSettings) -> [TokenID: Float] {
        guard settings.repeatPenalty != 1, settings.repeatWindow > 0 else { return [:] }
        var seen: [TokenID: Float] = [:]
        for token in history.suffix(settings.repeatWindow) { seen[token] = settings.repeatPenalty }
        return seen
    }

    @inline(__always)
    static func penalised(_ logit: Float, _ penalty: Float?) -> Float {
        guard let penalty else { return logit }
        return logit <= 0 ? logit * penalty : logit / penalty
    }

    /// The highest-scoring token; the lowest id wins a tie, as in llama.cpp.
    static func argmax(_ logits: UnsafeBufferPointer<Float>, penalties: [TokenID: Float]) -> TokenID {
        var best = 0
        var bestValue = -Float.infinity
        if penalties.isEmpty {
            for (token, value) in logits.enumerated() where value > bestValue {
                best = token
                bestValue = value
            }
            return TokenID(best)
        }
        for (token, raw) in logits.enumerated() {
            let value = penalised(raw, penalties[TokenID(token)])
            if value > bestValue {
                best = token
                bestValue = value
            }
        }
        return TokenID(best)
    }

    /// The k best candidates, highest score first (all of them when k is 0). Ties keep id order.
    public static func topK(_ logits: UnsafeBufferPointer<Float>, k: Int, penalties: [TokenID: Float] = [:]) -> [Candidate] {
        var all = logits.enumerated().map { Candidate(token: TokenID($0.offset), logit: penalised($0.element, penalties[TokenID($0.offset)])) }
        let keep = (k <= 0 || k > all.count) ? all.count : k
        all.sort { $0.logit > $1.logit || ($0.logit == $1.logit && $0.token < $1.token) }
        return Array(all.prefix(keep))
    }

    /// Probabilities of sorted candidates at temperature 1.
    static func probabilities(_ candidates: [Candidate]) -> [Double] {
        guard let top = candidates.first?.logit else { return [] }
        let exps = candidates.map { Foundation.exp(Double($0.logit - top)) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }

    /// The shortest prefix of sorted candidates whose probability reaches p (at least one).
    public static func topP(_ candidates: [Candidate], p: Float) -> [Candidate] {
        guard p < 1, !candidates.isEmpty else { return candidates }
        var total = 0.0
        for (index, probability) in probabilities(candidates).enumerated() {
            total += probability
            if total >= Double(p) { return Array(candidates.prefix(index + 1)) }
        }
        return candidates
    }

    /// Candidates at least p times as likely as the best (at least one).
    public static func minP(_ candidates: [Candidate], p: Float) -> [Candidate] {
        guard p > 0, let top = candidates.first?.logit else { return candidates }
        let threshold = top + logf(p)
        let kept = candidates.filter { $0.logit >= threshold }
        return kept.isEmpty ? [candidates[0]] : kept
    }

    /// Picks a candidate with probability softmax(logit / temperature), using `uniform` in [0, 1).
    static func draw(_ candidates: [Candidate], temperature: Float, uniform: Double) -> TokenID {
        guard let first = candidates.first else { return 0 }
        let scaled = candidates.map { Candidate(token: $0.token, logit: $0.logit / temperature) }
        let probabilities = probabilities(scaled)
        var cumulative = 0.0
        for (candidate, probability) in zip(candidates, probabilities) {
            cumulative += probability
            if uniform < cumulative { return candidate.token }
        }
        return candidates.last?.token ?? first.token
    }
}
