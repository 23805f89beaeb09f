/// The bytes of one article as they arrived, with whatever the transport told us about them.
///
/// A `RawArticle` is the first value of the pipeline: bytes → ``RawArticle`` → ``Article`` →
/// ``EnrichedRecord`` → bytes. It carries no interpretation yet; ``ArticleParser`` does that.
public struct RawArticle: Sendable, Hashable {
    /// The article id: envelope `id`, Kafka key, file name or `topic/partition/offset`, chosen by the caller.
    public var id: String
    /// The payload: plain text, HTML or a JSON envelope, in any encoding (validated by the parser).
    public var bytes: [UInt8]
    /// Out-of-band facts from the transport (Kafka headers, file metadata).
    public var hints: Hints

    /// Creates a raw article.
    /// - Parameters:
    ///   - id: The stable article id.
    ///   - bytes: The payload exactly as received.
    ///   - hints: Metadata known from outside the payload. Default: none.
    public init(id: String, bytes: [UInt8], hints: Hints = Hints()) {
        self.id = id
        self.bytes = bytes
        self.hints = hints
    }

    /// Metadata that arrives beside the payload, for instance as Kafka headers.
    ///
    /// Values found inside a JSON envelope win over hints, except ``id`` which the caller already chose.
    public struct Hints: Sendable, Hashable {
        /// The declared media type (`application/json`, `text/plain`, `text/html`). Default: `nil` (sniffed).
        public var contentType: String?
        /// The outlet that published the article. Default: `nil`.
        public var source: String?
        /// The canonical URL of the article. Default: `nil`.
        public var url: String?
        /// The language declared by the crawler (ISO 639-1). Default: `nil` (detected).
        public var language: String?
        /// The publication date declared by the crawler (ISO 8601). Default: `nil`.
        public var publishedAt: String?

        /// Creates hints; every field defaults to unknown.
        public init(
            contentType: String? = nil,
            source: String? = nil,
            url: String? = nil,
            language: String? = nil,
            publishedAt: String? = nil
        ) {
            self.contentType = contentType
            self.source = source
            self.url = url
            self.language = language
            self.publishedAt = publishedAt
        }
    }
}
