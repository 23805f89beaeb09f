/// Finds what a reader sees in a cleaned article: dates, people, places, organisations, quotes, keywords,
/// and the agencies and byline it credits.
public struct Extractor: Sendable {
    /// Creates an extractor.
    public init() {}

    /// The facts extracted from one article.
    public struct Extraction: Sendable, Hashable {
        public var dates: [MentionedDate] = []
        public var entities: [Entity] = []
        public var quotes: [Quote] = []
        public var keywords: [String] = []
        public var agencies: [String] = []
        public var byline: String?
        public var outlet: String?
        public init() {}
    }

    /// Extracts from a cleaned article.
    /// - Parameters:
    ///   - cleaned: The cleaner's output (its boilerplate is searched for bylines and source footers).
    ///   - published: The publication date, for resolving relative dates ("ce vendredi").
    public func extract(from cleaned: CleanedText, published: PartialDate?) -> Extraction {
        // TODO(extraction): placeholder.
        Extraction()
    }
}
