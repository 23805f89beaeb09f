import Foundation
package import Kafka
package import Logging
import Synchronization

/// Produces to and reads back from topics of a test broker, with the project's own Kafka wrapper.
package struct TopicClient {
    package let brokers: String
    package let logger: Logger = {
        var logger = Logger(label: "integration-tests")
        logger.logLevel = .warning
        return logger
    }()

    package init(brokers: String) { self.brokers = brokers }

    package var kafka: KafkaConfiguration {
        KafkaConfiguration(bootstrapServers: brokers.split(separator: ",").map(String.init), clientID: "integration-tests")
    }

    /// Produces messages and waits for every acknowledgement.
    package func produce(_ messages: [KafkaProducerMessage]) async throws {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: logger)
        let reports = try await producer.produce(messages)
        await producer.shutdown()
        let failures = reports.compactMap(\.error)
        guard failures.isEmpty else { throw TestFailure("produce failed: \(failures.prefix(3))") }
    }

    /// Reads a topic from the beginning until `count` messages arrived (then `settle` longer, to catch
    /// unexpected extra ones), or throws after `timeout`.
    ///
    /// Every partition is assigned directly, with no consumer group: a reader that had to join a group on
    /// the mock cluster was once seen to get no partition within 90 s (2026-11-23/24), which failed a test
    /// whose worker had done its job.
    package func read(_ topic: String, count: Int, timeout: Duration = .seconds(90), settle: Duration = .zero) async throws -> [KafkaMessage] {
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: logger)
        let partitions = try await producer.partitionCount(of: topic, timeout: .seconds(30))
        await producer.shutdown()
        guard let partitions else { throw TestFailure("read \(topic): no such topic") }
        var configuration = KafkaConsumerConfiguration(kafka: kafka, groupID: "reader-\(UUID().uuidString)")
        configuration.autoOffsetReset = .earliest
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        try await consumer.assign((0..<partitions).map {
            KafkaTopicPartitionOffset(topic: topic, partition: KafkaPartition(rawValue: Int32($0)), offset: .beginning)
        })
        let collected = Mutex<[KafkaMessage]>([])
        let reader = Task {
            for try await message in consumer.messages {
                collected.withLock { $0.append(message) }
            }
        }
        defer { reader.cancel() }
        let deadline = ContinuousClock.now + timeout
        while collected.withLock({ $0.count }) < count {
            guard ContinuousClock.now < deadline else {
                await consumer.close()
                throw TestFailure("read \(topic): \(collected.withLock { $0.count }) of \(count) messages within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        if settle > .zero { try await Task.sleep(for: settle) }
        await consumer.close()
        return collected.withLock { $0 }
    }
}

extension KafkaMessage {
    /// A header's value as text.
    package func header(_ key: String) -> String? {
        headers.last { $0.key == key }?.value.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value decoded as a JSON object.
    package var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(value))) as? [String: Any] ?? [:]
    }
}
