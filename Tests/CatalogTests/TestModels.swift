// Small hand-made models and machines for the fit, speed and ranking tests, with numbers chosen so
// the expected results can be worked out by hand.

import Probe

@testable import Catalog

enum TestModels {
    /// A 7B-class model: 32 layers × 8 KV heads × 128 → 131,072 bytes of f16 KV cache per token;
    /// a 32,000-token vocabulary with its own output matrix (131,072,000 weights each).
    static let sevenB = model(
        "test-7b", architecture: "llama", parameters: 7_000_000_000, layers: 32, embedding: 4096, heads: 32, kvHeads: 8,
        headDimension: 128, context: 32768, fileBytes: 4_000_000_000, vocabulary: 32000, tied: false)
    /// Llama 3.2 1B's shape: 32,768 bytes of KV cache per token, output tied to the embedding.
    static let oneB = model(
        "test-1b", architecture: "llama", parameters: 1_235_814_432, layers: 16, embedding: 2048, heads: 32, kvHeads: 8,
        headDimension: 64, context: 131072, fileBytes: 807_694_464, vocabulary: 128_256, tied: true)

    static func model(
        _ id: String, architecture: String, parameters: Int64, layers: Int, embedding: Int, heads: Int, kvHeads: Int,
        headDimension: Int, context: Int, fileBytes: Int64, uses: [ModelUse] = [.chat], quantization: String = "Q4_K_M",
        vocabulary: Int = 32000, tied: Bool = true
    ) -> CatalogModel {
        CatalogModel(
            id: id, name: id, architecture: architecture, parameters: parameters, layers: layers, embeddingLength: embedding,
            headCount: heads, kvHeadCount: kvHeads, headDimension: headDimension, contextLength: context,
            license: "apache-2.0", languages: ["en"], uses: uses,
            files: [ModelFile(quantization: quantization, repository: "test/\(id)", fileName: "\(id).gguf", sizeBytes: fileBytes)],
            sources: ["hand-made for tests"], vocabularySize: vocabulary, tiedEmbeddings: tied)
    }

    static let gib: UInt64 = 1 << 30

    static func machine(
        total: UInt64, available: UInt64, swap: UInt64 = 0, cgroupLimit: UInt64? = nil, diskFree: UInt64 = 500_000_000_000
    ) -> MachineFacts {
        let cgroup = CgroupFacts(version: 2, memoryLimit: cgroupLimit.map { .limited($0) } ?? .unlimited)
        return MachineFacts(
            cpu: CPUFacts(architecture: "x86_64", physicalCores: 8, logicalCores: 16, features: [.avx, .avx2, .fma, .f16c]),
            memory: MemoryFacts(totalBytes: total, availableBytes: available, swapTotalBytes: swap, swapFreeBytes: swap, cgroup: cgroup),
            disks: [DiskFacts(purpose: "models", path: "/models", availableBytes: diskFree)])
    }

    /// 20 GB/s and 100 GFLOP/s.
    static let speed = MachineSpeed(
        memoryBandwidth: 20e9, generationFlops: 100e9, threads: 8, kernelPath: "avx2", origin: .measured, note: "test")
}
