// swift-tools-version:6.1
// libFuzzer target for Onramp's GGUF reader and llama model-file validation.
// Separate from the root package because a fuzzer binary has no `main` of its own (libFuzzer
// supplies it), which would break the normal build. It compiles the reader's own sources
// (symlinked from ../Sources/Engine) so the rest of the engine stays out of the sanitised build.
// Build and run with ../scripts/fuzz-gguf.
import PackageDescription

let package = Package(
    name: "OnrampFuzz",
    targets: [
        .target(name: "GGUFUnderTest"),
        .executableTarget(name: "FuzzGGUF", dependencies: ["GGUFUnderTest"]),
    ]
)
