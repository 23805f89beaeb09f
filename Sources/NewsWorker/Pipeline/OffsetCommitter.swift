import Kafka
import Logging

/// The commit stage: stores input offsets whose outputs are acknowledged (in partition order, from an
/// ``OffsetTracker``) and commits them at most once a second, and on demand (revoke, shutdown).
///
/// A failed commit (broker down) keeps the offsets; the next attempt commits them. Offsets of partitions the
/// member no longer owns (revoked, or lost with its session) are dropped, never sent: their next owner
/// processes them again (duplicates, never a loss). A commit sent outside the assignment goes out with
/// no valid generation while the member rejoins; with librdkafka 2.0.2 its ILLEGAL_GENERATION answer,
/// which arrives right after the JoinGroup answer, failed the member's SyncGroup, and the group rebalanced
/// again every 5 s for minutes (measured on the mock, 2026-12-06: a second member joining).
actor OffsetCommitter {
    private let source: any MessageSource
    private let metrics: WorkerMetrics
    private let logger: Logger
    private var uncommitted: [KafkaTopicPartition: (offset: KafkaOffset, count: Int)] = [:]
    private var lastCommit = ContinuousClock.now
    /// Minimum time between two periodic commits.
    let interval: Duration

    init(source: any MessageSource, metrics: WorkerMetrics, logger: Logger, interval: Duration = .seconds(1)) {
        self.source = source
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
    }

    /// Records that these inputs' outputs are acknowledged.
    func store(_ progress: [OffsetTracker.Progress]) {
        guard !progress.isEmpty else { return }
        for step in progress {
            let entry = uncommitted[step.next.topicPartition]
            uncommitted[step.next.topicPartition] = (max(entry?.offset ?? step.next.offset, step.next.offset), (entry?.count ?? 0) + step.count)
        }
        do {
            try source.store(progress.map(\.next))
        } catch {
            // A partition was revoked meanwhile: its new owner re-processes from the committed offset. The
            // others are stored one by one, whatever the call did with them.
            for step in progress where progress.count > 1 { try? source.store([step.next]) }
            logger.debug("offsets not stored", metadata: ["offsets": "\(progress.map(\.next))", "error": "\(error)"])
        }
    }

    /// Commits when ``interval`` has passed since the last commit.
    func commitIfDue() async {
        if ContinuousClock.now - lastCommit >= interval { await commitNow() }
    }

    /// Commits every stored offset of an assigned partition now; drops the others.
    func commitNow() async {
        lastCommit = .now
        guard !uncommitted.isEmpty else { return }
        let assigned = Set(source.assignment)
        let batch = uncommitted.filter { assigned.contains($0.key) }
        if batch.count < uncommitted.count {
            let dropped = uncommitted.filter { !assigned.contains($0.key) }
            logger.info("offsets of partitions no longer assigned dropped: their next owner processes them again", metadata: [
                "offsets": "\(dropped.map { "\($0.key)@\($0.value.offset)" }.sorted())",
            ])
        }
        uncommitted = [:]
        guard !batch.isEmpty else { return }
        let offsets = batch.map { KafkaTopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value.offset) }
        do throws(KafkaError) {
            try await source.commit(offsets)
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
