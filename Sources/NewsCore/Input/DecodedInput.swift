/// The text of an article after the payload checks, with the metadata its envelope carried.
public struct DecodedInput: Sendable, Hashable {
    /// The id given by the envelope, if any.
    public var id: String?
    /// The article text, valid Unicode, line structure preserved (for HTML, the article's blocks, one a line).
    public var text: String
    /// The headline given by the envelope, if any.
    public var title: String?
    /// The canonical URL (envelope, then hint, then the page's canonical link).
    public var url: String?
    /// The outlet (envelope `source`, then hint, then the page's site name).
    public var source: String?
    /// The publication date (envelope `published_at`, then hint, then the page's metadata).
    public var published: PartialDate?
    /// The declared language (envelope, then hint), lower-cased ISO 639-1.
    public var language: String?
    /// The author named by an HTML page's metadata (JSON-LD, `<meta name=author>`), if any.
    public var author: String?
    /// The language an HTML page declares in its markup (`<html lang>`), used when detection finds none.
    public var pageLanguage: String?
    /// For an HTML page, the UTF-8 byte range of ``text`` rendered from the element the page marks as its
    /// article body (`itemprop=articleBody`, a class such as `entry-content`): its lines are article by the
    /// page's own account, whatever their shape (lists of ingredients, timelines, short lines).
    public var declaredArticle: Range<Int>?

    /// Creates decoded input.
    public init(
        id: String? = nil,
        text: String,
        title: String? = nil,
        url: String? = nil,
        source: String? = nil,
        published: PartialDate? = nil,
        language: String? = nil
    ) {
        self.id = id
        self.text = text
        self.title = title
        self.url = url
        self.source = source
        self.published = published
        self.language = language
    }
}
