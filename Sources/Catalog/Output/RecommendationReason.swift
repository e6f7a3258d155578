// The sentence that says why a model was, or was not, recommended.

enum RecommendationReason {
    static func text(
        verdict: Candidate.Verdict, model: CatalogModel, fit: Fit, speed: SpeedPrediction, budget: MemoryBudget?,
        goal: Goal, onDisk: Bool
    ) -> String {
        let spare = budget.map { Amounts.gigabytes($0.usableBytes) } ?? "?"
        let need = Amounts.gigabytes(fit.need.totalBytes)
        let words = "about \(Amounts.rate(speed.generationWordsPerSecond)) words per second"
        switch verdict {
        case .suitable:
            var text = "Needs \(need) of the \(spare) this computer can spare; \(words)."
            if fit.contextShortened {
                text += " Fits with a \(Amounts.tokens(fit.need.context))-token context (the model can use \(Amounts.tokens(fit.wantedContext)))."
            }
            if onDisk { text += " Already downloaded." }
            return text
        case .engineCannotRun:
            return "Onramp's engine does not run \(model.architecture) models yet."
        case .tooLittleMemory:
            let container = budget?.limitedByCgroup == true ? " (the container's memory limit)" : ""
            let safe = Amounts.gigabytes(fit.need.totalBytes + fit.need.totalBytes * Fit.safetyMarginPercent / 100)
            return "Needs \(need) even with a \(Amounts.tokens(fit.need.context))-token context (\(safe) with a safety margin); "
                + "this computer can spare \(spare)\(container)."
        case .tooLittleDisk:
            let free = fit.diskFreeBytes.map(Amounts.gigabytes) ?? "?"
            return "The \(Amounts.gigabytes(fit.downloadBytes)) download does not fit in the \(free) free where models are stored."
        case .tooSlow:
            return "Fits (\(need) of \(spare)), but would write only \(words); \(goal == .fast ? "too slow to feel quick" : "too slow to chat")."
        case .unknown:
            return "Onramp could not read how much memory is free, so it cannot tell whether this fits."
        }
    }
}
