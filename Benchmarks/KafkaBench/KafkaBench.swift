import ArgumentParser
import Foundation
import Kafka
import KafkaTesting
import Logging

/// `kafkabench`: raw consume/produce throughput of the Kafka wrapper, next to kcat's, on the same
/// broker and the same messages.
///
/// Each round: our producer sends N messages of S bytes (fire-and-forget `send`, then `flush`;
/// partitions round-robin, because librdkafka 2.0.2's mock keeps only ~5 MB per partition),
/// `kcat -P` produces the same messages from a file; then our consumer and `kcat -C -e` each read
/// the N messages our producer wrote. Wall times include client start-up and shutdown for both
/// (kcat's include process start). Release build:
/// `swift build -c release --scratch-path .build-kafka --product kafkabench`.
@main
struct KafkaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafkabench",
        abstract: "Throughput of the Kafka wrapper against kcat on the same broker and messages."
    )

    @Option(help: "Bootstrap servers of an existing cluster (default: start a librdkafka mock cluster).")
    var brokers: String?

    @Option(name: .shortAndLong, help: "Messages per run.")
    var messages: Int = 200_000

    @Option(name: .shortAndLong, help: "Value size in bytes.")
    var size: Int = 100

    @Option(help: "Partitions of each benchmark topic (mock cluster only).")
    var partitions: Int = 8

    @Option(help: "Rounds; the table shows the median.")
    var rounds: Int = 3

    @Option(help: "Extra first rounds, run (both clients) but left out of the table.")
    var warmup: Int = 1

    @Option(help: "kcat executable.")
    var kcat: String = "kcat"

    @Flag(help: "Skip kcat (ours only).")
    var skipKcat = false

    @Option(name: .customLong("producer-property"), help: "KEY=VALUE librdkafka producer property, for both clients (repeatable).")
    var producerProperties: [String] = []

    @Option(name: .customLong("consumer-property"), help: "KEY=VALUE librdkafka consumer property, for both clients (repeatable).")
    var consumerProperties: [String] = []

    @Flag(help: "Print phase timings of our clients.")
    var verbose = false

    @Option(help: "Give up a consume run after this many seconds.")
    var consumeTimeout: Int = 120

    func validate() throws {
        guard messages > 0, size > 0, rounds > 0, partitions > 0 else { throw ValidationError("messages, size, rounds and partitions must be positive") }
        if brokers == nil, messages * size / partitions > 4_000_000 {
            throw ValidationError("the mock keeps only ~5 MB per partition: use more --partitions (or --brokers)")
        }
        for property in producerProperties + consumerProperties where !property.contains("=") {
            throw ValidationError("expected KEY=VALUE, got \(property)")
        }
    }

    func run() async throws {
        var logger = Logger(label: "kafkabench")
        logger.logLevel = ProcessInfo.processInfo.environment["KAFKABENCH_TRACE"] != nil ? .trace : .notice
        let cluster: MockCluster? = brokers == nil ? try MockCluster(brokers: 1) : nil
        let bootstrap = brokers ?? cluster!.bootstrapServersString
        print("librdkafka \(LibrdkafkaVersion.runtime), brokers \(bootstrap)\(cluster != nil ? " (mock)" : ""), \(messages) messages x \(size) B, \(partitions) partitions, \(rounds) rounds")

        // Same librdkafka producer settings for both clients.
        let kafka = KafkaConfiguration(bootstrapServers: bootstrap.split(separator: ",").map(String.init), clientID: "kafkabench")
        var producerConfig = KafkaProducerConfiguration(kafka: kafka)
        producerConfig.maxQueuedMessages = 100_000
        let extraProducer = Self.parse(producerProperties)
        let extraConsumer = Self.parse(consumerProperties)
        producerConfig.kafka.properties.merge(extraProducer) { $1 }
        var sharedProducerProps = [
            "enable.idempotence": producerConfig.idempotent ? "true" : "false",
            "linger.ms": String(producerConfig.linger.components.seconds * 1000 + producerConfig.linger.components.attoseconds / 1_000_000_000_000_000),
            "compression.type": producerConfig.compression,
            "queue.buffering.max.messages": String(producerConfig.maxQueuedMessages),
        ]
        sharedProducerProps.merge(extraProducer) { $1 }

        let value = [UInt8](repeating: UInt8(ascii: "x"), count: size)
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("kafkabench-\(UUID().uuidString).txt")
        do {
            var line = value
            line.append(UInt8(ascii: "\n"))
            var data = Data(capacity: (size + 1) * messages)
            for _ in 0..<messages { data.append(contentsOf: line) }
            try data.write(to: inputFile)
        }
        defer { try? FileManager.default.removeItem(at: inputFile) }

        var results: [String: [Double]] = [:]
        for round in (1 - warmup)...rounds {
            let ours = "bench-ours-\(UUID().uuidString.prefix(8))"
            let theirs = "bench-kcat-\(UUID().uuidString.prefix(8))"
            if let cluster {
                try await cluster.createTopic(ours, partitions: partitions)
                try await cluster.createTopic(theirs, partitions: partitions)
            }

            let produceOurs = try await measure {
                let producer = try KafkaProducer(configuration: producerConfig, logger: logger)
                // Round-robin over partitions so each stays under the mock's per-partition log limit.
                for index in 0..<messages {
                    try await producer.send(KafkaProducerMessage(topic: ours, partition: KafkaPartition(rawValue: Int32(index % partitions)), value: value))
                }
                let enqueued = ContinuousClock.now
                try await producer.flush(timeout: .seconds(120))
                let flushed = ContinuousClock.now
                let failed = producer.failedCount
                await producer.shutdown()
                if verbose { print("  produce ours: flush \(enqueued.duration(to: flushed)), shutdown \(flushed.duration(to: .now))") }
                if failed > 0 { throw ValidationError("\(failed) messages failed") }
            }
            results["produce ours", default: []].append(produceOurs)

            if !skipKcat {
                var args = ["-P", "-b", bootstrap, "-t", theirs, "-l", inputFile.path]
                for (key, value) in sharedProducerProps.sorted(by: { $0.key < $1.key }) { args += ["-X", "\(key)=\(value)"] }
                let produceKcat = try await measure { try runProcess(kcat, args) }
                results["produce kcat", default: []].append(produceKcat)
            }

            let consumeOurs = try await measure {
                var config = KafkaConsumerConfiguration(kafka: kafka, groupID: "bench-\(UUID().uuidString.prefix(8))")
                config.kafka.properties.merge(extraConsumer) { $1 }
                config.commitStrategy = .manual
                config.emitPartitionEOF = true  // like kcat -e: done when every partition reported its end
                let consumer = try KafkaConsumer(configuration: config, logger: logger)
                try await consumer.assign((0..<partitions).map { KafkaTopicPartitionOffset(topic: ours, partition: KafkaPartition(rawValue: Int32($0)), offset: .beginning) })
                let expected = messages
                let watchdog = Task {
                    try await Task.sleep(for: .seconds(consumeTimeout))
                    print("consume timed out; lag: \((try? consumer.cachedLag()) ?? [])")
                    await consumer.close()
                }
                var count = 0
                var bytes = 0
                let started = ContinuousClock.now
                var first = started
                for try await message in consumer.messages {
                    if count == 0 { first = .now }
                    count += 1
                    bytes += message.value.count
                    if count == expected { break }
                }
                // Wait for end-of-partition on all partitions, as kcat -e does.
                let partitionCount = partitions
                let ends = Dictionary(uniqueKeysWithValues: (0..<partitionCount).map { partition in
                    (Int32(partition), Int64((expected - partition + partitionCount - 1) / partitionCount))
                })
                var reachedEnd = Set<Int32>()
                for await event in consumer.events {
                    if case .partitionEOF(let position) = event, ends[position.partition.rawValue] == position.offset.rawValue {
                        reachedEnd.insert(position.partition.rawValue)
                        if reachedEnd.count == partitionCount { break }
                    }
                }
                let last = ContinuousClock.now
                watchdog.cancel()
                await consumer.close()
                if verbose { print("  consume ours: first message after \(started.duration(to: first)), all after \(first.duration(to: last)) more, close \(last.duration(to: .now))") }
                if count != messages || bytes != messages * size { throw ValidationError("consumed \(count) messages, \(bytes) bytes") }
            }
            results["consume ours", default: []].append(consumeOurs)

            if !skipKcat {
                var args = ["-C", "-b", bootstrap, "-t", ours, "-o", "beginning", "-e", "-q"]
                for (key, value) in extraConsumer.sorted(by: { $0.key < $1.key }) { args += ["-X", "\(key)=\(value)"] }
                let consumeKcat = try await measure { try runProcess(kcat, args) }
                results["consume kcat", default: []].append(consumeKcat)
            }
            let line = results.keys.sorted().map { "\($0) \(String(format: "%.3f", results[$0]!.last!)) s" }.joined(separator: ", ")
            print("round \(round)\(round < 1 ? " (warm-up, not counted)" : ""): \(line)")
            if round < 1 { results = [:] }
        }
        await cluster?.shutdown()

        print("")
        print("| operation | client | seconds (median) | msgs/s | MB/s | ours/kcat |")
        print("|---|---|---:|---:|---:|---:|")
        for operation in ["produce", "consume"] {
            let ourSeconds = median(results["\(operation) ours"]!)
            let kcatSeconds = results["\(operation) kcat"].map(median)
            for (client, seconds) in [("ours", ourSeconds), ("kcat", kcatSeconds)] {
                guard let seconds else { continue }
                let rate = Double(messages) / seconds
                let megabytes = Double(messages * size) / seconds / 1_000_000
                let ratio = client == "ours" ? kcatSeconds.map { String(format: "%.2f", $0 / ourSeconds) } ?? "-" : ""
                print("| \(operation) | \(client) | \(String(format: "%.3f", seconds)) | \(Int(rate)) | \(String(format: "%.1f", megabytes)) | \(ratio) |")
            }
        }
    }
}

extension KafkaBench {
    static func parse(_ properties: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for property in properties {
            let parts = property.split(separator: "=", maxSplits: 1)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }
}

private func measure(_ body: () async throws -> Void) async throws -> Double {
    let start = ContinuousClock.now
    try await body()
    let elapsed = start.duration(to: .now)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Runs a process to completion, its stdout discarded; throws on a non-zero exit.
private func runProcess(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ValidationError("\(executable) exited with \(process.terminationStatus)") }
}
