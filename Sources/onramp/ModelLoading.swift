// Reads a model file for run, chat and bench, saying so on a terminal when it takes over a second.
import Engine
import Foundation

enum ModelLoading {
    static func open(_ path: String, threads: Int) throws -> LoadedModel {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try TerminalProgress.whileSlow("Reading \(name)") {
            try LoadedModel.open(path: path, threads: threads, kernels: EngineSetup.kernels)
        }
    }
}
