/// The text of an article after the payload checks, with the metadata its envelope carried.
public struct DecodedInput: Sendable, Hashable {
    /// The id given by the envelope, if any.
    public var id: String?
    /// The article text as valid UTF-8, line structure preserved (HTML already rendered to text).
    ///
    /// Bytes rather than a `String`: the payload was validated once by ``InputDecoder`` and the cleaner
    /// reads bytes, so building a `String` would only validate and copy it a second time.
    public var utf8: [UInt8]
    /// The article text.
    public var text: String { String(decoding: utf8, as: UTF8.self) }
    /// The headline given by the envelope, if any.
    public var title: String?
    /// The canonical URL (envelope, then hint).
    public var url: String?
    /// The outlet (envelope `source`, then hint).
    public var source: String?
    /// The publication date (envelope `published_at`, then hint).
    public var published: PartialDate?
    /// The declared language (envelope, then hint), lower-cased ISO 639-1.
    public var language: String?

    /// Creates decoded input; `utf8` must be valid UTF-8.
    public init(
        id: String? = nil,
        utf8: [UInt8],
        title: String? = nil,
        url: String? = nil,
        source: String? = nil,
        published: PartialDate? = nil,
        language: String? = nil
    ) {
        self.id = id
        self.utf8 = utf8
        self.title = title
        self.url = url
        self.source = source
        self.published = published
        self.language = language
    }
}
