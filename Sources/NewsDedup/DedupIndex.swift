/// Remembers recent articles and says, for each new one, whether it repeats one of them.
///
/// Each article is reduced to a ``DocumentFingerprint``: a sample of its 5-word shingles chosen by
/// hash value (so shared passages give shared samples), a content hash and a few counts. Sampled
/// shingles are posted in an inverted index; a new article looks its samples up and scores every
/// remembered article it shares samples with:
///
/// - `duplicate`: same content hash and shingles;
/// - `near_duplicate`: most of the new article's samples (``DedupConfiguration/nearDuplicateContainment``)
///   are in the earlier one — a copy with other cruft, a dropped paragraph, a new headline, truncation;
/// - `same_story`: enough of the smaller article is shared (``DedupConfiguration/sameStoryContainment``),
///   in several separate paragraphs of either article (so one reused background paragraph is not
///   enough), by articles whose dates (when both have a plausible one) are compatible; and not through
///   a bridge (an article whose cluster began with a remembered article the new one shares nothing
///   with: a roundup carrying a brief of that story). Between two pages of one source, a copy or a
///   story must share the lead (title, first paragraphs), or one page must be nearly all in the other:
///   what else two such pages share is the site's template.
///
/// Samples that the remembered articles show to be boilerplate are not evidence: a shingle that
/// earlier articles of the new article's source carry in several different stories
/// (``DedupConfiguration/boilerplateSourceStories``), or that articles of many different stories carry
/// (``DedupConfiguration/boilerplateStreamStories``). They are counted from the index itself, so
/// the discount is as deterministic and replicated as the verdicts.
///
/// The verdict names the earliest remembered article matched at the strongest level, and that
/// article's story cluster. Clusters never merge, so cluster ids are stable.
///
/// The index is a value: owned by one task, it is thread-safe by construction, and its verdicts depend
/// only on the articles given to it before, in order, with their stream times (fixed hashes, no
/// `Hasher`, no dictionary order). It remembers the last ``DedupConfiguration/maxArticles`` articles
/// that entered the stream within ``DedupConfiguration/windowDays`` of the latest ``StreamTime`` seen;
/// a remembered id gets its first verdict back. Dates written in articles never move the window.
/// Forgotten articles are dropped from memory by periodic compaction, which never changes verdicts.
public struct DedupIndex: Sendable {
    /// The configuration in use.
    public let configuration: DedupConfiguration
    var store = ArticleStore()
    var shingleTable = ShinglePostings()
    var idTable = PostingTable()
    /// The verdicts of recent ids, kept longer than their fingerprints.
    var verdicts: VerdictMemory
    /// The sequence number the next new article gets.
    var nextSequence: UInt64 = 0
    /// The latest stream time seen, in minutes since 1970, if any was given.
    var streamMinute: UInt32?
    private var sequenceAtLastSweep: UInt64 = 0
    private var liveAtLastSweep = 0
    private let fingerprinter: Fingerprinter

    /// Creates an empty index.
    public init(configuration: DedupConfiguration = DedupConfiguration()) {
        self.configuration = configuration
        self.fingerprinter = Fingerprinter(configuration: configuration)
        self.verdicts = VerdictMemory(budget: configuration.verdictMemoryBytes)
    }

    /// The fingerprint of a document under this index's settings. Pure: batches can compute
    /// fingerprints concurrently and insert them in order with ``insert(fingerprint:)``.
    public func fingerprint(_ document: DedupDocument) -> DocumentFingerprint {
        fingerprinter.fingerprint(document)
    }

    /// Checks a document against the index and remembers it.
    ///
    /// An id the index still remembers gets its first verdict back, and nothing changes.
    /// - Parameter time: When the document entered the stream; `nil` keeps the latest time seen.
    public mutating func insert(_ document: DedupDocument, at time: StreamTime? = nil) -> DedupVerdict {
        insertRecording(document, at: time).verdict
    }

    /// Checks a document, remembers it, and returns the record other workers need to learn it.
    /// - Returns: the verdict, and the record to publish (`nil` when the id was already known).
    public mutating func insertRecording(_ document: DedupDocument, at time: StreamTime? = nil) -> (verdict: DedupVerdict, record: FingerprintRecord?) {
        advance(to: time)
        if let verdict = rememberedVerdict(of: document.id, day: document.day) { return (verdict, nil) }
        return insertRecording(fingerprint: fingerprint(document))
    }

    /// Checks a precomputed fingerprint and remembers it.
    public mutating func insert(fingerprint: DocumentFingerprint, at time: StreamTime? = nil) -> DedupVerdict {
        insertRecording(fingerprint: fingerprint, at: time).verdict
    }

    /// Checks a precomputed fingerprint, remembers it, and returns the record to publish.
    public mutating func insertRecording(fingerprint: DocumentFingerprint, at time: StreamTime? = nil) -> (verdict: DedupVerdict, record: FingerprintRecord?) {
        advance(to: time)
        if let verdict = rememberedVerdict(of: fingerprint.id, day: fingerprint.day) { return (verdict, nil) }
        let (decision, date, verdict) = judge(fingerprint)
        let record = FingerprintRecord(
            id: fingerprint.id,
            day: date?.lowerBound,
            dayCount: date?.count ?? 1,
            streamMinute: streamMinute ?? 0,
            sourceKey: fingerprint.sourceKey,
            verdict: decision.verdict,
            shingleCount: fingerprint.shingleCount,
            sampleCount: fingerprint.samples.count,
            contentHash: fingerprint.contentHash,
            threshold: fingerprint.threshold,
            postedSamples: decision.posted,
            postedPassages: decision.postedPassages
        )
        remember(record, sequence: nextSequence, verdict: verdict)
        return (verdict, record)
    }

    /// The decision on a fingerprint the index does not know yet, the date it used (`nil`: none, or an
    /// implausible one), and its verdict, flagged when the article's date was implausible.
    private func judge(_ fingerprint: DocumentFingerprint) -> (decision: Decision, date: ClosedRange<Int>?, verdict: DedupVerdict) {
        let date = usableDate(day: fingerprint.day, dayCount: fingerprint.dayCount)
        let decision = decide(fingerprint, date: date, liveness: liveness)
        var verdict = decision.verdict
        verdict.implausibleDate = fingerprint.day != nil && date == nil
        return (decision, date, verdict)
    }

    /// The verdict ``insert(_:at:)`` would give, without remembering the document.
    public func query(_ document: DedupDocument, at time: StreamTime? = nil) -> DedupVerdict {
        var probe = self
        probe.advance(to: time)
        if let verdict = probe.rememberedVerdict(of: document.id, day: document.day) { return verdict }
        return probe.judge(probe.fingerprint(document)).verdict
    }

    /// Learns an article another worker processed, from its record, with the verdict it got there.
    /// Records must be applied in the same order everywhere; a known id is ignored.
    public mutating func apply(_ record: FingerprintRecord) {
        advance(toMinute: record.streamMinute)
        guard !remembers(record.id) else { return }
        remember(record, sequence: nextSequence)
    }

    /// The verdict remembered for an id, if the index (or its verdict memory) still holds it.
    public func verdict(for id: String) -> DedupVerdict? {
        rememberedVerdict(of: id, day: nil)
    }

    /// The latest stream time seen (minute precision), if any.
    public var streamTime: StreamTime? {
        streamMinute.map { StreamTime(millisecondsSince1970: Int64($0) * 60_000) }
    }

    /// Moves stream time forward to `time` (never back).
    public mutating func advance(to time: StreamTime?) {
        if let time { advance(toMinute: time.minute) }
    }

    private mutating func advance(toMinute minute: UInt32) {
        streamMinute = max(streamMinute ?? minute, minute)
    }

    /// The days a date covers, when dedup may use it: not before 1990 and not later than the stream
    /// time plus ``DedupConfiguration/futureDateToleranceDays``.
    func usableDate(day: Int?, dayCount: Int) -> ClosedRange<Int>? {
        guard let day, isPlausible(day: day) else { return nil }
        return day...day + max(1, dayCount) - 1
    }

    /// Whether dedup uses an article date starting on `day` (days since 1970) at the current stream
    /// time: not before 1990, not after the stream time plus ``DedupConfiguration/futureDateToleranceDays``.
    public func isPlausible(day: Int) -> Bool {
        guard day >= DedupConfiguration.earliestPlausibleDay else { return false }
        guard let streamMinute else { return true }
        return day <= Int(streamMinute) / 1_440 + configuration.futureDateToleranceDays
    }

    /// Articles currently remembered (inside the window and the cap).
    public var count: Int { liveSlots().count }

    /// The slots of the articles still remembered, ascending.
    func liveSlots() -> [Int] {
        let live = liveness
        return store.sequences.withUnsafeBufferPointer { sequences in
            store.streamMinutes.withUnsafeBufferPointer { minutes in
                (0..<sequences.count).filter { live.isLive(sequence: sequences[$0], minute: minutes[$0]) }
            }
        }
    }

    // MARK: - Internals

    /// Which stored articles still count: among the last `maxArticles`, entered within the window.
    struct Liveness {
        /// The low 32 bits of the next sequence number.
        var nextSequence: UInt32
        var streamMinute: UInt32
        var windowMinutes: UInt32
        var maxArticles: UInt32

        @inline(__always)
        func isLive(_ slot: Int, in store: ArticleStore) -> Bool {
            isLive(sequence: store.sequences[slot], minute: store.streamMinutes[slot])
        }

        /// Whether an article with this sequence number and stream minute still counts.
        @inline(__always)
        func isLive(sequence: UInt32, minute: UInt32) -> Bool {
            nextSequence &- sequence <= maxArticles && (minute >= streamMinute || streamMinute - minute <= windowMinutes)
        }
    }

    var liveness: Liveness {
        Liveness(
            nextSequence: UInt32(truncatingIfNeeded: nextSequence),
            streamMinute: streamMinute ?? 0,
            windowMinutes: UInt32(clamping: max(0, configuration.windowDays) * 1_440),
            maxArticles: UInt32(min(max(1, configuration.maxArticles), DedupConfiguration.maxArticlesLimit))
        )
    }

    static func idKey(_ id: String) -> UInt32 {
        let hash = StableHash.string(id)
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    func liveSlot(of id: String) -> Int? {
        let live = liveness
        var found: Int?
        idTable.forEachValue(of: Self.idKey(id)) { slot in
            let slot = Int(slot)
            if found == nil, store.hasID(id, at: slot), live.isLive(slot, in: store) { found = slot }
        }
        return found
    }

    /// Stores an article; `verdict` (the record's, by default) goes to the verdict memory unless
    /// `intoVerdictMemory` is false (a snapshot restores that memory whole).
    mutating func remember(_ record: FingerprintRecord, sequence: UInt64, verdict: DedupVerdict? = nil, intoVerdictMemory: Bool = true) {
        if intoVerdictMemory { verdicts.append(idKey: Self.verdictKey(record.id), verdict: verdict ?? record.verdict) }
        let slot = store.append(ArticleStore.Entry(
            id: record.id,
            sequence: sequence,
            day: record.day,
            dayCount: record.dayCount,
            streamMinute: record.streamMinute,
            sourceKey: record.sourceKey,
            verdict: record.verdict,
            quantizedSimilarity: FingerprintRecord.quantize(record.verdict.similarity),
            sampleCount: record.sampleCount,
            shingleCount: record.shingleCount,
            threshold: record.threshold,
            contentHash: record.contentHash
        ))
        idTable.add(key: Self.idKey(record.id), value: slot)
        for (key, passage) in zip(record.postedSamples, record.postedPassages) {
            shingleTable.add(key: key, value: slot << 8 | UInt32(passage))
        }
        nextSequence = max(nextSequence, sequence + 1)
        compactIfDue()
    }

    /// Every so often (amortised O(1) per article), drops forgotten articles from memory.
    private mutating func compactIfDue() {
        guard nextSequence - sequenceAtLastSweep >= UInt64(max(1024, liveAtLastSweep / 4)) else { return }
        compact(force: false)
    }

    /// Sweeps for forgotten articles and rebuilds the structures without them when worthwhile.
    mutating func compact(force: Bool) {
        let keep = liveSlots()
        sequenceAtLastSweep = nextSequence
        liveAtLastSweep = keep.count
        guard force || keep.count * 5 < store.count * 4 else { return }
        var remap = [UInt32](repeating: .max, count: store.count)
        for (newSlot, oldSlot) in keep.enumerated() { remap[oldSlot] = UInt32(newSlot) }
        store = store.compacted(keeping: keep)
        shingleTable = shingleTable.rebuilt {
            let mapped = remap[Int($0 >> 8)]
            return mapped == .max ? nil : mapped << 8 | ($0 & 0xFF)
        }
        idTable = idTable.rebuilt(expected: keep.count + 16) {
            let mapped = remap[Int($0)]
            return mapped == .max ? nil : mapped
        }
    }
}
