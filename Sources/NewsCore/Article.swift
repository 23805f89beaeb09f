/// A clean, structured, enriched article: the output of ``ArticleParser``.
///
/// Its JSON form is the body of the `newsworker.article/v1` record (see `README.md` and
/// `config/schema/article-v1.schema.json`); ``EnrichedRecord`` adds `dedup` and `provenance`.
public struct Article: Sendable, Hashable, Codable {
    /// The stable article id.
    public var id: String
    /// The headline, or `nil` when none could be found.
    public var title: String?
    /// The standfirst: the first paragraph of the article.
    public var lead: String?
    /// The remaining clean paragraphs, in order.
    public var body: [String]
    /// ISO 639-1 code of the article's language (`und` when undetermined).
    public var language: String
    /// When the article was published, from the page header or the envelope (full or partial).
    public var published: PartialDate?
    /// Dates the text mentions, normalised.
    public var dates: [MentionedDate]
    /// Who published it and which agencies it credits.
    public var source: SourceInfo
    /// People, places and organisations, each once with its mentions.
    public var entities: [Entity]
    /// Quoted speech, with the speaker when the text attributes it.
    public var quotes: [Quote]
    /// The most characteristic terms of the article, best first.
    public var keywords: [String]
    /// Counts for operators.
    public var stats: Stats
    /// The lines the cleaner removed, in page order, so an operator can audit it.
    public var boilerplate: [String]

    /// Creates an article; every collection defaults to empty.
    public init(
        id: String,
        title: String? = nil,
        lead: String? = nil,
        body: [String] = [],
        language: String = "und",
        published: PartialDate? = nil,
        dates: [MentionedDate] = [],
        source: SourceInfo = SourceInfo(),
        entities: [Entity] = [],
        quotes: [Quote] = [],
        keywords: [String] = [],
        stats: Stats = Stats(),
        boilerplate: [String] = []
    ) {
        self.id = id
        self.title = title
        self.lead = lead
        self.body = body
        self.language = language
        self.published = published
        self.dates = dates
        self.source = source
        self.entities = entities
        self.quotes = quotes
        self.keywords = keywords
        self.stats = stats
        self.boilerplate = boilerplate
    }

    /// The article's paragraphs: the lead followed by the body.
    public var paragraphs: [String] { (lead.map { [$0] } ?? []) + body }

    /// Who published the article.
    public struct SourceInfo: Sendable, Hashable, Codable {
        /// The outlet (`BFMTV.com`, `euronews`), from the envelope, a header or a footer line.
        public var outlet: String?
        /// The canonical URL.
        public var url: String?
        /// News agencies the article credits (`AFP`, `Reuters`, `Sputnik`…), canonical names.
        public var agencies: [String]
        /// The byline as printed (`Par euronews avec AFP`).
        public var byline: String?

        /// Creates source information; everything defaults to unknown.
        public init(outlet: String? = nil, url: String? = nil, agencies: [String] = [], byline: String? = nil) {
            self.outlet = outlet
            self.url = url
            self.agencies = agencies
            self.byline = byline
        }
    }

    /// Counts that describe the article and the cleaning.
    public struct Stats: Sendable, Hashable, Codable {
        /// Words in title, lead and body.
        public var words: Int
        /// Paragraphs in lead and body.
        public var paragraphs: Int
        /// Lines the cleaner removed as boilerplate.
        public var boilerplateLines: Int
        /// Size of the payload in bytes.
        public var inputBytes: Int

        /// Creates stats; all zero by default.
        public init(words: Int = 0, paragraphs: Int = 0, boilerplateLines: Int = 0, inputBytes: Int = 0) {
            self.words = words
            self.paragraphs = paragraphs
            self.boilerplateLines = boilerplateLines
            self.inputBytes = inputBytes
        }

        enum CodingKeys: String, CodingKey {
            case words, paragraphs
            case boilerplateLines = "boilerplate_lines"
            case inputBytes = "input_bytes"
        }
    }
}
