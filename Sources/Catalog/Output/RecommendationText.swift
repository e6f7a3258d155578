// `onramp recommend` for people: the pick with its reason, other models that would work, and
// (all, or a count of) the ones that would not, with theirs.

public enum RecommendationText {
    /// Models shown under "Also suitable" unless `all`.
    static let alsoSuitableLimit = 4

    public static func render(_ recommendation: Recommendation, all: Bool) -> String {
        var lines: [String] = []
        let goal = words(for: recommendation.goal)
        if let best = recommendation.best {
            lines.append("Best for \(goal) on this computer:")
            lines += entry(best)
        } else {
            lines.append("No model in Onramp's catalog suits \(goal) on this computer yet.")
        }
        let others = Array(recommendation.suitable.dropFirst())
        if !others.isEmpty {
            lines.append("")
            lines.append("Also suitable:")
            for candidate in all ? others : Array(others.prefix(alsoSuitableLimit)) { lines += entry(candidate) }
            if !all && others.count > alsoSuitableLimit {
                lines.append("  … and \(others.count - alsoSuitableLimit) more (--all lists them).")
            }
        }
        let unsuitable = recommendation.unsuitable
        if !unsuitable.isEmpty {
            lines.append("")
            if all {
                lines.append("Not for this computer now:")
                for candidate in unsuitable { lines += entry(candidate) }
            } else {
                lines.append("\(unsuitable.count) other models do not fit, are too slow, or do not run in Onramp yet (--all says why).")
            }
        }
        lines.append("")
        lines += recommendation.notes
        return lines.joined(separator: "\n") + "\n"
    }

    /// `onramp recommend --model FILE`: whether that one file suits this computer, and why.
    public static func renderFile(_ recommendation: Recommendation) -> String {
        var lines: [String] = []
        let goal = words(for: recommendation.goal)
        for candidate in recommendation.candidates {
            lines.append("\(candidate.file.fileName) \(candidate.isSuitable ? "suits" : "does not suit") \(goal) on this computer:")
            lines += entry(candidate)
        }
        lines.append("")
        lines += recommendation.notes
        return lines.joined(separator: "\n") + "\n"
    }

    private static func words(for goal: Goal) -> String {
        switch goal {
        case .chat: "chatting"
        case .code: "writing code"
        case .fast: "quick answers"
        }
    }

    private static func entry(_ candidate: Candidate) -> [String] {
        [
            "  \(candidate.model.name) — \(candidate.file.quantization), \(Amounts.gigabytes(candidate.file.sizeBytes)) \(candidate.onDisk ? "file" : "download")",
            "    \(candidate.reason)",
        ] + (candidate.card.map { ["    " + cardLine($0)] } ?? [])
    }

    /// What the graphics card would hold of the model, by the engine's offload rule.
    public static func cardLine(_ card: CardFit) -> String {
        let free = Amounts.gigabytes(card.availableBytes)
        if card.whole {
            return "On the graphics card (\(card.device)) every layer fits: \(Amounts.gigabytes(card.bytes)) of its \(free) free."
        }
        if card.layers > 0 {
            return "On the graphics card (\(card.device)) \(card.layers) of \(card.totalLayers) layers fit in its \(free) free; "
                + "the processor computes the rest."
        }
        return "The graphics card (\(card.device)) has \(free) free, too little for one layer: the processor computes it all."
    }
}
