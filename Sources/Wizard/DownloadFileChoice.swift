// The Download screen's third way out of a failed or stopped download (besides trying again and
// choosing another model): use a model another program already downloaded. `u` lists the GGUF
// files found on this computer, the chosen file's name first when it is among them; Enter imports
// the highlighted one (checked and linked into the store, as `onramp import` does) and the set-up
// goes on with it.
import Catalog
import Fetch
import PlainText
import TUI

extension DownloadScreen {
    func lookForFiles(_ state: DownloadState, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var state = state
        guard let services = context.models else { return (.stay(.download(state, in: journey)), []) }
        state.pageBeforeFiles = state.phase
        state.phase = .lookingForFiles
        let run = state.run
        return (.stay(.download(state, in: journey)), [.perform { .filesFound(await services.found(), run: run) }])
    }

    /// Keys while looking, choosing and importing: Esc goes back to the page `u` left (an import,
    /// once started, runs to its end: it only reads the file and links it).
    func chooseFile(_ key: Key, _ state: DownloadState, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var state = state
        switch (state.phase, key) {
        case (.importing, _):
            break
        case (_, .escape):
            state.phase = state.pageBeforeFiles ?? .failed("No model was chosen.")
            state.pageBeforeFiles = nil
        case (.choosingFile(let files, let selected), .enter) where files.indices.contains(selected):
            return importFile(files[selected], state, context)
        case (.choosingFile(let files, _), .character(let c)) where c.wholeNumberValue.map { (1...min(files.count, 9)).contains($0) } == true:
            return importFile(files[(c.wholeNumberValue ?? 1) - 1], state, context)
        case (.choosingFile(let files, let selected), _):
            state.phase = .choosingFile(files, selected: SelectionList.moved(selected, by: key, count: files.count, page: 5))
        default:
            break
        }
        return (.stay(.download(state, in: journey)), [])
    }

    private func importFile(_ model: FoundModel, _ state: DownloadState, _ context: ScreenContext) -> (Navigation, [Command<WizardMessage>]) {
        var state = state
        guard let services = context.models else { return (.stay(.download(state, in: journey)), []) }
        state.phase = .importing(model)
        let run = state.run
        return (.stay(.download(state, in: journey)), [.perform { .fileImported(await services.importFound(model), run: run) }])
    }

    /// The file the chosen model would have downloaded comes first, then the rest by name.
    static func ordered(_ found: [FoundModel], for file: ModelFile?) -> [FoundModel] {
        let wanted = file?.fileName.lowercased()
        return found.filter { $0.problem == nil }.sorted { a, b in
            let aWanted = a.fileName.lowercased() == wanted
            let bWanted = b.fileName.lowercased() == wanted
            if aWanted != bWanted { return aWanted }
            return a.name.lowercased() < b.name.lowercased()
        }
    }

    /// `home`: paths under it are shown from "~".
    func drawFileChoice(into frame: inout Frame, from top: Int, in body: Rect, _ context: ViewContext, home: String?) {
        var y = top
        func say(_ text: String, style: Style = .plain) {
            guard y < body.maxY else { return }
            y += Paragraph(text, style: style).draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: body.maxY - y)) + 1
        }
        switch state.phase {
        case .lookingForFiles:
            say("Looking for models other programs downloaded (Ollama, LM Studio, the Hugging Face cache, GPT4All, ~/Downloads)" + context.glyphs.ellipsis)
        case .choosingFile(let files, _) where files.isEmpty:
            say("No model downloaded by another program was found on this computer (Onramp looks in Ollama, LM Studio, the Hugging Face cache, llama.cpp's cache, GPT4All and ~/Downloads).")
            say("If the .gguf file is somewhere else, run onramp import PATH in another terminal, then open Set up again: the model is then in Onramp's store.")
            say("Press Esc to go back.", style: .bold)
        case .choosingFile(let files, let selected):
            say("Models other programs downloaded. The one you choose is checked (that it is a GGUF model, and its sha256) and linked into Onramp's store, without a copy.")
            let items = files.map { model in
                let detail = [model.tool.displayName, NumberText.bytes(model.sizeBytes), model.architecture].compactMap { $0 }
                    .joined(separator: context.glyphs.separator)
                return SelectionList.Item(model.name, detail: detail, enabled: true)
            }
            let listHeight = max(1, min(files.count, body.maxY - y - 2))
            SelectionList(items, selected: context.lineMode ? nil : selected)
                .draw(into: &frame, in: Rect(x: body.x, y: y, width: body.width, height: listHeight), glyphs: context.glyphs)
            y += listHeight + 1
            if files.indices.contains(selected) { say("File: \(HomePath.shown(files[selected].path, home: home))", style: .dim) }
        case .importing(let model):
            say("Checking \(model.name) from \(model.tool.displayName) (that it is a GGUF model, and its sha256) and linking it into Onramp's store" + context.glyphs.ellipsis)
        case .imported(let model, let path):
            say("\(model.name) from \(model.tool.displayName) is checked and in Onramp's store (linked, not copied).")
            say("File: \(HomePath.shown(path, home: home))", style: .dim)
            say("Press Enter to use it and go on to the self-test.", style: .bold)
        default:
            break
        }
    }

    func fileChoiceKeys(glyphs: Glyphs) -> ScreenKeys {
        switch state.phase {
        case .choosingFile(let files, _) where !files.isEmpty:
            // A key is one digit, so only the first nine are chosen by number (the arrows reach the rest).
            ScreenKeys(
                [.init(glyphs.upDown, "Move"), .init("Enter/1-\(min(files.count, 9))", "Use it"), .init("Esc", "Back")],
                typed: "Type a number to use that model, b to go back, q to quit.")
        case .importing:
            ScreenKeys([], typed: "Type q to quit.")
        default:
            ScreenKeys([.init("Esc", "Back")], typed: "Type b to go back, q to quit.")
        }
    }
}
