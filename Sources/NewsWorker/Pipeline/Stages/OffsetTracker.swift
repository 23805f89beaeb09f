import Kafka

/// Keeps input offsets in partition order while batches complete in any order: a batch's offsets become
/// committable only once every earlier batch holding messages of the same partition has completed.
///
/// Batches are registered in consumption order (``register(_:)``) and completed in any order
/// (``complete(_:)``); each completion returns, per partition, the next offset to read after the longest
/// completed prefix, if it moved. A pure value: the pipeline keeps it behind a lock.
struct OffsetTracker: Sendable {
    /// A registered batch.
    typealias Batch = UInt64

    /// Offsets now safe to commit for one partition, and how many inputs they cover.
    struct Progress: Sendable, Hashable {
        /// The next offset to read (last completed message's offset + 1).
        var next: KafkaTopicPartitionOffset
        /// Messages of the partition completed by this step.
        var count: Int
    }

    private struct Entry {
        var batch: Batch
        var next: KafkaOffset
        var count: Int
    }

    /// Per partition, the registered batches not yet committable, in registration order.
    private var queues: [KafkaTopicPartition: [Entry]] = [:]
    /// Completed batches, with the partitions where they still wait for an earlier batch.
    private var completed: [Batch: Set<KafkaTopicPartition>] = [:]
    /// The partitions of each batch not yet completed.
    private var registered: [Batch: Set<KafkaTopicPartition>] = [:]
    private var nextBatch: Batch = 0

    /// Batches registered and not yet committable on every partition.
    var pendingBatches: Int { registered.count + completed.count }

    /// Registers the next batch of consumed messages (in consumption order).
    mutating func register(_ messages: [KafkaMessage]) -> Batch {
        let batch = nextBatch
        nextBatch += 1
        var last: [KafkaTopicPartition: Entry] = [:]
        var order: [KafkaTopicPartition] = []
        for message in messages {
            let partition = message.topicPartition
            if last[partition] == nil { order.append(partition) }
            last[partition, default: Entry(batch: batch, next: message.nextOffset.offset, count: 0)].next = message.nextOffset.offset
            last[partition]!.count += 1
        }
        for partition in order { queues[partition, default: []].append(last[partition]!) }
        registered[batch] = Set(order)
        return batch
    }

    /// Marks `batch` complete; returns the partitions whose committable offset moved.
    mutating func complete(_ batch: Batch) -> [Progress] {
        guard let partitions = registered.removeValue(forKey: batch) else { return [] }
        completed[batch] = partitions
        var progress: [Progress] = []
        for partition in partitions.sorted(by: { ($0.topic, $0.partition) < ($1.topic, $1.partition) }) {
            guard var queue = queues[partition] else { continue }
            var advanced: Progress?
            while let first = queue.first, completed[first.batch] != nil {
                queue.removeFirst()
                completed[first.batch]!.remove(partition)
                if completed[first.batch]!.isEmpty { completed[first.batch] = nil }
                let next = KafkaTopicPartitionOffset(topic: partition.topic, partition: partition.partition, offset: first.next)
                advanced = Progress(next: next, count: (advanced?.count ?? 0) + first.count)
            }
            queues[partition] = queue.isEmpty ? nil : queue
            if let advanced { progress.append(advanced) }
        }
        return progress
    }
}
