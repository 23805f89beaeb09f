import Kafka

/// Where the pipeline's input comes from, and where it records how far it got: a seam, so the stages can
/// be tested with an in-memory source. In production: the group's ``KafkaConsumer``.
protocol MessageSource: Sendable {
    /// Waits for the next message, then returns it with the messages available after it without waiting,
    /// up to `maxMessages` and (beyond the first) `maxBytes` of values, in consumption order.
    /// - Returns: `nil` when the source ended, or when the calling task is cancelled.
    func nextBatch(maxMessages: Int, maxBytes: Int) async throws -> [KafkaMessage]?
    /// Records input offsets (each the next offset to read) as done, to be committed later.
    func store(_ offsets: [KafkaTopicPartitionOffset]) throws(KafkaError)
    /// Commits these offsets (each the next offset to read) and waits for the outcome.
    func commit(_ offsets: [KafkaTopicPartitionOffset]) async throws(KafkaError)
    /// The partitions this member owns now: offsets are committed for these only.
    var assignment: [KafkaTopicPartition] { get }
}

extension KafkaConsumer: MessageSource {
    func nextBatch(maxMessages: Int, maxBytes: Int) async throws -> [KafkaMessage]? {
        try await messages.nextBatch(maxMessages: maxMessages, maxBytes: maxBytes)
    }

    func store(_ offsets: [KafkaTopicPartitionOffset]) throws(KafkaError) {
        try storeOffsets(offsets)
    }

    func commit(_ offsets: [KafkaTopicPartitionOffset]) async throws(KafkaError) {
        try await commit(offsets: offsets)
    }
}
