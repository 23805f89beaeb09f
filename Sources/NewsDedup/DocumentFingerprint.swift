/// What the index keeps of one document: a sample of its shingle hashes and a few counts.
///
/// Made by ``DedupIndex/fingerprint(_:)`` (pure, so batches can be fingerprinted on several cores).
/// Sampling is by hash value: a shingle is sampled when its 32-bit fingerprint is at most
/// ``threshold``, so a passage shared by two articles gives them the same samples. So is the smallest
/// fingerprint of each passage of the lead (title, first paragraphs), whatever its value, so that a lead
/// of short paragraphs, which may hold no fingerprint under the threshold, is sampled too.
public struct DocumentFingerprint: Sendable, Hashable {
    /// The article id.
    public var id: String
    /// The first day of the article's date (days since 1970), if known.
    public var day: Int?
    /// Days the date covers (1, a month, a year).
    public var dayCount: Int
    /// A hash of the article's source (outlet or host); `0` when unknown.
    public var sourceKey: UInt32
    /// Shingles in the article (paragraphs long enough to shingle), saturated at 65 535.
    public var shingleCount: Int
    /// A hash of every normalised word of title and paragraphs, in order: equal for exact copies.
    public var contentHash: UInt32
    /// The inclusive bound of the sampled fingerprint values for this article, but for the minimums of
    /// lead passages.
    public var threshold: UInt32
    /// The sampled shingle fingerprints, ascending and distinct: all at most ``threshold`` and the
    /// smallest of each lead passage.
    public var samples: [UInt32]
    /// For each of ``samples``, the passage of the article it first occurs in (a paragraph, or a
    /// stretch of a long one; consecutive numbers are stretches of one paragraph, and one number is
    /// left unused between paragraphs). Used to tell several shared paragraphs from one reused one.
    public var passages: [UInt16]

    /// Creates a fingerprint.
    public init(
        id: String,
        day: Int?,
        dayCount: Int = 1,
        sourceKey: UInt32 = 0,
        shingleCount: Int,
        contentHash: UInt32,
        threshold: UInt32,
        samples: [UInt32],
        passages: [UInt16]
    ) {
        self.id = id
        self.day = day
        self.dayCount = max(1, dayCount)
        self.sourceKey = sourceKey
        self.shingleCount = shingleCount
        self.contentHash = contentHash
        self.threshold = threshold
        self.samples = samples
        self.passages = passages
    }
}
