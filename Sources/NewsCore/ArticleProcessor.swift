public import NewsDedup

/// Parser and dedup index together: what both the batch CLI and the worker run for every article.
///
/// A value owned by one task: the index inside is mutated by ``process(_:)``, so verdicts depend only
/// on the order of the articles given to it.
public struct ArticleProcessor: Sendable {
    /// The parser.
    public let parser: ArticleParser
    /// The dedup index, remembering every article processed so far (within its window).
    public var index: DedupIndex

    /// Creates a processor.
    public init(parser: ArticleParser = ArticleParser(), index: DedupIndex = DedupIndex()) {
        self.parser = parser
        self.index = index
    }

    /// Parses one article and checks it against the index.
    /// - Parameter time: When the article entered the stream (the dedup window runs on it); `nil`
    ///   keeps the latest time given.
    /// - Returns: the record (without provenance), or the reason it could not be parsed.
    public mutating func process(_ raw: RawArticle, at time: StreamTime? = nil) -> Result<EnrichedRecord, ParseError> {
        do {
            let article = try parser.parse(raw)
            let verdict = index.insert(article.dedupDocument, at: time)
            return .success(EnrichedRecord(article: article, dedup: verdict))
        } catch {
            return .failure(error)
        }
    }
}
