import Crdkafka

/// The offsets a partition holds: from ``low`` (the oldest kept) up to, not including, ``high`` (the next
/// offset to be written).
public struct KafkaWatermarks: Hashable, Sendable {
    /// The first offset still in the partition.
    public var low: KafkaOffset
    /// The offset the next message will get.
    public var high: KafkaOffset

    public init(low: KafkaOffset, high: KafkaOffset) {
        self.low = low
        self.high = high
    }

    /// Offsets in the partition (including any the broker skips, such as transaction markers).
    public var span: Int64 { max(0, high.rawValue - low.rawValue) }
}

extension KafkaConsumer {
    /// The number of partitions of `topic` from the cluster's metadata, or `nil` when it has no such topic.
    ///
    /// Unlike ``KafkaProducer/partitionCount(of:timeout:)`` this does not create the topic on a cluster
    /// that creates topics on demand (consumers leave `allow.auto.create.topics` false).
    /// - Throws: ``KafkaError`` when the cluster does not answer within `timeout`.
    public func partitionCount(of topic: String, timeout: Duration = .seconds(10)) async throws(KafkaError) -> Int? {
        try await runtime.client.partitionCount(of: topic, timeout: timeout)
    }

    /// Asks each partition's leader for its watermarks (on the consumer's blocking queue), whether or not
    /// the partition is assigned. Needs no group membership: an auditor can learn where a topic ends.
    /// - Throws: ``KafkaError`` naming the partition when a leader does not answer within `timeout`.
    public func watermarks(of partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) async throws(KafkaError) -> [KafkaTopicPartition: KafkaWatermarks] {
        try await runtime.client.runBlocking { rk throws(KafkaError) in
            var result: [KafkaTopicPartition: KafkaWatermarks] = [:]
            for partition in partitions {
                var low: Int64 = -1
                var high: Int64 = -1
                let err = rd_kafka_query_watermark_offsets(rk, partition.topic, partition.partition.rawValue, &low, &high, timeout.clampedMilliseconds)
                try KafkaError.check(err, "watermarks of \(partition)")
                result[partition] = KafkaWatermarks(low: KafkaOffset(rawValue: low), high: KafkaOffset(rawValue: high))
            }
            return result
        }
    }
}
