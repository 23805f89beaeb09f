import Kafka
import NewsCore

/// A consumed Kafka message seen as article input: its id, hints and bytes.
struct InputMessage {
    let message: KafkaMessage

    /// Kafka headers the pipeline reads (`content-type`, `source`, `url`, `id`).
    enum Header {
        static let contentType = "content-type"
        static let source = "source"
        static let url = "url"
        static let id = "id"
    }

    /// The fallback article id when the payload has no envelope `id`: the `id` header, else the key,
    /// else `topic/partition/offset` (stable across re-processing).
    var fallbackID: String {
        if let id = header(Header.id), !id.isEmpty { return id }
        if let key = message.key, !key.isEmpty, let text = String(validating: key, as: UTF8.self) { return text }
        return "\(message.topic)/\(message.partition.rawValue)/\(message.offset.rawValue)"
    }

    /// The raw article for the shared core.
    var rawArticle: RawArticle {
        RawArticle(
            id: fallbackID,
            bytes: message.value,
            hints: RawArticle.Hints(contentType: header(Header.contentType), source: header(Header.source), url: header(Header.url))
        )
    }

    private func header(_ name: String) -> String? {
        guard let header = message.headers.last(where: { $0.key.lowercased() == name }), let value = header.value else { return nil }
        return String(validating: value, as: UTF8.self)
    }
}
