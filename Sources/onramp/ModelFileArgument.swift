// The model file that run, chat and bench take first, checked for what can be told before
// reading it (the file itself is checked when it is opened, with its full path in any error).
import ArgumentParser

struct ModelFileArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The model file (.gguf).", valueName: "model"))
    var path: String

    func validate() throws {
        if path.isEmpty { throw ValidationError("The model path is empty; give the path of a .gguf file.") }
    }
}
