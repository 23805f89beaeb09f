/// Finds what a reader sees in a cleaned article: dates, people, places, organisations, quotes, keywords,
/// and the agencies and byline it credits.
///
/// The article is laid out and tokenized once (``ArticleText``); every finder then reads the same tokens,
/// whose words were looked up in the language's ``ExtractionLexicon`` while tokenizing. Pure and
/// allocation-light: about one `String` per value that reaches the output.
public struct Extractor: Sendable {
    /// Creates an extractor.
    public init() {}

    /// Extracts from a cleaned article.
    /// - Parameters:
    ///   - cleaned: The cleaner's output (its boilerplate is searched for bylines and source footers).
    ///   - published: The publication date, for resolving relative dates ("ce vendredi").
    public func extract(from cleaned: CleanedText, published: PartialDate?) -> Extraction {
        let index = LexiconIndex.forLanguage(cleaned.language)
        let text = ArticleText(cleaned, index: index)
        var extraction = Extraction()

        extraction.dates = DateFinder(text: text, published: published).find()

        var (mentions, roles) = EntityRecognizer(text: text, entries: index.entries).recognize()
        let clusterer = EntityClusterer(text: text, entries: index.entries)
        let clusters = clusterer.cluster(&mentions)
        resolve(&roles, mentions: mentions, clusters: clusters)
        let names = clusters.map { clusterer.name($0, mentions) }
        extraction.entities = clusterer.entities(clusters, mentions, names: names)

        extraction.quotes = QuoteFinder(
            text: text, invertedPronouns: index.invertedPronouns, mentions: mentions, roles: roles, names: names, clusters: clusters
        ).find()

        extraction.keywords = KeywordRanker(text: text).rank()

        let source = SourceFinder(text: text, entries: index.entries).find(mentions: mentions)
        extraction.agencies = source.agencies
        extraction.byline = source.byline
        extraction.outlet = source.outlet
        return extraction
    }

    /// Links offices to people: "le président chinois Xi Jinping" introduces Xi Jinping as "président
    /// chinois", so a later "le dirigeant chinois" refers to him.
    private func resolve(_ roles: inout [RoleReference], mentions: [EntityMention], clusters: [EntityClusterer.Cluster]) {
        var introduced: [(nationality: UInt64, cluster: Int)] = []
        if !roles.isEmpty { introduced.reserveCapacity(roles.count) }
        var cursor = 0
        for position in roles.indices {
            let end = roles[position].end
            while cursor < mentions.count, mentions[cursor].tokens.lowerBound < end { cursor += 1 }
            if cursor < mentions.count, mentions[cursor].tokens.lowerBound == end, mentions[cursor].cluster >= 0,
               clusters[mentions[cursor].cluster].kind == .person {
                introduced.append((roles[position].nationality, mentions[cursor].cluster))
            }
        }
        for position in roles.indices {
            let nationality = roles[position].nationality
            roles[position].cluster = introduced.last { $0.nationality == nationality }?.cluster ?? -1
        }
    }
}
