/// The part of an article the dedup index looks at.
public struct DedupDocument: Sendable, Hashable {
    /// The stable article id.
    public var id: String
    /// The headline, if any.
    public var title: String?
    /// The clean paragraphs (lead first).
    public var paragraphs: [String]
    /// The first day the article's date covers, in days since 1970-01-01 (publication date). Evidence
    /// only: `same_story` needs compatible dates; the window runs on stream time.
    public var day: Int?
    /// How many days the date covers: 1 for a day, the month's length for `2022-12`, the year's for
    /// `2022`. Default: `1`
    public var dayCount: Int
    /// Where the article comes from (an outlet name or a host), if known: passages a source repeats
    /// across its articles are its boilerplate, not evidence.
    public var source: String?

    /// Creates a document.
    public init(id: String, title: String? = nil, paragraphs: [String], day: Int? = nil, dayCount: Int = 1, source: String? = nil) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.day = day
        self.dayCount = max(1, dayCount)
        self.source = source
    }
}
