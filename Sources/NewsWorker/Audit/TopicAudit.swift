import Foundation
import Kafka
public import Logging
import Synchronization

/// `newsworker audit`: reads the input, output, dead-letter and fingerprint-log topics from their
/// beginning to their current end and accounts for every input (``AuditLedger``).
///
/// It never disturbs the worker's group: topics are read by direct partition assignment under a
/// throwaway group id that never joins and never commits, and the worker group's committed offsets
/// are only asked for (OffsetFetch), not changed.
///
/// The ends are taken in an order that keeps a running worker from producing false findings: the
/// committed offsets first, then the ends of the output and dead-letter topics, then the fingerprint
/// log, then the input. Whatever the group committed was emitted before, every record's input and
/// fingerprint were written before the record: each is within the ends read after it.
public struct TopicAudit: Sendable {
    public let configuration: WorkerConfiguration
    public let logger: Logger

    public init(configuration: WorkerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The topics read, as the report names them.
    public var topics: AuditReport.Topics {
        var outputs = [configuration.kafka.outputTopic]
        if configuration.kafka.duplicates == .route { outputs.append(configuration.kafka.duplicatesTopic) }
        return AuditReport.Topics(
            input: configuration.kafka.inputTopic, outputs: outputs, deadLetters: configuration.kafka.dlqTopic,
            fingerprintLog: configuration.dedup.sharedLogTopic.isEmpty ? nil : configuration.dedup.sharedLogTopic,
            group: configuration.kafka.group
        )
    }

    /// Reads every topic to the end it had when the audit started, and reports.
    /// - Parameter timeout: Bounds the whole read.
    /// - Throws: ``ConfigurationError`` naming the key of a topic the cluster does not have; ``KafkaError``
    ///   when the cluster does not answer; ``AuditTimeout`` when the topics could not be read in time.
    public func run(timeout: Duration = .seconds(300)) async throws -> AuditReport {
        let deadline = ContinuousClock.now + timeout
        var kafka = configuration.kafkaClientConfiguration(clientID: "newsworker-audit")
        // Never a static member: one with the worker's instance id would fence the worker out of its group.
        kafka.properties["group.instance.id"] = nil
        var readerConfiguration = KafkaConsumerConfiguration(kafka: kafka, groupID: "newsworker-audit-\(UUID().uuidString)")
        readerConfiguration.commitStrategy = .manual
        readerConfiguration.maxBufferedMessages = 256
        let reader = try KafkaConsumer(configuration: readerConfiguration, logger: logger)
        do {
            let report = try await read(with: reader, kafka: kafka, deadline: deadline)
            await reader.close()
            return report
        } catch {
            await reader.close()
            throw error
        }
    }

    private func read(with reader: KafkaConsumer, kafka: KafkaConfiguration, deadline: ContinuousClock.Instant) async throws -> AuditReport {
        let topics = self.topics
        let inputPartitions = try await partitions(of: topics.input, key: "kafka.input_topic", asking: reader)
        let committed = try await committedOffsets(of: inputPartitions, kafka: kafka)

        var ends: [KafkaTopicPartition: KafkaWatermarks] = [:]
        var roles: [String: Role] = [:]
        for (topic, key) in zip(topics.outputs, ["kafka.output_topic", "kafka.duplicates_topic"]) {
            roles[topic] = .output
            ends.merge(try await reader.watermarks(of: try await partitions(of: topic, key: key, asking: reader))) { $1 }
        }
        roles[topics.deadLetters] = .deadLetter
        ends.merge(try await reader.watermarks(of: try await partitions(of: topics.deadLetters, key: "kafka.dlq_topic", asking: reader))) { $1 }
        var logStart: KafkaOffset?
        if let log = topics.fingerprintLog {
            roles[log] = .fingerprint
            let logEnds = try await reader.watermarks(of: [KafkaTopicPartition(topic: log, partition: 0)])
            logStart = logEnds.values.first?.low
            ends.merge(logEnds) { $1 }
        }
        roles[topics.input] = .input
        let inputEnds = try await reader.watermarks(of: inputPartitions)
        ends.merge(inputEnds) { $1 }

        // Verdicts are checked only against the whole log: a replay from a later offset gives other verdicts.
        var ledger = AuditLedger(inputTopic: topics.input, dedup: logStart == 0 ? configuration.dedup.index : nil)
        for (partition, watermarks) in inputEnds {
            ledger.addInputPartition(partition.partition, watermarks: watermarks, committed: committed[partition])
        }
        try await readToEnds(ends, roles: roles, with: reader, into: &ledger, deadline: deadline)
        return ledger.report(topics: topics)
    }

    private enum Role { case input, output, deadLetter, fingerprint }

    private func partitions(of topic: String, key: String, asking consumer: KafkaConsumer) async throws -> [KafkaTopicPartition] {
        guard let count = try await consumer.partitionCount(of: topic) else {
            throw ConfigurationError(key: key, origin: "cluster \(configuration.kafka.brokers)", message: "topic \"\(topic)\" does not exist")
        }
        return (0..<count).map { KafkaTopicPartition(topic: topic, partition: KafkaPartition(rawValue: Int32($0))) }
    }

    /// The worker group's committed offsets, asked with a consumer of that group that never joins it.
    private func committedOffsets(of partitions: [KafkaTopicPartition], kafka: KafkaConfiguration) async throws -> [KafkaTopicPartition: KafkaOffset] {
        var configuration = KafkaConsumerConfiguration(kafka: kafka, groupID: self.configuration.kafka.group)
        configuration.commitStrategy = .manual
        let group = try KafkaConsumer(configuration: configuration, logger: logger)
        do {
            let offsets = try await group.committed(partitions)
            await group.close()
            return Dictionary(offsets.map { ($0.topicPartition, $0.offset) }) { $1 }
        } catch {
            await group.close()
            throw error
        }
    }

    /// Reads every partition from its low to its high watermark, feeding the ledger.
    private func readToEnds(
        _ ends: [KafkaTopicPartition: KafkaWatermarks], roles: [String: Role], with reader: KafkaConsumer,
        into ledger: inout AuditLedger, deadline: ContinuousClock.Instant
    ) async throws {
        let progress = SharedReadProgress(ReadProgress(targets: ends.filter { $0.value.span > 0 }))
        guard !progress.state.withLock(\.isComplete) else { return }
        try await reader.assign(ends.filter { $0.value.span > 0 }.map { KafkaTopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value.low) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Ends the read when the deadline passes, or when the consumer's positions reached every end while
            // no message came for a second (the last offsets may be no messages: transaction markers, compaction).
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(500))
                    if ContinuousClock.now > deadline {
                        progress.state.withLock { $0.timedOut = true }
                        await reader.close()
                        return
                    }
                    var positions: [KafkaTopicPartition: KafkaOffset] = [:]
                    for lag in (try? reader.cachedLag()) ?? [] {
                        positions[KafkaTopicPartition(topic: lag.topic, partition: lag.partition)] = lag.position
                    }
                    let done = progress.state.withLock { $0.reachedByPositions(positions, idleFor: .seconds(1)) }
                    if done {
                        await reader.close()
                        return
                    }
                }
            }
            for try await message in reader.messages {
                // A fetch can bring records written after the end was taken: they belong to the next audit (their
                // inputs or fingerprints may lie past the ends read for the other topics).
                guard progress.state.withLock({ $0.isBeforeEnd(message.topicPartition, message.offset.rawValue) }) else {
                    if progress.state.withLock({ $0.advance(message.topicPartition, to: message.offset.rawValue + 1) }) { break }
                    continue
                }
                switch roles[message.topic] {
                case .input: ledger.addInput(message)
                case .output: ledger.addOutput(message)
                case .deadLetter: ledger.addDeadLetter(message)
                case .fingerprint: ledger.addFingerprint(message)
                case nil: break
                }
                if progress.state.withLock({ $0.advance(message.topicPartition, to: message.offset.rawValue + 1) }) { break }
            }
            group.cancelAll()
        }
        let (timedOut, left) = progress.state.withLock { ($0.timedOut, $0.remaining) }
        if timedOut {
            throw AuditTimeout(partitions: left.sorted { $0.description < $1.description }.map(\.description))
        }
    }
}

/// The topics could not be read to their ends in time.
public struct AuditTimeout: Error, CustomStringConvertible {
    /// `topic[partition]` of each partition not read to its end.
    public var partitions: [String]
    public var description: String { "could not read to the end of \(partitions.joined(separator: ", ")) in time" }
}

/// The read progress, shared by the reading loop and the task that watches the deadline and positions.
final class SharedReadProgress: Sendable {
    let state: Mutex<ReadProgress>
    init(_ progress: ReadProgress) { state = Mutex(progress) }
}

/// How far each partition has been read, against the end it had when the audit started.
struct ReadProgress {
    private var targets: [KafkaTopicPartition: Int64]
    private(set) var remaining: Set<KafkaTopicPartition>
    private var lastMessage = ContinuousClock.now
    var timedOut = false

    init(targets: [KafkaTopicPartition: KafkaWatermarks]) {
        self.targets = targets.mapValues(\.high.rawValue)
        self.remaining = Set(targets.keys)
    }

    var isComplete: Bool { remaining.isEmpty }

    /// Whether `offset` lies before the end `partition` had when the audit started.
    func isBeforeEnd(_ partition: KafkaTopicPartition, _ offset: Int64) -> Bool {
        offset < (targets[partition] ?? 0)
    }

    /// Notes a message read (`next` = its offset + 1); true when every partition is read to its end.
    mutating func advance(_ partition: KafkaTopicPartition, to next: Int64) -> Bool {
        lastMessage = .now
        if let target = targets[partition], next >= target { remaining.remove(partition) }
        return remaining.isEmpty
    }

    /// True when the consumer is positioned at or past every remaining end and no message came for `idle`.
    mutating func reachedByPositions(_ positions: [KafkaTopicPartition: KafkaOffset], idleFor idle: Duration) -> Bool {
        guard lastMessage.duration(to: .now) >= idle else { return false }
        for (partition, position) in positions {
            if let target = targets[partition], position.rawValue >= target { remaining.remove(partition) }
        }
        return remaining.isEmpty
    }
}
