// swift-tools-version:6.1
// Onramp: a terminal wizard that gets a local AI model running and verified.
// Dependencies point downward only (see docs/architecture.md); each module has a test target.
import PackageDescription

let package = Package(
    name: "Onramp",
    products: [
        .executable(name: "onramp", targets: ["onramp"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Fetch: streaming downloads (see DESIGN.md), SHA-256, and NIO for the loopback test server.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Already in the graph through async-http-client; named so Fetch can word TLS failures and
        // trust SSL_CERT_FILE, and the tests can run an https server and a CONNECT proxy.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // MARK: Plain text
        // Glyphs, word wrapping, numbers and byte counts, shell quoting: pure helpers every module
        // that writes for people shares, so each has one owner.
        .target(name: "PlainText"),
        .testTarget(name: "PlainTextTests", dependencies: ["PlainText"]),

        // MARK: Test support (used by test targets only)
        // `.onOwnThread`: long tests off Swift's shared pool, so the tests that wait on a server or a
        // terminal are not starved of threads.
        .target(name: "TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),

        // MARK: Terminal
        // Links ncursesw and tinfo through its modulemap; pkg-config's cflags are unsafe flags to SwiftPM.
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "TUI", dependencies: ["CNcurses", "PlainText"]),
        .testTarget(name: "TUITests", dependencies: ["TUI"], resources: [.copy("Golden")]),

        // MARK: Machine facts
        // Probe: facts, readers and the probe's logic, all through a `SystemSource` (a replayed profile
        // in tests); it reads no machine by itself. LiveMachine: the live machine behind that door
        // (`LiveSystem`, running programs, the capture, the CUDA test in this process). Only the shell
        // (Wizard, onramp) imports LiveMachine, so Doctor, Catalog and Report stay pure.
        .target(name: "Probe", dependencies: ["PlainText"]),
        .target(name: "LiveMachine", dependencies: ["Probe", "CProcessShim"]),
        // pipe2 and posix_spawn's closefrom, which Swift's Glibc module does not show, as checked C calls.
        .target(name: "CProcessShim"),
        // Both modules: the live channels are tested on this machine beside their replays.
        .testTarget(name: "ProbeTests", dependencies: ["TestSupport", "Probe", "LiveMachine"]),

        // MARK: Checks
        .target(name: "Doctor", dependencies: ["Probe", "PlainText"]),
        .testTarget(
            name: "DoctorTests",
            // LiveMachine only for tmux in the fix-in-a-terminal test; the Doctor target never imports it.
            dependencies: ["TestSupport", "Doctor", "Probe", "LiveMachine"],
            // Read from the source tree (profiles, goldens and fixtures are reviewed in diffs).
            exclude: ["Golden", "Fixtures"]
        ),

        // MARK: Models: catalog, fit, speed, ranking
        // The catalog's JSON is reviewed as a file and compiled in as a string (BundledCatalog.swift, made
        // by scripts/update-catalog): a SwiftPM resource bundle is looked up beside the executable on
        // Linux, so a copied or installed `onramp` would lose it.
        .target(name: "Catalog", dependencies: ["Probe", "PlainText", "Engine"], exclude: ["Resources"]),
        .testTarget(
            name: "CatalogTests",
            dependencies: ["TestSupport", "Catalog", "Probe", "Engine"],
            exclude: ["Golden"]  // read in place via #filePath
        ),

        // MARK: Inference engine
        .target(name: "Engine", dependencies: ["CX86Kernels", "PlainText"]),
        // x86 SIMD kernels; each function carries its own target attribute and is entered only
        // after run-time CPU feature checks, so the target itself needs no special flags.
        .target(name: "CX86Kernels"),
        .testTarget(
            name: "EngineTests",
            // CX86Kernels: the tests read the C kernels' shared constants (onramp_tensor_types.h).
            dependencies: ["TestSupport", "Engine", "CX86Kernels"],
            exclude: [
                "Fixtures/Hostile",  // read in place via #filePath, also the fuzzer's seed corpus
                "Fixtures/Tokenizer",  // llama.cpp's answers, read in place via #filePath
                "Fixtures/Kernels",  // llama.cpp's matrix products, read in place via #filePath
                "Fixtures/Generation",  // llama.cpp reference outputs, read in place via #filePath
                "Fixtures/KQuant",  // K-quant models and llama.cpp's logits, read in place via #filePath
                "Fixtures/Architectures",  // tiny qwen2/qwen3/phi3/llama3 models and llama.cpp's outputs
                "Fixtures/Gemma3",  // llama.cpp's outputs on the Gemma 3 test model
            ]
        ),

        // MARK: Graphics card (Vulkan compute)
        // VulkanBackend also holds the self-test's checks of the card (SelfTest's check and report
        // types), which the shell hands to the self-test: SelfTest itself never sees the card.
        // Vulkan's C types from the system's headers (libvulkan-dev) with VK_NO_PROTOTYPES, so nothing
        // links the loader: VulkanBackend opens libvulkan.so.1 with dlopen and Onramp runs without it.
        // Also the committed SPIR-V (shaders.c, made by scripts/compile-shaders).
        .target(name: "CVulkan"),
        .target(name: "VulkanBackend", dependencies: ["CVulkan", "Engine", "PlainText", "SelfTest"], exclude: ["Shaders"]),
        .testTarget(name: "VulkanBackendTests", dependencies: ["VulkanBackend", "Engine", "SelfTest", "TestSupport"]),

        // MARK: Self-test (kernels against their references, the model end to end)
        .target(name: "SelfTest", dependencies: ["Engine"]),
        .testTarget(name: "SelfTestTests", dependencies: ["SelfTest", "Engine"]),

        // MARK: Downloads and the model store
        .target(
            name: "Fetch",
            dependencies: [
                "Engine", "PlainText", "Catalog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "FetchTests",
            dependencies: [
                "TestSupport",
                "Fetch",
                // The wizard's download (LiveModelStore) is tested here, against this target's server.
                "Wizard", "Catalog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // MARK: Diagnostics report (redacted Markdown/JSON, replayable bundles)
        .target(name: "Report", dependencies: ["Probe", "Doctor", "SelfTest", "PlainText"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["TestSupport", "Report", "Probe", "Doctor", "SelfTest"],
            exclude: ["Golden", "Fixtures"]  // read in place via #filePath
        ),

        // MARK: Wizard and the executable
        .target(name: "Wizard", dependencies: ["TUI", "Probe", "LiveMachine", "Doctor", "Catalog", "Fetch", "Engine", "SelfTest", "Report", "PlainText"]),
        .testTarget(
            name: "WizardTests",
            dependencies: ["Wizard", "TUI", "Doctor", "Probe", "Catalog", "Fetch", "SelfTest", "Report"],
            exclude: ["Golden"]  // read in place via #filePath
        ),
        .executableTarget(
            name: "onramp",
            dependencies: [
                "Wizard", "TUI", "Probe", "LiveMachine", "Doctor", "Engine", "SelfTest", "Catalog", "Fetch", "Report", "VulkanBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Runs the built binary (in tmux, through pipes); finds it via ONRAMP_BIN.
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
