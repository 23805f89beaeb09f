// swift-tools-version:6.2
import PackageDescription

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "newsworker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "newsworker", targets: ["newsworker"]),
        .library(name: "NewsCore", targets: ["NewsCore"]),
        .library(name: "NewsDedup", targets: ["NewsDedup"]),
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "KafkaTesting", targets: ["KafkaTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    ],
    targets: [
        // Fingerprints and the dedup index: pure Swift, no dependencies, no I/O.
        .target(name: "NewsDedup", swiftSettings: upcoming),
        // Raw bytes -> Article -> EnrichedRecord: pure Swift, no I/O.
        .target(name: "NewsCore", dependencies: ["NewsDedup", "CLibXML2"], swiftSettings: upcoming),
        // libxml2's HTML parser from apt, through pkg-config: bytes -> DOM for HTML pages.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // librdkafka from apt, through pkg-config.
        .systemLibrary(name: "Crdkafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        // A thin, safe Swift wrapper over librdkafka.
        .target(
            name: "Kafka",
            dependencies: ["Crdkafka", .product(name: "Logging", package: "swift-log")],
            swiftSettings: upcoming
        ),
        // librdkafka's mock cluster API (rdkafka_mock.h): only KafkaTesting imports it.
        .systemLibrary(name: "CrdkafkaMock", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        // An in-process Kafka cluster (librdkafka's mock) for tests, `newsworker dev-broker` and the demo;
        // not for production code.
        .target(name: "KafkaTesting", dependencies: ["Kafka", "Crdkafka", "CrdkafkaMock"], swiftSettings: upcoming),
        // The daemon: pipeline, configuration, HTTP, metrics, lifecycle.
        .target(
            name: "NewsWorker",
            dependencies: [
                "NewsCore", "NewsDedup", "Kafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "newsworker",
            dependencies: [
                "NewsWorker", "NewsCore", "NewsDedup", "Kafka", "KafkaTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // Benchmarks and evaluation tools (release builds): `swift run -c release newsbench --help`.
        .executableTarget(
            name: "newsbench",
            dependencies: [
                "NewsCore", "NewsDedup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/NewsBench",
            swiftSettings: upcoming
        ),
        // Kafka wrapper throughput against kcat: `swift run -c release kafkabench --help`.
        .executableTarget(
            name: "kafkabench",
            dependencies: [
                "Kafka", "KafkaTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/KafkaBench",
            swiftSettings: upcoming
        ),
        // What the test targets share: seeds, random text, child processes (dev-broker, worker, Tansu), topic client.
        .target(
            name: "TestSupport",
            dependencies: ["Kafka", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport",
            swiftSettings: upcoming
        ),
        .testTarget(name: "NewsCoreTests", dependencies: ["NewsCore", "NewsDedup", "TestSupport"], swiftSettings: upcoming),
        .testTarget(name: "NewsDedupTests", dependencies: ["NewsDedup", "NewsCore", "TestSupport"], swiftSettings: upcoming),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "KafkaTesting", .product(name: "Logging", package: "swift-log")], swiftSettings: upcoming),
        .testTarget(name: "NewsWorkerTests", dependencies: ["NewsWorker", "Kafka", "NewsCore", "NewsDedup", "TestSupport", .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log")], swiftSettings: upcoming),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "NewsWorker", "Kafka", "NewsCore", "NewsDedup", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Scripts"],
            swiftSettings: upcoming
        ),
    ],
    swiftLanguageModes: [.v6]
)
