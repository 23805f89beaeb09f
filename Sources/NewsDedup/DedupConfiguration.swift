/// Tuning of the dedup index: fingerprints, thresholds, time window and memory bounds.
///
/// The fingerprint settings (``shingleSize``, ``sampleRate``, ``minSamples``, ``maxSamples``,
/// ``minParagraphWords``) shape the stored fingerprints: a snapshot or a ``FingerprintRecord`` made
/// with other values is refused or meaningless. Thresholds and bounds can change between runs.
public struct DedupConfiguration: Sendable, Hashable {
    /// How long the index remembers an article, in days of stream time (the time the article entered
    /// the stream: the fingerprint log's record time in the worker, the run's clock in the batch CLI),
    /// never of the dates written in articles. Default: `7`
    public var windowDays: Int = 7
    /// The most articles remembered at once; inserting more forgets the oldest. At most
    /// ``maxArticlesLimit``. Default: `1_000_000`
    public var maxArticles: Int = 1_000_000
    /// Words per shingle (overlapping word n-grams inside one paragraph). Default: `5`
    public var shingleSize: Int = 5
    /// One shingle in this many is sampled (by hash value, so the same shingles in every article).
    /// Default: `12`
    public var sampleRate: Int = 12
    /// Fewest sampled shingles per article: short articles keep their smallest hashes. Default: `8`
    public var minSamples: Int = 8
    /// Most sampled shingles per article: long articles keep their smallest hashes. Default: `48`
    public var maxSamples: Int = 48
    /// Paragraphs (lines) with fewer words are not shingled: page cruft is short. They still count
    /// for exact duplicates. Default: `8`
    public var minParagraphWords: Int = 8
    /// A new article is a `near_duplicate` when at least this share of its sampled shingles is in an
    /// earlier one. Default: `0.7`
    public var nearDuplicateContainment: Double = 0.7
    /// A new article is `same_story` when this share of the smaller article's sampled shingles is
    /// shared. Default: `0.15`
    public var sameStoryContainment: Double = 0.15
    /// …and at least this many sampled shingles are shared. Default: `3`
    public var sameStoryMinShared: Int = 3
    /// …and the shared shingles lie in at least this many separate paragraphs of either article, so one
    /// reused background paragraph does not make two events one story. Default: `2`
    public var sameStoryMinPassages: Int = 2
    /// …and, when both articles carry a usable date, their dates are at most this many days apart, at
    /// the precision of each (`2022-12` covers the whole month, so it is compatible with `2022-12-16`).
    /// Default: `3`
    public var sameStoryMaxDayGap: Int = 3
    /// An article date later than the stream time plus this many days is implausible (a typo, a date
    /// read from a script) and not used by dedup; so is a date before ``earliestPlausibleDay``.
    /// Default: `2`
    public var futureDateToleranceDays: Int = 2
    /// A sampled shingle that earlier articles of the same source (outlet or host) carry in at least
    /// this many different stories (copies count as their cluster, any other article as itself), within
    /// the window, is that source's boilerplate (navigation,
    /// footer, newsletter pitch) and not evidence that two articles tell one story. Default: `2`
    public var boilerplateSourceStories: Int = 2
    /// A sampled shingle carried by remembered articles of at least this many different story clusters,
    /// whatever their source, is a stock phrase or cross-site cruft and not evidence either. Default: `6`
    public var boilerplateStreamStories: Int = 6
    /// Words after which a long paragraph counts as a new passage. Default: `150`
    public var passageWords: Int = 150
    /// Bytes the verdict memory may use: the verdicts of recent ids, kept after their fingerprints are
    /// forgotten, so a re-processed id gets its first verdict back for longer than the window. An entry
    /// costs 24 bytes plus the ids its verdict names (none for a unique article). Default: 128 MiB
    /// (at least 2.5 million verdicts; 5.5 million when most articles are unique)
    public var verdictMemoryBytes: Int = 128 << 20
    /// Postings kept per sampled shingle: a phrase found in more remembered articles is only linked
    /// to the earliest ones, which bounds lookup time. Default: `32`
    public var maxPostingsPerShingle: Int = 32

    /// Days since 1970 of 1990-01-01: earlier article dates are not used by dedup.
    public static let earliestPlausibleDay = 7_305

    /// The largest usable ``maxArticles`` (postings hold 24-bit slots). `12_000_000`
    public static let maxArticlesLimit = 12_000_000

    /// Creates the default configuration.
    public init() {}

    /// A hash of the settings that shape stored fingerprints, written in snapshots.
    var fingerprintSettingsHash: UInt64 {
        [shingleSize, sampleRate, minSamples, maxSamples, minParagraphWords].reduce(StableHash.seed) {
            StableHash.combine($0, UInt64(bitPattern: Int64($1)))
        }
    }

    /// The inclusive upper bound of sampled fingerprint values for ``sampleRate``.
    var globalThreshold: UInt32 {
        UInt32((UInt64(1) << 32) / UInt64(max(1, sampleRate)) - 1)
    }
}
