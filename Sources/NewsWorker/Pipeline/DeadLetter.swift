import Kafka
import NewsCore

/// Builds the dead-letter record for an input the core rejected: original bytes, key and headers,
/// plus `error.*` and `source.*` headers saying why and from where.
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
    }

    static func record(for message: KafkaMessage, error: ParseError, topic: String, worker: String) -> KafkaProducerMessage {
        var headers = message.headers
        headers.append(KafkaHeader(key: Header.reason, value: Array(error.code.rawValue.utf8)))
        headers.append(KafkaHeader(key: Header.stage, value: Array(error.stage.rawValue.utf8)))
        headers.append(KafkaHeader(key: Header.message, value: Array(error.message.prefix(1024).utf8)))
        headers.append(KafkaHeader(key: Header.sourceTopic, value: Array(message.topic.utf8)))
        headers.append(KafkaHeader(key: Header.sourcePartition, value: Array(String(message.partition.rawValue).utf8)))
        headers.append(KafkaHeader(key: Header.sourceOffset, value: Array(String(message.offset.rawValue).utf8)))
        headers.append(KafkaHeader(key: Header.worker, value: Array(worker.utf8)))
        return KafkaProducerMessage(topic: topic, key: message.key, value: message.value, headers: headers)
    }
}
