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
    /// Whether the article carried a date that dedup did not use because it is implausible: before 1990,
    /// or later than the stream time plus ``DedupConfiguration/futureDateToleranceDays`` when the article
    /// was first judged. The record still reports the date (`published`); this flags it. Not part of
    /// what the fingerprint log replicates: it describes the article, not the match.
    public var implausibleDate: Bool

    /// Creates a verdict.
    public init(status: Status, of: String?, cluster: String, similarity: Double, implausibleDate: Bool = false) {
        self.status = status
        self.of = of
        self.cluster = cluster
        self.similarity = similarity
        self.implausibleDate = implausibleDate
    }

    enum CodingKeys: String, CodingKey {
        case status, of, cluster, similarity
        case implausibleDate = "implausible_date"
    }

    /// Reads a verdict; `implausible_date` is optional (absent means `false`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decode(Status.self, forKey: .status)
        of = try container.decodeIfPresent(String.self, forKey: .of)
        cluster = try container.decode(String.self, forKey: .cluster)
        similarity = try container.decode(Double.self, forKey: .similarity)
        implausibleDate = try container.decodeIfPresent(Bool.self, forKey: .implausibleDate) ?? false
    }

    /// Writes the verdict; `implausible_date` only when set, so records without it keep their shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(of, forKey: .of)
        try container.encode(cluster, forKey: .cluster)
        try container.encode(similarity, forKey: .similarity)
        if implausibleDate { try container.encode(true, forKey: .implausibleDate) }
    }
}
