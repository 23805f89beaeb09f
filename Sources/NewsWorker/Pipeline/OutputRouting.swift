import Foundation
import Kafka
import NewsCore
import NewsDedup

/// Where an enriched record goes: the output topic keyed by article id, the duplicates topic, or nowhere.
struct OutputRouting: Sendable {
    let configuration: WorkerConfiguration.Kafka
    let workerID: String

    /// Headers written on every output record.
    enum Header {
        static let schema = "schema"
        static let contentType = "content-type"
        static let status = "dedup.status"
    }

    func provenance(for message: KafkaMessage) -> EnrichedRecord.Provenance {
        EnrichedRecord.Provenance(
            topic: message.topic,
            partition: message.partition.rawValue,
            offset: message.offset.rawValue,
            worker: workerID,
            processedAt: Date().formatted(.iso8601),
            version: NewsworkerVersion.current
        )
    }

    func records(for record: EnrichedRecord) -> [KafkaProducerMessage] {
        let status = record.dedup?.status ?? .unique
        let isCopy = status == .duplicate || status == .nearDuplicate
        let topic: String
        switch configuration.duplicates {
        case .drop where isCopy: return []
        case .route where isCopy: topic = configuration.duplicatesTopic
        default: topic = configuration.outputTopic
        }
        return [KafkaProducerMessage(
            topic: topic,
            key: Array(record.article.id.utf8),
            value: record.jsonBytes(),
            headers: [
                KafkaHeader(key: Header.schema, value: Array(EnrichedRecord.schema.utf8)),
                KafkaHeader(key: Header.contentType, value: Array("application/json".utf8)),
                KafkaHeader(key: Header.status, value: Array(status.rawValue.utf8)),
            ]
        )]
    }
}
