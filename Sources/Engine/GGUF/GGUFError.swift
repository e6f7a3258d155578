// Why a model file was refused, in words a non-expert can act on.
// Every problem names the file, what is wrong and where, and what to do about it.

public struct GGUFError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of problem it is, for code that reacts differently to each (and for tests).
    public enum Problem: String, Sendable, Equatable, CaseIterable {
        case cannotOpen
        case notGGUF
        case unsupportedVersion
        case truncated
        case countTooLarge
        case emptyKey
        case duplicateKey
        case invalidValueType
        case badAlignment
        case badTensorName
        case duplicateTensorName
        case tooManyDimensions
        case negativeDimension
        case tooManyElements
        case unknownTensorType
        case unsupportedTensorType
        case rowNotWholeBlocks
        case misalignedTensorData
        case tensorDataPastEnd
        case overlappingTensors
        case missingMetadata
        case wrongMetadataType
        case badMetadataValue
        case unsupportedArchitecture
        case missingTensor
        case wrongTensorShape
        case wrongTensorType
        case vocabularyMismatch
    }

    public let problem: Problem
    public let message: String

    public init(_ problem: Problem, _ message: String) {
        self.problem = problem
        self.message = message
    }

    public var description: String { message }

    /// Advice for structural damage: nothing the user can fix inside the file.
    static let damagedAdvice = "The file is damaged or was not written correctly; download it again or choose another file."
    /// Advice when the file simply stops too soon.
    static let incompleteAdvice = "The download is probably incomplete; download the file again."
    /// Advice when a size in the file exceeds what follows: a cut-off file and a corrupt size look alike.
    static let incompleteOrDamagedAdvice = "The file is incomplete (an interrupted download) or damaged; download it again."
}
