/// Something that happened to a ``KafkaProducer`` besides delivery reports it was asked to await.
public enum KafkaProducerEvent: Sendable, Hashable {
    /// An error librdkafka reported, e.g. `_TRANSPORT` or `_ALL_BROKERS_DOWN`; most are retried internally.
    case error(KafkaError)
    /// A message sent with ``KafkaProducer/send(_:)`` was not delivered.
    case deliveryFailed(KafkaDeliveryReport)
    /// A message sent with ``KafkaProducer/send(_:)`` was reported delivered without the broker's
    /// acknowledgement of it (see ``KafkaDeliveryReport/isImplicitlyAcknowledged``): it may not be on the topic.
    case deliveryImplicitlyAcknowledged(KafkaDeliveryReport)
}

/// The events of a ``KafkaProducer``. Single consumer; the newest 1,024 are kept if nobody reads.
public struct KafkaProducerEvents: AsyncSequence, Sendable {
    public typealias Element = KafkaProducerEvent
    let stream: AsyncStream<KafkaProducerEvent>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<KafkaProducerEvent>.AsyncIterator
        public mutating func next() async -> KafkaProducerEvent? { await base.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator()) }
}
