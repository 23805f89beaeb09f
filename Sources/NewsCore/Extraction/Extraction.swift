extension Extractor {
    /// The facts extracted from one article.
    public struct Extraction: Sendable, Hashable {
        /// Dates the text mentions, normalised, in order of first mention.
        public var dates: [MentionedDate] = []
        /// People, places and organisations, most mentioned first.
        public var entities: [Entity] = []
        /// Quoted speech, in text order.
        public var quotes: [Quote] = []
        /// The most characteristic terms, best first.
        public var keywords: [String] = []
        /// Credited news agencies, canonical names, in order of first mention.
        public var agencies: [String] = []
        /// The byline as printed (`Par euronews avec AFP`).
        public var byline: String?
        /// The outlet named by a source footer ("Article original publié sur BFMTV.com") or a byline.
        public var outlet: String?

        /// Creates an empty extraction.
        public init() {}
    }
}
