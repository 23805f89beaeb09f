/// What the cleaner keeps and removes from a page of text.
public struct CleanedText: Sendable, Hashable {
    /// The headline, when one was recognised.
    public var title: String?
    /// The article's paragraphs, in order, with page cruft removed.
    public var paragraphs: [String]
    /// The removed lines, in page order.
    public var boilerplate: [String]
    /// A publication date found in a page header line (`date 2022-12`).
    public var headerDate: PartialDate?
    /// The detected language (ISO 639-1, `und` when unknown).
    public var language: String
    /// Words (runs of letters and digits; each ideograph one word) in title and paragraphs, counted on
    /// the way, so callers need not scan the text again.
    public var words: Int = 0

    /// Creates a cleaned text.
    public init(
        title: String? = nil,
        paragraphs: [String] = [],
        boilerplate: [String] = [],
        headerDate: PartialDate? = nil,
        language: String = "und"
    ) {
        self.title = title
        self.paragraphs = paragraphs
        self.boilerplate = boilerplate
        self.headerDate = headerDate
        self.language = language
    }
}
