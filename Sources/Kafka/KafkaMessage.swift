/// A partition number.
public struct KafkaPartition: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    public init(integerLiteral value: Int32) { self.rawValue = value }
    /// Let the partitioner choose (`RD_KAFKA_PARTITION_UA`).
    public static let unassigned = KafkaPartition(rawValue: -1)
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// An offset within a partition.
public struct KafkaOffset: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(integerLiteral value: Int64) { self.rawValue = value }
    /// Start at the partition's first offset.
    public static let beginning = KafkaOffset(rawValue: -2)
    /// Start at the partition's end.
    public static let end = KafkaOffset(rawValue: -1)
    /// Start at the committed offset (or `auto.offset.reset`).
    public static let stored = KafkaOffset(rawValue: -1000)
    /// No offset.
    public static let invalid = KafkaOffset(rawValue: -1001)
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// A topic and partition.
public struct KafkaTopicPartition: Hashable, Sendable, CustomStringConvertible {
    public var topic: String
    public var partition: KafkaPartition
    public init(topic: String, partition: KafkaPartition) {
        self.topic = topic
        self.partition = partition
    }
    public var description: String { "\(topic)[\(partition)]" }
}

/// A topic, partition and offset: a position to commit, assign or report.
public struct KafkaTopicPartitionOffset: Hashable, Sendable, CustomStringConvertible {
    public var topic: String
    public var partition: KafkaPartition
    /// For commits: the offset of the *next* message to consume (last processed + 1).
    public var offset: KafkaOffset
    public init(topic: String, partition: KafkaPartition, offset: KafkaOffset) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }
    public var description: String { "\(topic)[\(partition)]@\(offset)" }
}

/// A message header: a name and optional bytes.
public struct KafkaHeader: Hashable, Sendable {
    public var key: String
    public var value: [UInt8]?
    public init(key: String, value: [UInt8]?) {
        self.key = key
        self.value = value
    }
}

/// A message timestamp, milliseconds since the Unix epoch.
public struct KafkaTimestamp: Hashable, Sendable {
    /// Whether the producer (create time) or the broker (log-append time) set it.
    public struct Kind: Hashable, Sendable {
        let rawValue: Int
        public static let createTime = Kind(rawValue: 1)
        public static let logAppendTime = Kind(rawValue: 2)
    }
    public var millisecondsSinceEpoch: Int64
    public var kind: Kind
    public init(millisecondsSinceEpoch: Int64, kind: Kind = .createTime) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
        self.kind = kind
    }
}

/// A consumed message. All bytes are copied out of librdkafka: the value is self-contained.
public struct KafkaMessage: Hashable, Sendable {
    public var topic: String
    public var partition: KafkaPartition
    public var offset: KafkaOffset
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    public var timestamp: KafkaTimestamp?

    public init(
        topic: String, partition: KafkaPartition, offset: KafkaOffset, key: [UInt8]?, value: [UInt8],
        headers: [KafkaHeader] = [], timestamp: KafkaTimestamp? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The offset to commit once this message is processed (offset + 1).
    public var nextOffset: KafkaTopicPartitionOffset {
        KafkaTopicPartitionOffset(topic: topic, partition: partition, offset: KafkaOffset(rawValue: offset.rawValue + 1))
    }

    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }
}

/// A message to produce.
public struct KafkaProducerMessage: Hashable, Sendable {
    public var topic: String
    /// Default: `.unassigned` (the partitioner hashes the key).
    public var partition: KafkaPartition
    public var key: [UInt8]?
    public var value: [UInt8]
    public var headers: [KafkaHeader]
    /// Default: `nil` (now).
    public var timestamp: KafkaTimestamp?

    public init(
        topic: String, partition: KafkaPartition = .unassigned, key: [UInt8]? = nil, value: [UInt8],
        headers: [KafkaHeader] = [], timestamp: KafkaTimestamp? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }
}

/// The outcome of producing one message.
public struct KafkaDeliveryReport: Hashable, Sendable {
    /// The id ``KafkaProducer/send(_:)`` returned (or the index in a batch for `produce(_:)` of an array).
    public var id: UInt64
    public var topic: String
    /// The partition written to (or `.unassigned` if it failed before one was chosen).
    public var partition: KafkaPartition
    /// The offset written at, when known.
    public var offset: KafkaOffset?
    /// Why delivery failed; `nil` on success.
    public var error: KafkaError?
    /// Reported delivered without the broker acknowledging this message (so without an ``offset``): the
    /// idempotent producer inferred it from the success of a later batch of the partition ("implicitly
    /// acked" in librdkafka's log). Sound only with a broker that checks idempotent sequence numbers; the
    /// librdkafka 2.0.2 mock cluster does not, and drops such messages. Send again when it matters.
    public var isImplicitlyAcknowledged: Bool = false

    public var isSuccess: Bool { error == nil }
}
