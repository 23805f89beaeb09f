import Crypto
import Kafka
import NewsCore

/// Builds dead-letter records: the original bytes, key and headers of an input that yields no output,
/// plus `error.*` and `source.*` headers saying why and from where.
///
/// When even that record is larger than the producer accepts, ``truncated(_:original:limit:)`` gives the
/// documented truncated form: the first bytes of the value, its size and SHA-256 (`source.value_*`).
enum DeadLetter {
    /// Header names added to dead-letter records.
    enum Header {
        static let reason = "error.reason"
        static let stage = "error.stage"
        static let message = "error.message"
        static let sourceTopic = "source.topic"
        static let sourcePartition = "source.partition"
        static let sourceOffset = "source.offset"
        static let worker = "newsworker.worker"
        /// Truncated form only: the original value's size in bytes (decimal).
        static let valueSize = "source.value_size"
        /// Truncated form only: the original value's SHA-256, lower-case hex.
        static let valueSHA256 = "source.value_sha256"
        /// Truncated form only: `true`; the record's value is the original's first bytes.
        static let valueTruncated = "source.value_truncated"
    }

    /// Reasons for inputs the core parsed but whose output the broker cannot take (stage `produce`).
    enum ProduceReason: String, CaseIterable {
        /// The enriched record is larger than the producer's `message.max.bytes`.
        case recordTooLarge = "record_too_large"
        /// The broker refused the record on every try (e.g. `INVALID_RECORD`, `MSG_SIZE_TOO_LARGE`).
        case produceRejected = "produce_rejected"
    }

    /// The stage named in `error.stage` for ``ProduceReason``s.
    static let produceStage = "produce"

    /// The largest prefix of the original value a truncated dead letter keeps.
    static let truncatedValueBytes = 64 * 1024

    /// The dead letter of an input the core rejected.
    static func record(for message: KafkaMessage, error: ParseError, topic: String, worker: String) -> KafkaProducerMessage {
        record(for: message, reason: error.code.rawValue, stage: error.stage.rawValue, detail: error.message, topic: topic, worker: worker)
    }

    /// The dead letter of `message`: its key, value and headers, plus why (`reason`, `stage`, `detail`).
    static func record(for message: KafkaMessage, reason: String, stage: String, detail: String, topic: String, worker: String) -> KafkaProducerMessage {
        KafkaProducerMessage(topic: topic, key: message.key, value: message.value, headers: message.headers + headers(for: message, reason: reason, stage: stage, detail: detail, worker: worker))
    }

    /// The truncated form of `deadLetter` (a dead letter of `original`), which fits `limit`: the same key
    /// (dropped when it alone leaves no room), `error.*`, `source.*` and `newsworker.worker` headers (the
    /// input's own headers are dropped), the first bytes of the value (at most ``truncatedValueBytes``), and
    /// `source.value_size`, `source.value_sha256`, `source.value_truncated`.
    static func truncated(_ deadLetter: KafkaProducerMessage, original: KafkaMessage, limit: RecordSizeLimit) -> KafkaProducerMessage {
        let own: Set = [Header.reason, Header.stage, Header.message, Header.sourceTopic, Header.sourcePartition, Header.sourceOffset, Header.worker]
        let digest = SHA256.hash(data: original.value).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        var record = KafkaProducerMessage(
            topic: deadLetter.topic,
            key: deadLetter.key,
            value: [],
            headers: deadLetter.headers.filter { own.contains($0.key) } + [
                KafkaHeader(key: Header.valueSize, value: Array(String(original.value.count).utf8)),
                KafkaHeader(key: Header.valueSHA256, value: Array(digest.utf8)),
                KafkaHeader(key: Header.valueTruncated, value: Array("true".utf8)),
            ]
        )
        if !limit.admits(record) { record.key = nil }
        let room = max(0, limit.maxBytes - RecordSizeLimit.size(of: record))
        record.value = Array(original.value.prefix(min(room, truncatedValueBytes)))
        return record
    }

    private static func headers(for message: KafkaMessage, reason: String, stage: String, detail: String, worker: String) -> [KafkaHeader] {
        [
            KafkaHeader(key: Header.reason, value: Array(reason.utf8)),
            KafkaHeader(key: Header.stage, value: Array(stage.utf8)),
            KafkaHeader(key: Header.message, value: Array(detail.prefix(1024).utf8)),
            KafkaHeader(key: Header.sourceTopic, value: Array(message.topic.utf8)),
            KafkaHeader(key: Header.sourcePartition, value: Array(String(message.partition.rawValue).utf8)),
            KafkaHeader(key: Header.sourceOffset, value: Array(String(message.offset.rawValue).utf8)),
            KafkaHeader(key: Header.worker, value: Array(worker.utf8)),
        ]
    }
}
