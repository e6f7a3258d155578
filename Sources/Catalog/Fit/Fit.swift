// Whether a model file fits this machine: memory, with a margin for the prediction's error, at the
// longest useful context that fits (a shorter one rather than none, said so), and disk space for
// the download.

public struct Fit: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        /// Fits in memory at `need.context` and the download fits on disk.
        case fits
        /// Does not fit in memory (with the margin) even at `minimumContext`.
        case tooLittleMemory
        /// Fits in memory, but the download does not fit on the disk.
        case tooLittleDisk
        /// The probe could not read how much memory is free.
        case memoryUnknown
    }

    public let verdict: Verdict
    /// At the chosen context when it fits, else at `minimumContext`.
    public let need: MemoryNeed
    /// The context the user would want (the model's, up to `preferredContext`).
    public let wantedContext: Int
    public let downloadBytes: Int64
    /// Free space where models go; nil when unknown (then the disk is not held against the model).
    public let diskFreeBytes: Int64?

    /// True when the model fits only with a shorter context than `wantedContext`.
    public var contextShortened: Bool { verdict == .fits && need.context < wantedContext }

    /// Contexts longer than this rarely help a chat and cost memory.
    public static let preferredContext = 8192
    /// Below this (about 3,000 words) a conversation with a system prompt loses its beginning
    /// within a few turns; llama.cpp's tools default to it.
    public static let minimumContext = 4096
    /// The memory prediction is checked to within 15 % (scripts/check-predictions), so a model
    /// must fit with that much to spare.
    public static let safetyMarginPercent: Int64 = 15
    /// Room beyond the file itself for a partial download and the store's bookkeeping.
    public static let diskMargin: Int64 = 256 << 20

    public init(verdict: Verdict, need: MemoryNeed, wantedContext: Int, downloadBytes: Int64, diskFreeBytes: Int64?) {
        self.verdict = verdict
        self.need = need
        self.wantedContext = wantedContext
        self.downloadBytes = downloadBytes
        self.diskFreeBytes = diskFreeBytes
    }

    /// Tries the wanted context, then halves it down to `minimumContext`.
    public static func check(
        _ model: CatalogModel, file: ModelFile, budget: MemoryBudget?, diskFreeBytes: Int64?,
        preferredContext: Int = preferredContext
    ) -> Fit {
        let wanted = max(1, min(model.contextLength, preferredContext))
        let floor = min(wanted, minimumContext)
        var context = wanted
        var need = MemoryNeed.of(model, file: file, context: context)
        func result(_ verdict: Verdict) -> Fit {
            Fit(verdict: verdict, need: need, wantedContext: wanted, downloadBytes: file.sizeBytes, diskFreeBytes: diskFreeBytes)
        }
        guard let budget else { return result(.memoryUnknown) }
        func fits(_ need: MemoryNeed) -> Bool {
            need.totalBytes + need.totalBytes * safetyMarginPercent / 100 <= budget.usableBytes
        }
        while !fits(need) && context > floor {
            context = max(floor, context / 2)
            need = MemoryNeed.of(model, file: file, context: context)
        }
        guard fits(need) else { return result(.tooLittleMemory) }
        if let disk = diskFreeBytes, file.sizeBytes + diskMargin > disk { return result(.tooLittleDisk) }
        return result(.fits)
    }
}
