// swift-tools-version: 6.1
import PackageDescription

// The BERT trainer's element-wise loops (GELU, softmax, LayerNorm, dropout, AdamW) vectorise to
// 8-lane AVX2 with FMA instead of 4-lane SSE2 on x86-64: the same CPU level as the Haswell
// OpenBLAS kernels the trainer already relies on (any x86-64 CPU since 2013: Haswell, Zen).
#if arch(x86_64)
let bertSwiftSettings: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let bertSwiftSettings: [SwiftSetting] = []
#endif

// One module per stage of the flow (corpus → generation → contamination → BERT → experiments),
// all depending on AdeaugCore and never on each other; small system-library shims for the C
// libraries Debian ships; a thin `adeaug` executable that only parses options.
let package = Package(
    name: "adeaug",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "adeaug", targets: ["adeaug"]),
        .library(name: "AdeaugCore", targets: ["AdeaugCore"]),
        .library(name: "AdeaugCorpus", targets: ["AdeaugCorpus"]),
        .library(name: "AdeaugBERT", targets: ["AdeaugBERT"]),
        .library(name: "AdeaugContamination", targets: ["AdeaugContamination"]),
        .library(name: "AdeaugTransport", targets: ["AdeaugTransport"]),
        .library(name: "AdeaugHub", targets: ["AdeaugHub"]),
        .library(name: "AdeaugGeneration", targets: ["AdeaugGeneration"]),
        .library(name: "AdeaugExperiments", targets: ["AdeaugExperiments"]),
        .library(name: "AdeaugPipeline", targets: ["AdeaugPipeline"]),
        .library(name: "AdeaugServe", targets: ["AdeaugServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Reads the zip archive `torch.save` writes (pytorch_model.bin checkpoints).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // `adeaug serve`: the classifier behind a SageMaker-compatible HTTP endpoint.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CSnappy", path: "Sources/CSnappy", pkgConfig: "snappy",
            providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        // Named apart from ZIPFoundation's own `CZlib` module (clang module names must be unique).
        .systemLibrary(
            name: "CAdeaugZlib", path: "Sources/CAdeaugZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        // AES-256-GCM, SHA-256 and HMAC over Debian's OpenSSL libcrypto (libssl-dev), and the
        // SQLite VFS that encrypts workspace pages (hence libsqlite3 too).
        .target(name: "CAdeaugCrypto", linkerSettings: [.linkedLibrary("crypto"), .linkedLibrary("sqlite3")]),
        // The benchmarks' ceiling: a core's FP32 FMA throughput, next to what the products reach.
        .target(name: "CAdeaugFMAPeak"),
        .target(
            name: "AdeaugCore",
            dependencies: ["CSQLite", "CAdeaugCrypto", .product(name: "Logging", package: "swift-log")]),
        .target(name: "AdeaugCorpus", dependencies: ["AdeaugCore"]),
        .target(name: "AdeaugExperiments", dependencies: ["AdeaugCore"]),
        .target(
            name: "AdeaugBERT", dependencies: ["AdeaugCore", "COpenBLAS", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: bertSwiftSettings),
        .target(name: "AdeaugContamination", dependencies: ["AdeaugCore", "CSnappy", "CZstd", "CAdeaugZlib"]),
        // HTTP over libcurl, SigV4, AWS credentials and the KMS client: generation's requests and
        // the workspace's envelope keys both go through it.
        .target(name: "AdeaugTransport", dependencies: ["AdeaugCore", "CCurl"]),
        // `--model ORG/NAME[@REVISION]`: a checkpoint fetched from the Hugging Face Hub into its
        // cache layout over AdeaugTransport's libcurl, so AdeaugBERT itself never touches the network.
        .target(name: "AdeaugHub", dependencies: ["AdeaugCore", "AdeaugTransport"]),
        .target(
            name: "AdeaugGeneration",
            dependencies: ["AdeaugCore", "AdeaugTransport", .product(name: "Mustache", package: "swift-mustache")]),
        // The composition root: wires the stages together (BERT as the experiments' trainer,
        // contamination as generation's screen) and runs the whole flow from one config (whose
        // `serve:` section is AdeaugServe's settings).
        .target(
            name: "AdeaugPipeline",
            dependencies: [
                "AdeaugCore", "AdeaugCorpus", "AdeaugBERT", "AdeaugContamination", "AdeaugGeneration", "AdeaugExperiments",
                "AdeaugTransport", "AdeaugHub", "AdeaugServe", .product(name: "Yams", package: "Yams"),
            ]),
        // `adeaug serve`: the fine-tuned classifier behind a SageMaker-compatible HTTP endpoint
        // (/ping, /invocations, /metrics), requests gathered into shared forward passes.
        .target(
            name: "AdeaugServe",
            dependencies: [
                "AdeaugCore", "AdeaugBERT",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Test fakes: the loopback HTTP server the generation benchmark measures the client
        // against and the tests inject faults with; where ../shared's test data lives.
        .target(name: "AdeaugTestSupport"),
        // `adeaug bench …`: timings of each stage, kept out of the stages' own API (what they
        // need of a stage's internals is `package`, not `public`).
        .target(
            name: "AdeaugBenchmarks",
            dependencies: [
                "AdeaugCore", "AdeaugCorpus", "AdeaugBERT", "AdeaugContamination", "AdeaugTransport", "AdeaugGeneration", "AdeaugTestSupport",
                "AdeaugServe", "COpenBLAS", "CAdeaugFMAPeak", .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "adeaug",
            dependencies: [
                "AdeaugCore", "AdeaugCorpus", "AdeaugBERT", "AdeaugContamination", "AdeaugTransport", "AdeaugGeneration",
                "AdeaugExperiments", "AdeaugPipeline", "AdeaugBenchmarks", "AdeaugServe", "AdeaugHub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Unit tests (`make unit`): in-process, no llama.cpp, no `adeaug` executable.
        .testTarget(name: "AdeaugCoreTests", dependencies: ["AdeaugCore"]),
        // The command line's flags and adeaug.yaml must build the same library settings.
        .testTarget(
            name: "AdeaugCommandLineTests",
            dependencies: [
                "adeaug", "AdeaugPipeline", "AdeaugBERT", "AdeaugCorpus", "AdeaugGeneration", "AdeaugContamination", "AdeaugCore", "AdeaugServe",
            ]),
        .testTarget(name: "AdeaugCorpusTests", dependencies: ["AdeaugCorpus", "AdeaugCore", "AdeaugTestSupport"]),
        .testTarget(
            name: "AdeaugPipelineTests",
            dependencies: ["AdeaugPipeline", "AdeaugCore", "AdeaugExperiments", "AdeaugGeneration", "AdeaugGenerationFixtures", "AdeaugTestSupport"]),
        .testTarget(name: "AdeaugExperimentsTests", dependencies: ["AdeaugExperiments", "AdeaugCore", "AdeaugTestSupport"]),
        .testTarget(
            name: "AdeaugBERTTests",
            dependencies: ["AdeaugBERT", "AdeaugCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "AdeaugContaminationTests", dependencies: ["AdeaugContamination", "AdeaugCore", "AdeaugTestSupport"]),
        .testTarget(
            name: "AdeaugGenerationTests",
            dependencies: ["AdeaugGeneration", "AdeaugCore", "AdeaugTestSupport", "AdeaugGenerationFixtures"]),
        .testTarget(name: "AdeaugBenchmarksTests", dependencies: ["AdeaugBenchmarks", "AdeaugCore"]),
        .testTarget(
            name: "AdeaugServeTests",
            dependencies: ["AdeaugServe", "AdeaugBERT", "AdeaugCore", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "AdeaugHubTests", dependencies: ["AdeaugHub", "AdeaugTransport", "AdeaugCore", "AdeaugTestSupport"]),
        .testTarget(name: "AdeaugTransportTests", dependencies: ["AdeaugTransport", "AdeaugCore", "AdeaugTestSupport"]),
        // The generation tests' workspace and fake answers, shared by the unit and integration tests.
        .target(
            name: "AdeaugGenerationFixtures", dependencies: ["AdeaugCore", "AdeaugTransport", "AdeaugGeneration", "AdeaugTestSupport"],
            path: "Tests/AdeaugGenerationFixtures"),
        // Integration tests (`make integration`): they run the `adeaug` executable (killed
        // mid-write, the encrypted command line) and llama.cpp's llama-server.
        .testTarget(
            name: "AdeaugIntegrationTests",
            dependencies: [
                "adeaug", "AdeaugCore", "AdeaugCorpus", "AdeaugGeneration", "AdeaugBERT", "AdeaugTestSupport", "AdeaugGenerationFixtures",
                .product(name: "Logging", package: "swift-log"),
            ]),
    ]
)
