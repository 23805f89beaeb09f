import Kafka
@testable import NewsWorker
import Testing

/// How the audit decides it has read a topic to the end it had when it started.
struct ReadProgressTests {
    let partition = KafkaTopicPartition(topic: "out", partition: 0)

    @Test func recordsWrittenAfterTheStartAreLeftForTheNextAudit() {
        var progress = ReadProgress(targets: [partition: KafkaWatermarks(low: 0, high: 3)])
        #expect(progress.isBeforeEnd(partition, 2))
        #expect(!progress.isBeforeEnd(partition, 3))
        let notYet = progress.advance(partition, to: 2)
        let done = progress.advance(partition, to: 3)
        #expect(!notYet && done)
        #expect(progress.isComplete)
    }

    @Test func aPositionAtTheEndCompletesAPartitionWhoseLastOffsetsAreNoMessages() {
        var progress = ReadProgress(targets: [partition: KafkaWatermarks(low: 0, high: 10)])
        let atEnd: [KafkaTopicPartition: KafkaOffset] = [partition: 10]
        // Not while messages are still coming.
        let whileReading = progress.reachedByPositions(atEnd, idleFor: .seconds(60))
        let beforeTheEnd = progress.reachedByPositions([partition: 9], idleFor: .zero)
        let atTheEnd = progress.reachedByPositions(atEnd, idleFor: .zero)
        #expect(!whileReading && !beforeTheEnd && atTheEnd)
    }
}
