import ArgumentParser
import Foundation
import Kafka
import KafkaTesting
import Logging
import NewsWorker
import ServiceLifecycle

/// `newsworker demo`: the whole product in one process on an embedded broker, as a readable table.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start an embedded Kafka mock cluster, publish the seeds, run the worker, print the records.",
        discussion: """
            Publishes every file of --seeds to the input topic (key = file name without extension), runs the \
            worker (the same code as `newsworker run`) until every record is out, prints them as a table with \
            the metrics endpoint's URL and a few of its values, then shuts down gracefully.
            """
    )

    @Option(help: "Folder of article files to publish.")
    var seeds = "seeds"

    @Option(help: "Seconds to wait for the records before giving up.")
    var timeout = 90

    func run() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds).filter { !$0.hasPrefix(".") }.sorted()
        guard !files.isEmpty else { throw ValidationError("no files in \(seeds)") }
        var logger = Logger(label: "newsworker.demo")
        logger.logLevel = .warning
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }

        let cluster = try MockCluster(brokers: 1)
        var configuration = WorkerConfiguration()
        configuration.worker.id = "demo"
        configuration.worker.shutdownGraceSeconds = 10
        configuration.kafka.brokers = cluster.bootstrapServersString
        configuration.kafka.group = "newsworker-demo"
        configuration.http.listen = "127.0.0.1:0"
        // The 2.0.2 mock holds every fetch for fetch.wait.max.ms even when data is there (docs/operations.md,
        // "Throughput, latency and memory"): a short wait, as a real broker's answer would be.
        configuration.kafka.properties["fetch.wait.max.ms"] = "10"
        // One input partition: the seeds are processed in file order, so the verdicts read naturally.
        try await cluster.createTopic(configuration.kafka.inputTopic, partitions: 1)
        try await cluster.createTopic(configuration.dedup.sharedLogTopic, partitions: 1)
        let outputPartitions = 3
        for topic in [configuration.kafka.outputTopic, configuration.kafka.dlqTopic] {
            try await cluster.createTopic(topic, partitions: outputPartitions)
        }
        print("embedded Kafka mock cluster at \(cluster.bootstrapServersString) (librdkafka \(LibrdkafkaVersion.runtime))")

        let kafka = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers, clientID: "newsworker-demo")
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: logger)
        let messages = try files.map { name in
            KafkaProducerMessage(
                topic: configuration.kafka.inputTopic,
                key: Array((name as NSString).deletingPathExtension.utf8),
                value: Array(try Data(contentsOf: URL(fileURLWithPath: seeds).appendingPathComponent(name)))
            )
        }
        let reports = try await producer.produce(messages)
        guard reports.allSatisfy(\.isSuccess) else { throw ValidationError("could not publish the seeds: \(reports.compactMap(\.error))") }
        await producer.shutdown()
        print("published \(messages.count) articles to \(configuration.kafka.inputTopic)")

        let port = PortBox()
        let worker = WorkerApplication(configuration: configuration, logger: logger) { await port.set($0) }
        let group = ServiceGroup(services: [worker], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let records = try await Self.readRecords(
                count: messages.count, topic: configuration.kafka.outputTopic, partitions: outputPartitions, kafka: kafka, logger: logger, timeout: timeout
            )
            Self.printTable(records)
            let httpPort = await port.value
            print("\nmetrics endpoint: http://127.0.0.1:\(httpPort)/metrics")
            // The gauges (readiness, index size) are refreshed once a second: the records can be out before.
            var metricsText = try await Self.fetch(port: httpPort, path: "/metrics")
            for _ in 0..<20 where !metricsText.contains("newsworker_ready 1") || metricsText.contains("newsworker_dedup_index_articles 0.0") {
                try await Task.sleep(for: .milliseconds(250))
                metricsText = try await Self.fetch(port: httpPort, path: "/metrics")
            }
            for line in metricsText.split(separator: "\n") where Self.interesting(line) {
                print("  " + line)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        await cluster.shutdown()
        print("\nworker stopped cleanly")
    }

    /// Reads `count` records from the output topic with a consumer of its own, assigned every partition from the
    /// start: no consumer group to join (a reader joining one on the mock cluster was once seen to get nothing
    /// for 90 s while the worker had done its job).
    static func readRecords(count: Int, topic: String, partitions: Int, kafka: KafkaConfiguration, logger: Logger, timeout: Int) async throws -> [DemoRecord] {
        let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: kafka, groupID: "newsworker-demo-reader"), logger: logger)
        try await consumer.assign((0..<partitions).map {
            KafkaTopicPartitionOffset(topic: topic, partition: KafkaPartition(rawValue: Int32($0)), offset: .beginning)
        })
        defer { Task { await consumer.close() } }
        let deadline = ContinuousClock.now + .seconds(timeout)
        return try await withThrowingTaskGroup(of: [DemoRecord].self) { tasks in
            tasks.addTask {
                var records: [DemoRecord] = []
                for try await message in consumer.messages {
                    records.append(try JSONDecoder().decode(DemoRecord.self, from: Data(message.value)))
                    if records.count == count { break }
                }
                return records
            }
            tasks.addTask {
                try await Task.sleep(until: deadline)
                throw ValidationError("timed out after \(timeout) s waiting for \(count) records")
            }
            let result = try await tasks.next()!
            tasks.cancelAll()
            return result
        }
    }

    static func printTable(_ records: [DemoRecord]) {
        let rows: [[String]] = records.sorted { $0.id < $1.id }.map { record in
            [
                String(record.id.prefix(3)),
                clip(record.title ?? "—", 48),
                record.language,
                clip(record.entities.prefix(4).map(\.name).joined(separator: ", "), 44),
                record.dedup.status,
                String(record.dedup.cluster.prefix(3)),
            ]
        }
        let header = ["id", "title", "lang", "entities", "verdict", "cluster"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        print("\n" + line(header))
        print(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        rows.forEach { print(line($0)) }
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func interesting(_ line: Substring) -> Bool {
        !line.hasPrefix("#") && !line.hasSuffix(" 0") && (line.hasPrefix("newsworker_messages_") || line.hasPrefix("newsworker_dedup_verdicts_total")
            || line.hasPrefix("newsworker_ready") || line.hasPrefix("newsworker_dedup_index_articles"))
    }

    /// A plain HTTP/1.1 GET on loopback (no FoundationNetworking: it would keep the binary from linking
    /// the Swift runtime statically), done on a thread of its own since the socket calls block.
    static func fetch(port: Int, path: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard fd >= 0, connected == 0 else {
                    continuation.resume(throwing: ValidationError("cannot connect to 127.0.0.1:\(port)"))
                    return
                }
                let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
                _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
                var response: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if count <= 0 { break }
                    response += buffer[0..<count]
                }
                let text = String(decoding: response, as: UTF8.self)
                continuation.resume(returning: text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
            }
        }
    }
}

/// The fields of an enriched record the demo table shows.
struct DemoRecord: Decodable, Sendable {
    struct Entity: Decodable, Sendable { var name: String }
    struct Dedup: Decodable, Sendable {
        var status: String
        var cluster: String
    }

    var id: String
    var title: String?
    var language: String
    var entities: [Entity]
    var dedup: Dedup
}

/// The HTTP port, once the endpoint listens.
actor PortBox {
    private var port: Int?
    private var waiters: [CheckedContinuation<Int, Never>] = []

    func set(_ value: Int) {
        port = value
        waiters.forEach { $0.resume(returning: value) }
        waiters.removeAll()
    }

    var value: Int {
        get async {
            if let port { return port }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }
}
