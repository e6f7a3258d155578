// The Recommend step: the models that suit this computer, best first, each with the memory it
// needs and the speed to expect (the same recommendation `onramp recommend` prints); the others
// dimmed with the reason. Enter takes the highlighted one to the Download step.
import Catalog
import PlainText
import TUI

public struct RecommendProgress: Equatable, Sendable {
    public var answers: SetupAnswers
    /// This opening's number: a recommendation made for an opening the user left is ignored.
    public var run: Int
    public var recommendation: Recommendation?
    /// Why no recommendation could be made, in plain words.
    public var problem: String?
    public var selected = 0
    /// First line shown of the highlighted model's details; nil while the list shows.
    public var detailOffset: Int?
    /// Said after Enter on a model that does not suit.
    public var note: String?

    public init(answers: SetupAnswers, run: Int = 0) {
        self.answers = answers
        self.run = run
    }

    var candidates: [Candidate] { recommendation?.candidates ?? [] }
    var highlighted: Candidate? { candidates.indices.contains(selected) ? candidates[selected] : nil }
}

struct RecommendScreen: ScreenProgram {
    var progress: RecommendProgress
    var journey: Journey

    var screen: Screen { .recommend(progress, in: journey) }
    /// `--yes` takes the best model (suitable ones come first, so it is the first row).
    var autoAnswer: AutoAnswer? {
        if progress.problem != nil { return .fail }
        guard let recommendation = progress.recommendation else { return nil }
        guard recommendation.best != nil, progress.candidates.first?.isSuitable == true else { return .fail }
        return progress.selected == 0 && progress.detailOffset == nil ? .key(.enter) : .key(.home)
    }
    var accepting: String? {
        guard let best = progress.candidates.first else { return nil }
        return progress.selected == 0 && progress.detailOffset == nil
            ? "the best model for this computer, \(best.model.name) (\(best.file.quantization))"
            : "the best model: moving to the top of the list"
    }
    var title: (text: String, detail: String?) { Self.stepTitle(.recommend, journey) }

    /// The recommendation is made afresh for each opening, from the scanned facts.
    func opened(_ context: ScreenContext) -> (Screen, [Command<WizardMessage>]) {
        var fresh = RecommendProgress(answers: progress.answers, run: context.opening)
        guard let services = context.models, let facts = progress.answers.facts else {
            fresh.problem = "Onramp has no scan of this computer to recommend from. Go back and scan it first."
            return (.recommend(fresh, in: journey), [])
        }
        let run = context.opening
        return (.recommend(fresh, in: journey), [.perform { .recommended(await services.recommend(facts), run: run) }])
    }

    func update(_ input: ScreenInput, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var progress = progress
        switch input {
        case .message(.recommended(let result, let run)) where run == progress.run:
            switch result {
            case .success(let recommendation): progress.recommendation = recommendation
            case .failure(let problem): progress.problem = problem.message
            }
            return (.stay(.recommend(progress, in: journey)), [])
        case .message:
            return (.stay(screen), [])
        case .key(let key):
            if progress.detailOffset != nil {
                return (.stay(.recommend(Self.detailsAfter(key, progress, size: context.size), in: journey)), [])
            }
            progress.note = nil
            switch key {
            case .escape:
                return (.back, [])
            case .enter:
                return choose(progress, context)
            case .right, .character("d"):
                if progress.highlighted != nil { progress.detailOffset = 0 }
            case .character(let c) where c.wholeNumberValue.map { (1...progress.candidates.count).contains($0) } == true:
                progress.selected = (c.wholeNumberValue ?? 1) - 1
                return choose(progress, context)
            default:
                progress.selected = SelectionList.moved(progress.selected, by: key, count: progress.candidates.count, page: 5)
            }
            return (.stay(.recommend(progress, in: journey)), [])
        }
    }

    /// A model that suits goes on to the download; one that does not stays, with why.
    private func choose(_ progress: RecommendProgress, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var progress = progress
        guard let candidate = progress.highlighted else { return (.stay(.recommend(progress, in: journey)), []) }
        guard candidate.isSuitable else {
            progress.note = "\(candidate.model.name) is not for this computer now: \(candidate.reason)"
            return (.stay(.recommend(progress, in: journey)), [])
        }
        var answers = progress.answers
        answers.choice = candidate
        answers.modelPath = nil
        answers.selfTest = nil
        return (.open(context.flow.screen(after: .recommend, in: journey, answers: answers)), Self.save(.download, answers, context))
    }

    /// Inside the details: Esc, Enter, Left or b go back to the list, other keys scroll.
    static func detailsAfter(_ key: Key, _ progress: RecommendProgress, size: Size) -> RecommendProgress {
        var progress = progress
        switch key {
        case .escape, .enter, .left, .backspace, .character("b"):
            progress.detailOffset = nil
        default:
            guard let candidate = progress.highlighted else { return progress }
            let lines = TextWrap.lines(details(candidate, progress.recommendation), width: max(1, size.width - 4)).count
            progress.detailOffset = TextViewer.scrolled(progress.detailOffset ?? 0, by: key, lineCount: lines, page: max(1, size.height - 5))
        }
        return progress
    }

    /// One short line per model (it shares 80 columns with the longest name): for those that suit,
    /// the memory it needs and its speed, "on disk" first when it is; for the others, why not.
    /// The download's size is in the details and on the Download screen.
    static func summary(_ candidate: Candidate, glyphs: Glyphs) -> String {
        guard candidate.isSuitable else { return shortReason(candidate.verdict) }
        let words = Amounts.rate(candidate.speed.generationWordsPerSecond)
        let line = "needs \(Amounts.gigabytes(candidate.fit.need.totalBytes))" + glyphs.separator + "\(words) words/s"
        return candidate.onDisk ? "on disk" + glyphs.separator + line : line
    }

    static func shortReason(_ verdict: Candidate.Verdict) -> String {
        switch verdict {
        case .suitable: "suits"
        case .engineCannotRun: "Onramp cannot run it yet"
        case .tooLittleMemory: "too little memory"
        case .tooLittleDisk: "too little disk space"
        case .tooSlow: "too slow here"
        case .unknown: "free memory unknown"
        }
    }

    /// Everything behind a model's place in the list: why, the file, memory and speed in numbers.
    static func details(_ candidate: Candidate, _ recommendation: Recommendation?) -> String {
        let need = candidate.fit.need
        let speed = candidate.speed
        var lines = [
            "\(candidate.model.name) (\(candidate.file.quantization))",
            "",
            candidate.reason,
            "",
            "File: \(candidate.file.fileName) from \(candidate.file.repository), \(Amounts.gigabytes(candidate.file.sizeBytes)) to download.",
            "Memory needed: \(Amounts.gigabytes(need.totalBytes)) in all: the model \(Amounts.gigabytes(need.weightsBytes)), "
                + "the conversation memory for \(Amounts.tokens(need.context)) tokens \(Amounts.gigabytes(need.kvCacheBytes)), "
                + "working memory \(Amounts.gigabytes(need.computeBytes + need.runtimeBytes)).",
        ]
        if let budget = recommendation?.budget {
            lines.append("Memory free for a model on this computer: \(Amounts.gigabytes(budget.usableBytes)).")
        }
        if let card = candidate.card {
            lines.append(RecommendationText.cardLine(card))
        }
        lines.append(
            "Speed: about \(Amounts.rate(speed.generationWordsPerSecond)) words per second when answering "
                + "(\(Amounts.rate(speed.generationRange.lowerBound * SpeedPrediction.wordsPerToken)) to "
                + "\(Amounts.rate(speed.generationRange.upperBound * SpeedPrediction.wordsPerToken))), "
                + "reading your message at about \(Amounts.rate(speed.promptTokensPerSecond)) tokens per second.")
        lines.append("Licence: \(candidate.model.license). Languages: \(candidate.model.languages.joined(separator: ", ")).")
        if let notes = recommendation?.notes, !notes.isEmpty {
            lines.append("")
            lines += notes
        }
        return lines.joined(separator: "\n")
    }

    func view(_ context: ViewContext, _ services: ScreenContext) -> Frame {
        let chrome = ScreenChrome(title: title.text, detail: title.detail, keys: keys(services, glyphs: context.glyphs))
        var (frame, body) = chrome.frame(context)
        if let offset = progress.detailOffset, let candidate = progress.highlighted {
            TextViewer(Self.details(candidate, progress.recommendation), offset: offset).draw(into: &frame, in: body, glyphs: context.glyphs)
            return frame
        }
        if let problem = progress.problem {
            Paragraph(problem).draw(into: &frame, in: body)
            return frame
        }
        guard let recommendation = progress.recommendation else {
            Paragraph("Measuring how fast this computer reads memory and runs Onramp's calculations, to predict each model's speed" + context.glyphs.ellipsis)
                .draw(into: &frame, in: body)
            return frame
        }
        var y = body.y
        let intro = recommendation.best == nil
            ? "No model in Onramp's catalog suits this computer yet; the reasons are beside each one."
            : "Best first for this computer. \(recommendation.suitable.count) suit it; the dimmed ones do not (reason beside each)."
        y += Paragraph(intro).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: 2)) + 1
        let below = 3
        let items = progress.candidates.map {
            SelectionList.Item($0.model.name, detail: Self.summary($0, glyphs: context.glyphs), enabled: $0.isSuitable)
        }
        let listHeight = max(1, body.maxY - y - below)
        SelectionList(items, selected: context.lineMode ? nil : progress.selected)
            .draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: listHeight), glyphs: context.glyphs)
        y += listHeight + 1
        let said = progress.note ?? progress.highlighted.map(\.reason) ?? ""
        Paragraph(said, style: progress.note == nil ? .dim : .bold)
            .draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: max(0, body.maxY - y)))
        return frame
    }

    func keys(_ context: ScreenContext, glyphs: Glyphs) -> ScreenKeys {
        if progress.detailOffset != nil {
            return ScreenKeys([.init("Esc", "Back to the list"), .init("PgUp/PgDn", "Scroll")], typed: "Type b to go back to the list, q to quit.")
        }
        guard !progress.candidates.isEmpty else { return ScreenKeys([.init("Esc", "Back")], typed: "Type b to go back, q to quit.") }
        // A key is one digit, so only the first nine are chosen by number (the arrows reach the rest).
        return ScreenKeys(
            [.init(glyphs.upDown, "Move"), .init("Enter/1-\(min(progress.candidates.count, 9))", "Choose"), .init("d", "Details"), .init("Esc", "Back")],
            typed: "Type a number to choose, d for details, b to go back, q to quit.")
    }

    func help(glyphs: Glyphs) -> String {
        """
        \(journey.title), step "\(Step.recommend.title)".

        \(Step.recommend.purpose) The memory is what the model, its conversation memory and working space need together; the speed is predicted from a short measurement of this computer (words per second while it answers). Models already downloaded come first.

        Enter chooses the highlighted model and goes on to download it. d shows its numbers and why it is ranked there. Dimmed models do not suit this computer now; the reason is beside each.
        """
    }
}
