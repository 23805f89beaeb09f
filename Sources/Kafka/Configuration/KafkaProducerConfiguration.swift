/// Settings for a ``KafkaProducer``.
public struct KafkaProducerConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Brokers, security and passthrough properties.
    public var kafka: KafkaConfiguration
    /// `enable.idempotence`: no duplicates or reordering on retries (implies `acks=all`). Default: `true`
    public var idempotent: Bool = true
    /// `linger.ms`: how long to wait to fill batches. Default: `.milliseconds(5)`
    public var linger: Duration = .milliseconds(5)
    /// `message.timeout.ms`: delivery reports fail with `_MSG_TIMED_OUT` after this. Default: `.seconds(300)`
    public var deliveryTimeout: Duration = .seconds(300)
    /// `compression.type` (`none`, `gzip`, `snappy`, `lz4`, `zstd`). Default: `"none"`
    public var compression: String = "none"
    /// `queue.buffering.max.messages`: messages waiting for delivery before `send` waits. Default: `100_000`
    public var maxQueuedMessages: Int = 100_000

    public init(kafka: KafkaConfiguration = .init()) {
        self.kafka = kafka
    }

    /// The librdkafka properties this configuration sets (secrets in clear).
    public var librdkafkaProperties: [String: String] {
        var result: [String: String] = [
            "enable.idempotence": idempotent ? "true" : "false",
            "linger.ms": String(linger.milliseconds),
            "message.timeout.ms": String(deliveryTimeout.milliseconds),
            "compression.type": compression,
            "queue.buffering.max.messages": String(maxQueuedMessages),
        ]
        result.merge(kafka.librdkafkaProperties) { _, shared in shared }
        return result
    }

    /// A printable form with secrets masked.
    public var description: String { KafkaConfiguration.maskedDescription(librdkafkaProperties) }
}
