/// Settings for a ``KafkaConsumer``.
public struct KafkaConsumerConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Brokers, security and passthrough properties.
    public var kafka: KafkaConfiguration
    /// `group.id`: the consumer group. Required even for manual assignment (offsets are committed for it).
    public var groupID: String
    /// Topics to subscribe to at start; empty to call ``KafkaConsumer/subscribe(topics:)`` or
    /// ``KafkaConsumer/assign(_:)`` later. Default: `[]`
    public var topics: [String] = []
    /// `auto.offset.reset`: where to start without a committed offset. Default: `.earliest`
    public var autoOffsetReset: AutoOffsetReset = .earliest
    /// How consumed offsets get committed. Default: `.autoCommitStoredOffsets(interval: .seconds(5))`
    public var commitStrategy: CommitStrategy = .autoCommitStoredOffsets(interval: .seconds(5))
    /// `session.timeout.ms`. Default: `.seconds(45)`
    public var sessionTimeout: Duration = .seconds(45)
    /// `max.poll.interval.ms`: the consumer leaves the group if the message buffer stays full
    /// (the application stopped iterating) longer than this. Default: `.seconds(300)`
    public var maxPollInterval: Duration = .seconds(300)
    /// Messages fetched ahead into our buffer before the poll thread waits for the application
    /// (backpressure; librdkafka prefetches further, see `queued.max.messages.kbytes`). Default: `10_000`
    public var maxBufferedMessages: Int = 10_000
    /// Message value bytes fetched ahead into our buffer before the poll thread waits, whatever their count
    /// (large messages: the buffer holds at least one batch). Default: `Int.max` (bounded by count only)
    public var maxBufferedBytes: Int = .max
    /// Longest time the poll thread waits for the `onPartitionsRevoked` handler before giving
    /// the partitions up anyway. Default: `.seconds(30)`
    public var revokeHandlerTimeout: Duration = .seconds(30)
    /// Emit ``KafkaConsumerEvent/partitionEOF(_:)`` when a partition is drained (`enable.partition.eof`). Default: `false`
    public var emitPartitionEOF: Bool = false

    public init(kafka: KafkaConfiguration = .init(), groupID: String, topics: [String] = []) {
        self.kafka = kafka
        self.groupID = groupID
        self.topics = topics
    }

    /// `auto.offset.reset` values.
    public struct AutoOffsetReset: Sendable, Hashable {
        let value: String
        public static let earliest = AutoOffsetReset(value: "earliest")
        public static let latest = AutoOffsetReset(value: "latest")
        /// Fail (error event) when there is no committed offset.
        public static let error = AutoOffsetReset(value: "error")
    }

    /// How offsets are committed.
    public struct CommitStrategy: Sendable, Hashable {
        enum Kind: Hashable { case autoStored(Duration), manual }
        let kind: Kind

        /// librdkafka commits offsets passed to ``KafkaConsumer/storeOffset(_:)`` every `interval`
        /// (`enable.auto.commit=true`, `enable.auto.offset.store=false`) and on revoke and close.
        public static func autoCommitStoredOffsets(interval: Duration) -> CommitStrategy {
            CommitStrategy(kind: .autoStored(interval))
        }
        /// Nothing is committed unless the application calls ``KafkaConsumer/commit()`` or
        /// ``KafkaConsumer/commit(offsets:)`` (`enable.auto.commit=false`, `enable.auto.offset.store=false`).
        /// Stored offsets of revoked partitions are still committed before they are given up.
        public static let manual = CommitStrategy(kind: .manual)
    }

    /// The librdkafka properties this configuration sets (secrets in clear).
    public var librdkafkaProperties: [String: String] {
        var result: [String: String] = [
            "group.id": groupID,
            "auto.offset.reset": autoOffsetReset.value,
            "enable.auto.offset.store": "false",
            "session.timeout.ms": String(sessionTimeout.milliseconds),
            "max.poll.interval.ms": String(maxPollInterval.milliseconds),
            "enable.partition.eof": emitPartitionEOF ? "true" : "false",
        ]
        switch commitStrategy.kind {
        case .autoStored(let interval):
            result["enable.auto.commit"] = "true"
            result["auto.commit.interval.ms"] = String(interval.milliseconds)
        case .manual:
            result["enable.auto.commit"] = "false"
        }
        // Typed consumer fields first, then the shared ones and the passthrough (which wins).
        result.merge(kafka.librdkafkaProperties) { _, shared in shared }
        return result
    }

    /// A printable form with secrets masked.
    public var description: String { KafkaConfiguration.maskedDescription(librdkafkaProperties) }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    package var clampedMilliseconds: Int32 {
        Int32(clamping: Swift.max(0, milliseconds))
    }
}
