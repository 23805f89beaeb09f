/// What the index keeps of one document: a sample of its shingle hashes and a few counts.
///
/// Made by ``DedupIndex/fingerprint(_:)`` (pure, so batches can be fingerprinted on several cores).
/// Sampling is by hash value: a shingle is sampled when its 32-bit fingerprint is at most
/// ``threshold``, so a passage shared by two articles gives them the same samples.
public struct DocumentFingerprint: Sendable, Hashable {
    /// The article id.
    public var id: String
    /// The article's day (days since 1970), if known.
    public var day: Int?
    /// Shingles in the article (paragraphs long enough to shingle), saturated at 65 535.
    public var shingleCount: Int
    /// A hash of every normalised word of title and paragraphs, in order: equal for exact copies.
    public var contentHash: UInt32
    /// The inclusive bound of the sampled fingerprint values for this article.
    public var threshold: UInt32
    /// The sampled shingle fingerprints, ascending and distinct, all at most ``threshold``.
    public var samples: [UInt32]
    /// For each of ``samples``, the passage of the article it first occurs in (a paragraph, or a
    /// stretch of a long one). Used to tell several shared passages from one reused paragraph.
    public var passages: [UInt16]

    /// Creates a fingerprint.
    public init(
        id: String,
        day: Int?,
        shingleCount: Int,
        contentHash: UInt32,
        threshold: UInt32,
        samples: [UInt32],
        passages: [UInt16]
    ) {
        self.id = id
        self.day = day
        self.shingleCount = shingleCount
        self.contentHash = contentHash
        self.threshold = threshold
        self.samples = samples
        self.passages = passages
    }
}
