/// The part of an article the dedup index looks at.
public struct DedupDocument: Sendable, Hashable {
    /// The stable article id.
    public var id: String
    /// The headline, if any.
    public var title: String?
    /// The clean paragraphs (lead first).
    public var paragraphs: [String]
    /// The article's time, in days since 1970-01-01 (publication date); drives the time window.
    public var day: Int?

    /// Creates a document.
    public init(id: String, title: String? = nil, paragraphs: [String], day: Int? = nil) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.day = day
    }
}
