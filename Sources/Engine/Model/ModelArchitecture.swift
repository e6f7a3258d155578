// What one GGUF architecture does differently from the plain llama decoder, declared once:
// its tensors (`TensorSpec`), RoPE style, feed-forward activation and the few switches the
// forward pass reads. Each architecture is a small file in Architectures/; `all` is the one
// table of what the engine runs, which the loader, the error messages and the catalog read.

public struct ModelArchitecture: Sendable, Equatable {
    /// Which elements of a head RoPE rotates together.
    public enum RopeStyle: Sendable, Equatable {
        /// Adjacent pairs (x0, x1), (x2, x3)… (llama.cpp's "normal" RoPE).
        case adjacentPairs
        /// The two halves of the rotated part, (x0, x_{d/2}), (x1, x_{d/2+1})… (llama.cpp's NEOX).
        case halves
    }

    /// The gated feed-forward's activation: act(gate) · up.
    public enum Activation: Sendable, Equatable {
        case silu
        /// GELU, tanh approximation, read from a table of f16 inputs as ggml does.
        case geluTanh
    }

    /// Where the attention's 1/√d scale is applied.
    public enum QueryScaling: Sendable, Equatable {
        /// To the dot products, inside the softmax (llama, Qwen).
        case inSoftmax
        /// To the query vectors before attention (Phi-3, Gemma): rounds differently in an f16 cache.
        case onQuery
    }

    /// Sliding-window attention on all but every `pattern`-th layer, whose RoPE uses its own base.
    struct SlidingWindowRule: Sendable, Equatable {
        let pattern: Int
        let localRopeBase: Float
    }

    /// `general.architecture` in the GGUF file.
    public let name: String
    /// Model families people know it by, for messages ("Qwen 2.5").
    public let families: String
    let ropeStyle: RopeStyle
    let activation: Activation
    let queryScaling: QueryScaling
    /// Token embeddings are multiplied by √(embedding length) (Gemma).
    let scalesEmbedding: Bool
    let slidingWindow: SlidingWindowRule?
    /// d in the attention's 1/√d scale (the head size, except where an architecture says otherwise).
    let attentionScaleLength: @Sendable (ModelHyperparameters) -> Int
    /// The tensors outside the layers (embedding, final norm, output, RoPE factors).
    let modelTensors: [TensorSpec]
    /// The tensors of each layer `blk.N.`.
    let layerTensors: [TensorSpec]
    /// Tensors whose presence means a variant the engine does not run, with the reason.
    let refusedTensors: [String: String]
    /// The longest trained context of this architecture's files the engine runs, where longer ones
    /// need something it refuses (Phi-3's 128k files carry LongRoPE factors): the catalog reads it so
    /// it never recommends a download the engine will refuse.
    let longestTrainedContext: Int?

    init(
        name: String, families: String, ropeStyle: RopeStyle, activation: Activation = .silu,
        queryScaling: QueryScaling = .inSoftmax, scalesEmbedding: Bool = false,
        slidingWindow: SlidingWindowRule? = nil,
        attentionScaleLength: @escaping @Sendable (ModelHyperparameters) -> Int = { $0.headDimension },
        modelTensors: [TensorSpec] = TensorSpec.llamaModel,
        layerTensors: [TensorSpec], refusedTensors: [String: String] = [:], longestTrainedContext: Int? = nil
    ) {
        self.name = name
        self.families = families
        self.ropeStyle = ropeStyle
        self.activation = activation
        self.queryScaling = queryScaling
        self.scalesEmbedding = scalesEmbedding
        self.slidingWindow = slidingWindow
        self.attentionScaleLength = attentionScaleLength
        self.modelTensors = modelTensors
        self.layerTensors = layerTensors
        self.refusedTensors = refusedTensors
        self.longestTrainedContext = longestTrainedContext
    }

    /// An architecture is known by its GGUF name; the table holds each name once.
    public static func == (a: ModelArchitecture, b: ModelArchitecture) -> Bool { a.name == b.name }

    /// Every architecture the engine runs.
    public static let all: [ModelArchitecture] = [.llama, .qwen2, .qwen3, .phi3, .gemma3]

    public static func named(_ name: String) -> ModelArchitecture? {
        all.first { $0.name == name }
    }

    public static var supportedNames: Set<String> { Set(all.map(\.name)) }

    /// Architecture name → the longest trained context the engine runs, for those that have a limit.
    public static var trainedContextLimits: [String: Int] {
        Dictionary(uniqueKeysWithValues: all.compactMap { arch in arch.longestTrainedContext.map { (arch.name, $0) } })
    }

    /// "llama (SmolLM2, Llama 3, Mistral), qwen2 (Qwen 2 and 2.5), …" for messages.
    static var supportedSummary: String {
        all.map { "\($0.name) (\($0.families))" }.joined(separator: ", ")
    }
}
