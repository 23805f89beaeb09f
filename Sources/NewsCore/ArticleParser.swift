/// The shared core: turns a ``RawArticle`` into an ``Article``. Pure, synchronous, no I/O.
///
/// The batch CLI and the Kafka worker call the very same parser, so a file and a message with the same
/// bytes give the same article.
public struct ArticleParser: Sendable {
    /// Limits and switches of the parser.
    public struct Configuration: Sendable, Hashable {
        /// Largest payload accepted, in bytes. Default: `8 MiB`.
        public var maxBytes: Int = 8 << 20
        /// Whether a JSON envelope's `id` replaces ``RawArticle/id`` (the worker's rule: envelope id, else
        /// Kafka key, else `topic/partition/offset`). The batch CLI keeps file names. Default: `false`.
        public var envelopeIDWins: Bool = false
        /// Creates the default configuration.
        public init() {}
    }

    /// The configuration in use.
    public let configuration: Configuration
    private let cleaner = Cleaner()
    private let extractor = Extractor()

    /// Creates a parser.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Parses one article.
    /// - Throws: ``ParseError`` when the payload is empty, too large, not UTF-8, a malformed envelope,
    ///   or holds no article text.
    public func parse(_ raw: RawArticle) throws(ParseError) -> Article {
        let input = try InputDecoder(maxBytes: configuration.maxBytes).decode(raw)
        var cleaned = cleaner.clean(input.text, title: input.title, language: input.language, declaredArticle: input.declaredArticle)
        guard !cleaned.paragraphs.isEmpty else {
            throw ParseError(.noContent, stage: .clean, "no article text left after removing \(cleaned.boilerplate.count) boilerplate lines")
        }
        let published = input.published ?? cleaned.headerDate
        let facts = extractor.extract(from: cleaned, published: published)
        let paragraphCount = cleaned.paragraphs.count
        // The paragraphs are moved out of `cleaned` rather than copied, so that taking the lead off the front
        // reuses their array: no new array, no retain and release of every paragraph.
        var body = cleaned.paragraphs
        cleaned.paragraphs = []
        let lead = body.removeFirst()
        return Article(
            id: configuration.envelopeIDWins ? input.id ?? raw.id : raw.id,
            title: cleaned.title,
            lead: lead,
            body: body,
            language: cleaned.language == "und" ? input.pageLanguage ?? cleaned.language : cleaned.language,
            published: published,
            dates: facts.dates,
            source: Article.SourceInfo(
                outlet: input.source ?? facts.outlet,
                url: input.url,
                agencies: facts.agencies,
                byline: facts.byline ?? input.author
            ),
            entities: facts.entities,
            quotes: facts.quotes,
            keywords: facts.keywords,
            stats: Article.Stats(
                words: cleaned.words,
                paragraphs: paragraphCount,
                boilerplateLines: cleaned.boilerplate.count,
                inputBytes: raw.bytes.count
            ),
            boilerplate: cleaned.boilerplate
        )
    }
}
