import Kafka
@testable import NewsWorker
import Testing

/// Offsets become committable in partition order, whatever order batches complete in.
struct OffsetTrackerTests {
    static func messages(_ partition: Int32, _ offsets: ClosedRange<Int64>) -> [KafkaMessage] {
        offsets.map { KafkaMessage(topic: "in", partition: KafkaPartition(rawValue: partition), offset: KafkaOffset(rawValue: $0), key: nil, value: []) }
    }

    static func progress(_ partition: Int32, next: Int64, count: Int) -> OffsetTracker.Progress {
        OffsetTracker.Progress(next: KafkaTopicPartitionOffset(topic: "in", partition: KafkaPartition(rawValue: partition), offset: KafkaOffset(rawValue: next)), count: count)
    }

    @Test func laterBatchWaitsForEarlierOnTheSamePartitionOnly() {
        var tracker = OffsetTracker()
        let a = tracker.register(Self.messages(0, 0...9))
        let b = tracker.register(Self.messages(0, 10...14) + Self.messages(1, 0...2))
        let c = tracker.register(Self.messages(1, 3...3))
        #expect(tracker.complete(c) == [], "p1's earlier batch b is not done")
        #expect(tracker.complete(b) == [Self.progress(1, next: 4, count: 4)], "p1 moves past b and c; p0 waits for a")
        #expect(tracker.complete(a) == [Self.progress(0, next: 15, count: 15)])
        #expect(tracker.pendingBatches == 0)
    }

    @Test func completingTwiceOrUnknownChangesNothing() {
        var tracker = OffsetTracker()
        let a = tracker.register(Self.messages(0, 0...1))
        #expect(tracker.complete(a) == [Self.progress(0, next: 2, count: 2)])
        #expect(tracker.complete(a) == [])
        #expect(tracker.complete(99) == [])
    }
}
