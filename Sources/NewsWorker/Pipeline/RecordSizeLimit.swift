import Kafka

/// The largest record the producer sends, from its `message.max.bytes`, and the size librdkafka counts.
///
/// librdkafka refuses a message at once (`MSG_SIZE_TOO_LARGE`) when its key, value and serialized headers
/// plus the record's largest framing (36 bytes) exceed the producer's `message.max.bytes` (default
/// 1,000,000). The publisher checks the same sum before sending, so a record too large for the producer
/// is dead-lettered at once instead of being refused on every try.
struct RecordSizeLimit: Sendable, Hashable {
    /// librdkafka's default `message.max.bytes`.
    static let librdkafkaDefault = 1_000_000
    /// A record's largest framing in the v2 format: length, attributes, timestamp and offset deltas,
    /// key and value lengths, header count (librdkafka's `RD_KAFKAP_MESSAGE_V2_MAX_OVERHEAD`).
    static let recordOverhead = 36

    /// The producer's `message.max.bytes`.
    let maxBytes: Int

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// The limit the producer built from `properties` uses (`message.max.bytes`, else librdkafka's default).
    init(properties: [String: String]) {
        self.init(maxBytes: properties["message.max.bytes"].flatMap { Int($0) } ?? Self.librdkafkaDefault)
    }

    /// The bytes librdkafka counts for `message` against `message.max.bytes`.
    static func size(of message: KafkaProducerMessage) -> Int {
        var size = recordOverhead + (message.key?.count ?? 0) + message.value.count
        for header in message.headers {
            let name = header.key.utf8.count
            let value = header.value?.count ?? 0
            size += name + value + zigzagVarintLength(name) + zigzagVarintLength(value)
        }
        return size
    }

    /// Whether the producer accepts `message`.
    func admits(_ message: KafkaProducerMessage) -> Bool {
        Self.size(of: message) <= maxBytes
    }

    /// Bytes of a signed varint (zigzag encoded) for a non-negative `value`.
    private static func zigzagVarintLength(_ value: Int) -> Int {
        var rest = UInt64(value) << 1
        var length = 1
        while rest >= 0x80 {
            rest >>= 7
            length += 1
        }
        return length
    }
}
