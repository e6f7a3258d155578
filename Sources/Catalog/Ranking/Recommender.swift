// Ranks the catalog for one machine and goal: models the engine runs, that fit with headroom
// and reach a usable speed, most capable first (files already on disk before downloads); every
// other model stays in the list with the reason it was passed over.

import Probe

public enum Recommender {
    /// Quantisations in the order Onramp prefers them: Q4_K_M keeps quality close to the
    /// original at a third of its size; larger ones only when the smaller is not published.
    static let quantizationPreference = ["Q4_K_M", "Q5_K_M", "Q4_K_S", "Q4_1", "Q6_K", "Q8_0", "Q5_0", "Q4_0"]

    /// - Parameters:
    ///   - engineArchitectures: GGUF architectures Onramp's engine runs (the engine's own list).
    ///   - engineContextLimits: for some of those, the longest trained context the engine runs (the
    ///     engine's own table): a model trained for longer is marked as one the engine cannot run.
    ///   - onDisk: file names already downloaded; such models come first when they qualify.
    ///   - preferredContext: the longest context worth its memory (`--context`); each model gets
    ///     up to this much, less when it is trained for less or does not fit.
    public static func recommend(
        catalog: ModelCatalog, facts: MachineFacts, speed: MachineSpeed, goal: Goal,
        engineArchitectures: Set<String>, engineContextLimits: [String: Int] = [:], onDisk: Set<String> = [],
        preferredContext: Int = Fit.preferredContext
    ) -> Recommendation {
        let budget = MemoryBudget.from(facts.memory)
        let disk = facts.disks.first { $0.purpose == "models" }?.availableBytes.map { Int64(clamping: $0) }
        func judge(_ models: [CatalogModel]) -> [Candidate] {
            models.map {
                candidate(
                    $0, budget: budget, disk: disk, speed: speed, goal: goal, engineArchitectures: engineArchitectures,
                    engineContextLimits: engineContextLimits, onDisk: onDisk, preferredContext: preferredContext,
                    card: facts.drivers.vulkan.engineCard?.device)
            }
        }
        var notes: [String] = []
        var candidates = judge(catalog.models.filter(goal.suits))
        if goal == .code, !candidates.contains(where: \.isSuitable) {
            notes.append(
                "No code model runs on this computer with Onramp yet, so these are general models; they write code too, less well.")
            let codeIDs = Set(candidates.map(\.model.id))
            candidates += judge(catalog.models.filter { Goal.chat.suits($0) && !codeIDs.contains($0.id) })
        }
        let order = Dictionary(uniqueKeysWithValues: catalog.models.enumerated().map { ($1.id, $0) })
        candidates.sort { a, b in
            if a.isSuitable != b.isSuitable { return a.isSuitable }
            if a.isSuitable {
                if a.onDisk != b.onDisk { return a.onDisk }
                if a.model.parameters != b.model.parameters { return a.model.parameters > b.model.parameters }
            } else {
                if rank(a.verdict) != rank(b.verdict) { return rank(a.verdict) < rank(b.verdict) }
                if a.model.parameters != b.model.parameters { return a.model.parameters < b.model.parameters }
            }
            return order[a.model.id, default: 0] < order[b.model.id, default: 0]
        }
        notes += RecommendationNotes.general(budget: budget, speed: speed, facts: facts)
        return Recommendation(goal: goal, budget: budget, speed: speed, candidates: candidates, notes: notes)
    }

    /// One model file the user already has, described from its own header rather than the
    /// catalog: judged by the same fit, speed and reason as a catalog model, as a file on disk.
    public static func recommend(
        file model: CatalogModel, facts: MachineFacts, speed: MachineSpeed, goal: Goal,
        engineArchitectures: Set<String>, engineContextLimits: [String: Int] = [:],
        preferredContext: Int = Fit.preferredContext
    ) -> Recommendation {
        let budget = MemoryBudget.from(facts.memory)
        let disk = facts.disks.first { $0.purpose == "models" }?.availableBytes.map { Int64(clamping: $0) }
        let judged = candidate(
            model, budget: budget, disk: disk, speed: speed, goal: goal, engineArchitectures: engineArchitectures,
            engineContextLimits: engineContextLimits, onDisk: Set(model.files.map(\.fileName)), preferredContext: preferredContext,
            card: facts.drivers.vulkan.engineCard?.device)
        return Recommendation(
            goal: goal, budget: budget, speed: speed, candidates: [judged],
            notes: RecommendationNotes.general(budget: budget, speed: speed, facts: facts))
    }

    /// Closest misses first: a model that is only slow is nearer to working than one that cannot run.
    private static func rank(_ verdict: Candidate.Verdict) -> Int {
        switch verdict {
        case .suitable: 0
        case .tooSlow: 1
        case .tooLittleDisk: 2
        case .tooLittleMemory: 3
        case .unknown: 4
        case .engineCannotRun: 5
        }
    }

    static func preferredFiles(of model: CatalogModel) -> [ModelFile] {
        model.files.sorted { a, b in
            let ia = quantizationPreference.firstIndex(of: a.quantization) ?? quantizationPreference.count
            let ib = quantizationPreference.firstIndex(of: b.quantization) ?? quantizationPreference.count
            return ia != ib ? ia < ib : a.sizeBytes < b.sizeBytes
        }
    }

    static func candidate(
        _ model: CatalogModel, budget: MemoryBudget?, disk: Int64?, speed: MachineSpeed, goal: Goal,
        engineArchitectures: Set<String>, engineContextLimits: [String: Int] = [:], onDisk: Set<String>,
        preferredContext: Int = Fit.preferredContext, card: EngineGraphicsCard.Device? = nil
    ) -> Candidate {
        let files = preferredFiles(of: model)
        func judge(_ file: ModelFile) -> Candidate {
            let fit = Fit.check(model, file: file, budget: budget, diskFreeBytes: disk, preferredContext: preferredContext)
            let prediction = SpeedPrediction.predict(model, file: file, on: speed)
            let isOnDisk = onDisk.contains(file.fileName)
            let verdict: Candidate.Verdict
            let contextLimit = engineContextLimits[model.architecture].flatMap { model.contextLength > $0 ? $0 : nil }
            if !engineArchitectures.contains(model.architecture) || contextLimit != nil {
                verdict = .engineCannotRun
            } else {
                switch fit.verdict {
                case .memoryUnknown: verdict = .unknown
                case .tooLittleMemory: verdict = .tooLittleMemory
                case .tooLittleDisk: verdict = isOnDisk ? .suitable : .tooLittleDisk
                case .fits: verdict = prediction.generationTokensPerSecond >= goal.minimumTokensPerSecond ? .suitable : .tooSlow
                }
            }
            var reason = RecommendationReason.text(
                verdict: verdict, model: model, fit: fit, speed: prediction, budget: budget, goal: goal, onDisk: isOnDisk)
            if let contextLimit, engineArchitectures.contains(model.architecture) {
                reason = "Onramp's engine runs \(model.architecture) models trained for up to \(Amounts.tokens(contextLimit)) tokens; "
                    + "this one is trained for \(Amounts.tokens(model.contextLength)), which needs position scaling it does not have yet."
            }
            return Candidate(
                model: model, file: file, verdict: verdict, fit: fit, speed: prediction, onDisk: isOnDisk, reason: reason,
                card: card.map { CardFit.plan(model, file: file, context: fit.need.context, card: $0) })
        }
        let judged = files.map(judge)
        if let downloaded = judged.first(where: { $0.isSuitable && $0.onDisk }) { return downloaded }
        if let suitable = judged.first(where: \.isSuitable) { return suitable }
        // Nothing qualifies: show the smallest file, the one that came closest.
        return judged.min { $0.file.sizeBytes < $1.file.sizeBytes } ?? judged[0]
    }
}
