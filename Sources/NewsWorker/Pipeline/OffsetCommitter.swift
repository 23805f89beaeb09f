import Kafka
import Logging

/// Stores delivered input offsets and commits them at most once a second (and on demand: revoke, shutdown).
///
/// A failed commit (broker down) keeps the offsets stored; the next attempt commits them.
actor OffsetCommitter {
    private let consumer: KafkaConsumer
    private let metrics: WorkerMetrics
    private let logger: Logger
    private var uncommitted: [KafkaTopicPartition: (offset: KafkaOffset, count: Int)] = [:]
    private var lastCommit = ContinuousClock.now
    /// Minimum time between two periodic commits.
    let interval: Duration

    init(consumer: KafkaConsumer, metrics: WorkerMetrics, logger: Logger, interval: Duration = .seconds(1)) {
        self.consumer = consumer
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
    }

    /// Records that these inputs' outputs are acknowledged (offsets are message offset + 1, in order).
    func store(_ offsets: [KafkaTopicPartitionOffset]) {
        for next in offsets {
            let entry = uncommitted[next.topicPartition]
            uncommitted[next.topicPartition] = (max(entry?.offset ?? next.offset, next.offset), (entry?.count ?? 0) + 1)
            do {
                try consumer.storeOffsets([next])
            } catch {
                // The partition was revoked meanwhile: its new owner re-processes from the committed offset.
                logger.debug("offset not stored", metadata: ["offset": "\(next)", "error": "\(error)"])
            }
        }
    }

    /// Commits when ``interval`` has passed since the last commit.
    func commitIfDue() async {
        if ContinuousClock.now - lastCommit >= interval { await commitNow() }
    }

    /// Commits every stored offset now.
    func commitNow() async {
        lastCommit = .now
        guard !uncommitted.isEmpty else { return }
        let batch = uncommitted
        uncommitted = [:]
        let offsets = batch.map { KafkaTopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value.offset) }
        do throws(KafkaError) {
            try await consumer.commit(offsets: offsets)
            for (partition, entry) in batch { metrics.committed(topic: partition.topic, count: entry.count) }
        } catch {
            metrics.kafkaError(code: error.code.name)
            logger.info("commit failed; will retry", metadata: ["error": "\(error)"])
            for (partition, entry) in batch {
                let newer = uncommitted[partition]
                uncommitted[partition] = (max(newer?.offset ?? entry.offset, entry.offset), entry.count + (newer?.count ?? 0))
            }
        }
    }
}
