/// What the dedup index decided about one article.
public struct DedupVerdict: Sendable, Hashable, Codable {
    /// The four things an article can be.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing remembered matches it.
        case unique
        /// Same cleaned content as an earlier article.
        case duplicate
        /// A near-verbatim copy: light edits, different cruft, truncation.
        case nearDuplicate = "near_duplicate"
        /// A rewrite or expansion of the same story: partial overlap.
        case sameStory = "same_story"
    }

    /// The verdict.
    public var status: Status
    /// The id of the earliest remembered article it matches; `nil` when ``status`` is `unique`.
    public var of: String?
    /// The story cluster: the id of the cluster's first article (its own id when unique).
    public var cluster: String
    /// The score that decided the verdict (0…1).
    public var similarity: Double

    /// Creates a verdict.
    public init(status: Status, of: String?, cluster: String, similarity: Double) {
        self.status = status
        self.of = of
        self.cluster = cluster
        self.similarity = similarity
    }
}
