// A llama.cpp server (`llama-server`) set up as a service or running now, and what its flags say:
// the model it loads (and whether that file is there), the port, and the layers sent to the GPU.

public struct LlamaServerFacts: Codable, Sendable, Equatable {
    /// Where it was found, in words: "service /etc/systemd/system/llama.service" or "running process".
    public var origin: String
    /// `-m`/`--model`; nil when it downloads by `-hf` or names no model.
    public var modelPath: String?
    /// The model file exists and is a file; nil when no path was given or it could not be checked.
    public var modelExists: Bool?
    /// `--port` (8080 when not given).
    public var port: Int
    /// `--host` when given.
    public var host: String?
    /// `-ngl`/`--n-gpu-layers` as written (`99`, `auto`, `all`); nil when not given.
    public var gpuLayers: String?

    public init(origin: String, modelPath: String? = nil, modelExists: Bool? = nil, port: Int = 8080, host: String? = nil, gpuLayers: String? = nil) {
        self.origin = origin
        self.modelPath = modelPath
        self.modelExists = modelExists
        self.port = port
        self.host = host
        self.gpuLayers = gpuLayers
    }
}
