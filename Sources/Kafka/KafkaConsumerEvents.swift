/// Something that happened to a ``KafkaConsumer`` besides messages.
public enum KafkaConsumerEvent: Sendable, Hashable {
    /// The group gave this consumer these partitions (added to any it already had, for cooperative assignors).
    case partitionsAssigned([KafkaTopicPartition])
    /// These partitions are being taken away. By the time this is read, the revoke handler
    /// passed to ``KafkaConsumer/init(configuration:logger:onPartitionsRevoked:)`` has already run.
    case partitionsRevoked([KafkaTopicPartition])
    /// Reached the end of a partition (only with ``KafkaConsumerConfiguration/emitPartitionEOF``); offset is the next one.
    case partitionEOF(KafkaTopicPartitionOffset)
    /// An error librdkafka reported, e.g. `_TRANSPORT` or `_ALL_BROKERS_DOWN`; most are retried internally.
    case error(KafkaError)
}

/// The events of a ``KafkaConsumer``. Single consumer; the newest 1,024 are kept if nobody reads.
public struct KafkaConsumerEvents: AsyncSequence, Sendable {
    public typealias Element = KafkaConsumerEvent
    let stream: AsyncStream<KafkaConsumerEvent>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<KafkaConsumerEvent>.AsyncIterator
        public mutating func next() async -> KafkaConsumerEvent? { await base.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator()) }
}

/// The messages of a ``KafkaConsumer``, in partition order, until the consumer is closed.
///
/// Several tasks may iterate at once (each message goes to one of them). Iterating is cheap: a
/// lock and no suspension while messages are buffered. Throws only a fatal ``KafkaError``.
public struct KafkaConsumerMessages: AsyncSequence, Sendable {
    public typealias Element = KafkaMessage
    let buffer: MessageBuffer

    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: MessageBuffer
        public mutating func next() async throws -> KafkaMessage? { try await buffer.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}

/// Where a consumer stands on a partition.
public struct KafkaPartitionLag: Hashable, Sendable {
    public var topic: String
    public var partition: KafkaPartition
    /// The next offset this consumer will read, if it has read or been positioned.
    public var position: KafkaOffset?
    /// The group's committed offset, when asked for (``KafkaConsumer/lag(timeout:)``).
    public var committed: KafkaOffset?
    public var lowWatermark: KafkaOffset?
    public var highWatermark: KafkaOffset?
    /// Messages left to read: high watermark minus position (or committed offset); `nil` when unknown.
    public var lag: Int64?
}
