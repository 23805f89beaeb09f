#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
public import NewsDedup

/// The record newsworker emits: the ``Article`` plus its dedup verdict and provenance, schema
/// `newsworker.article/v1`.
public struct EnrichedRecord: Sendable, Hashable, Encodable {
    /// The schema id written in every record.
    public static let schema = "newsworker.article/v1"

    /// The article.
    public var article: Article
    /// The dedup verdict, when the article went through an index.
    public var dedup: DedupVerdict?
    /// Where the article came from and which worker processed it, when it came from Kafka.
    public var provenance: Provenance?

    /// Creates a record.
    public init(article: Article, dedup: DedupVerdict? = nil, provenance: Provenance? = nil) {
        self.article = article
        self.dedup = dedup
        self.provenance = provenance
    }

    /// Where a record came from.
    public struct Provenance: Sendable, Hashable, Codable {
        /// Input topic.
        public var topic: String
        /// Input partition.
        public var partition: Int32
        /// Input offset.
        public var offset: Int64
        /// The worker that processed it.
        public var worker: String
        /// When it was processed (ISO 8601, UTC).
        public var processedAt: String
        /// The newsworker version.
        public var version: String

        /// Creates provenance.
        public init(topic: String, partition: Int32, offset: Int64, worker: String, processedAt: String, version: String) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
            self.worker = worker
            self.processedAt = processedAt
            self.version = version
        }

        enum CodingKeys: String, CodingKey {
            case topic, partition, offset, worker, version
            case processedAt = "processed_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case schema, id, title, lead, body, language, published, dates, source, entities, quotes, keywords
        case stats, boilerplate, dedup, provenance
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schema, forKey: .schema)
        try container.encode(article.id, forKey: .id)
        try container.encode(article.title, forKey: .title)
        try container.encode(article.lead, forKey: .lead)
        try container.encode(article.body, forKey: .body)
        try container.encode(article.language, forKey: .language)
        try container.encode(article.published, forKey: .published)
        try container.encode(article.dates, forKey: .dates)
        try container.encode(article.source, forKey: .source)
        try container.encode(article.entities, forKey: .entities)
        try container.encode(article.quotes, forKey: .quotes)
        try container.encode(article.keywords, forKey: .keywords)
        try container.encode(article.stats, forKey: .stats)
        try container.encode(article.boilerplate, forKey: .boilerplate)
        try container.encodeIfPresent(dedup, forKey: .dedup)
        try container.encodeIfPresent(provenance, forKey: .provenance)
    }

    /// The record as one line of JSON (UTF-8, no trailing newline), or indented when `pretty`.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        guard pretty else { return compactJSON() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value: encoding cannot fail.
        return try! Array(encoder.encode(self))
    }
}
