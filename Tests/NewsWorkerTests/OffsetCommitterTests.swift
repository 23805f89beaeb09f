import Kafka
@testable import NewsWorker
import Testing

/// The commit stage commits for the partitions the member owns, and only for those.
struct OffsetCommitterTests {
    static let p0 = KafkaTopicPartition(topic: "in", partition: 0)
    static let p1 = KafkaTopicPartition(topic: "in", partition: 1)

    static func progress(_ partition: KafkaTopicPartition, next: Int64, count: Int) -> OffsetTracker.Progress {
        OffsetTracker.Progress(next: KafkaTopicPartitionOffset(topic: partition.topic, partition: partition.partition, offset: KafkaOffset(rawValue: next)), count: count)
    }

    static func committer(_ source: ScriptedSource) -> OffsetCommitter {
        OffsetCommitter(source: source, metrics: PipelineFixture.metrics(), logger: PipelineFixture.silentLogger)
    }

    /// Offsets stored before a revoke (a commit refused while the group rebalances keeps them) are never sent
    /// once the partition is gone: sent during the rejoin, such a commit failed the member's SyncGroup.
    @Test func offsetsOfARevokedPartitionAreDroppedNotCommitted() async {
        let source = ScriptedSource([[PipelineFixture.article(0, partition: 0, offset: 0), PipelineFixture.article(1, partition: 1, offset: 0)]])
        let committer = Self.committer(source)
        await committer.store([Self.progress(Self.p0, next: 5, count: 5), Self.progress(Self.p1, next: 7, count: 7)])
        source.setAssignment([Self.p0])
        await committer.commitNow()
        #expect(source.committed == [Self.p0: 5])

        // Nothing of p1 is kept for a later attempt either, even once the partition is assigned again.
        source.setAssignment([Self.p0, Self.p1])
        await committer.store([Self.progress(Self.p0, next: 9, count: 4)])
        await committer.commitNow()
        #expect(source.committed == [Self.p0: 9])
    }
}
