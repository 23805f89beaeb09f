/// The remembered articles, one slot each, in insertion order, column by column.
///
/// Columns of small integers rather than an array of structs: no padding, no per-article allocation.
/// Ids (the article's, and the `of` and `cluster` of its verdict) live in one byte arena.
struct ArticleStore: Sendable {
    /// What the store keeps of one article.
    struct Entry: Sendable, Hashable {
        var id: String
        var sequence: UInt64
        var day: Int?
        var dayCount: Int
        var streamMinute: UInt32
        var sourceKey: UInt32
        var verdict: DedupVerdict
        var quantizedSimilarity: UInt16
        var sampleCount: Int
        var shingleCount: Int
        var threshold: UInt32
        var contentHash: UInt32
    }

    /// The similarity from which a `near_duplicate` counts as a copy of its cluster (see ``stories``).
    static let copySimilarity = 0.9

    /// The day stored for an article without a usable date.
    static let noDay = Int32.min

    /// The low 32 bits of each article's sequence number (live articles are never 2³² apart).
    private(set) var sequences: [UInt32] = []
    /// When each article entered the stream, minutes since 1970.
    private(set) var streamMinutes: [UInt32] = []
    /// The first day of each article's usable date, or ``noDay``.
    private(set) var days: [Int32] = []
    /// Days each date covers, minus one.
    private(set) var dayExtents: [UInt16] = []
    /// The source key of each article (`0`: unknown).
    private(set) var sources: [UInt32] = []
    /// What each article counts as when the index counts the stories carrying a passage: a copy (a
    /// `duplicate`, or a `near_duplicate` with at least ``copySimilarity``) counts as its cluster, any other
    /// article as itself (a hash of the id). So re-sends and re-crawls do not make a story's text look like
    /// boilerplate, and a page joined to another by shared template text still counts as a page of its own.
    private(set) var stories: [UInt32] = []
    /// A key of each article's story cluster (a hash of the cluster id).
    private(set) var clusters: [UInt32] = []
    /// Bits 1–2: ``DedupVerdict/Status`` index.
    private(set) var flags: [UInt8] = []
    private(set) var similarities: [UInt16] = []
    private(set) var sampleCounts: [UInt16] = []
    private(set) var shingleCounts: [UInt16] = []
    private(set) var thresholds: [UInt32] = []
    private(set) var contentHashes: [UInt32] = []
    private var nameOffsets: [UInt32] = []
    private var names: [UInt8] = []

    /// Articles stored (live or not yet compacted away).
    var count: Int { sequences.count }

    /// Bytes held, counting allocated capacity.
    var byteCount: Int {
        sequences.capacity * 4 + streamMinutes.capacity * 4 + days.capacity * 4 + dayExtents.capacity * 2
            + sources.capacity * 4 + stories.capacity * 4 + clusters.capacity * 4 + flags.capacity + similarities.capacity * 2
            + sampleCounts.capacity * 2 + shingleCounts.capacity * 2 + thresholds.capacity * 4
            + contentHashes.capacity * 4 + nameOffsets.capacity * 4 + names.capacity
    }

    /// Appends an article; returns its slot.
    mutating func append(_ entry: Entry) -> UInt32 {
        let slot = UInt32(sequences.count)
        if sequences.count == sequences.capacity { reserve(Self.grown(sequences.count + 1)) }
        let nameBytes = entry.id.utf8.count + entry.verdict.cluster.utf8.count + 8
        if names.count + nameBytes > names.capacity { names.reserveCapacity(Self.grown(names.count + nameBytes)) }
        sequences.append(UInt32(truncatingIfNeeded: entry.sequence))
        streamMinutes.append(entry.streamMinute)
        days.append(entry.day.map { Int32(clamping: $0) } ?? Self.noDay)
        dayExtents.append(UInt16(clamping: entry.dayCount - 1))
        sources.append(entry.sourceKey)
        let isCopy = entry.verdict.status == .duplicate
            || (entry.verdict.status == .nearDuplicate && entry.verdict.similarity >= Self.copySimilarity)
        stories.append(Self.storyKey(isCopy ? entry.verdict.cluster : entry.id))
        clusters.append(Self.storyKey(entry.verdict.cluster))
        flags.append(UInt8(Self.statusIndex(entry.verdict.status)) << 1)
        similarities.append(entry.quantizedSimilarity)
        sampleCounts.append(UInt16(clamping: entry.sampleCount))
        shingleCounts.append(UInt16(clamping: entry.shingleCount))
        thresholds.append(entry.threshold)
        contentHashes.append(entry.contentHash)
        nameOffsets.append(UInt32(names.count))
        appendNames(id: entry.id, verdict: entry.verdict)
        return slot
    }

    /// The stored article in `slot`; `nextSequence` restores the full sequence number.
    func entry(at slot: Int, nextSequence: UInt64) -> Entry {
        let (id, verdict) = readNames(at: slot)
        return Entry(
            id: id,
            sequence: nextSequence &- UInt64(UInt32(truncatingIfNeeded: nextSequence) &- sequences[slot]),
            day: days[slot] == Self.noDay ? nil : Int(days[slot]),
            dayCount: Int(dayExtents[slot]) + 1,
            streamMinute: streamMinutes[slot],
            sourceKey: sources[slot],
            verdict: verdict,
            quantizedSimilarity: similarities[slot],
            sampleCount: Int(sampleCounts[slot]),
            shingleCount: Int(shingleCounts[slot]),
            threshold: thresholds[slot],
            contentHash: contentHashes[slot]
        )
    }

    /// The article id in `slot`.
    func id(at slot: Int) -> String {
        var cursor = Int(nameOffsets[slot])
        return readString(&cursor)
    }

    /// Whether the id in `slot` is `id`, without building a string.
    func hasID(_ id: String, at slot: Int) -> Bool {
        var cursor = Int(nameOffsets[slot])
        let length = readLength(&cursor)
        guard length == id.utf8.count else { return false }
        return names[cursor..<cursor + length].elementsEqual(id.utf8)
    }

    /// The id and verdict stored in `slot`.
    func readNames(at slot: Int) -> (id: String, verdict: DedupVerdict) {
        var cursor = Int(nameOffsets[slot])
        let id = readString(&cursor)
        let kind = names[cursor]
        cursor += 1
        let status = Self.status(at: Int(flags[slot] >> 1) & 3)
        let similarity = Double(similarities[slot]) / 10_000
        switch kind {
        case 0:
            return (id, DedupVerdict(status: status, of: nil, cluster: id, similarity: similarity))
        case 1:
            let of = readString(&cursor)
            return (id, DedupVerdict(status: status, of: of, cluster: of, similarity: similarity))
        default:
            let of = readString(&cursor)
            let cluster = readString(&cursor)
            return (id, DedupVerdict(status: status, of: of, cluster: cluster, similarity: similarity))
        }
    }

    /// A store holding only the slots listed (ascending), in that order.
    func compacted(keeping slots: [Int]) -> ArticleStore {
        var store = ArticleStore()
        store.reserve(slots.count)
        store.names.reserveCapacity(slots.reduce(0) { $0 + namesRange(of: $1).count })
        for slot in slots {
            store.sequences.append(sequences[slot])
            store.streamMinutes.append(streamMinutes[slot])
            store.days.append(days[slot])
            store.dayExtents.append(dayExtents[slot])
            store.sources.append(sources[slot])
            store.stories.append(stories[slot])
            store.clusters.append(clusters[slot])
            store.flags.append(flags[slot])
            store.similarities.append(similarities[slot])
            store.sampleCounts.append(sampleCounts[slot])
            store.shingleCounts.append(shingleCounts[slot])
            store.thresholds.append(thresholds[slot])
            store.contentHashes.append(contentHashes[slot])
            store.nameOffsets.append(UInt32(store.names.count))
            store.names.append(contentsOf: names[namesRange(of: slot)])
        }
        return store
    }

    /// Where the names of `slot` lie in the arena.
    private func namesRange(of slot: Int) -> Range<Int> {
        Int(nameOffsets[slot])..<(slot + 1 < nameOffsets.count ? Int(nameOffsets[slot + 1]) : names.count)
    }

    /// Room for `count` elements and an eighth more: the columns grow by steps of an eighth, not by
    /// doubling as arrays do by themselves, so at most an eighth of what they hold is room not yet used
    /// (doubling leaves up to as much again, and how much depends on the allocator's rounding on the way).
    static func grown(_ count: Int) -> Int { count + max(count / 8, 64) }

    /// Reserves room for `count` articles in every column but the names arena.
    mutating func reserve(_ count: Int) {
        sequences.reserveCapacity(count)
        streamMinutes.reserveCapacity(count)
        days.reserveCapacity(count)
        dayExtents.reserveCapacity(count)
        sources.reserveCapacity(count)
        stories.reserveCapacity(count)
        clusters.reserveCapacity(count)
        flags.reserveCapacity(count)
        similarities.reserveCapacity(count)
        sampleCounts.reserveCapacity(count)
        shingleCounts.reserveCapacity(count)
        thresholds.reserveCapacity(count)
        contentHashes.reserveCapacity(count)
        nameOffsets.reserveCapacity(count)
    }

    /// The days the usable date of `slot` covers, or `nil` when it has none.
    @inline(__always) func dateRange(at slot: Int) -> ClosedRange<Int>? {
        let first = days[slot]
        return first == Self.noDay ? nil : Int(first)...Int(first) + Int(dayExtents[slot])
    }

    /// The key the store keeps for a story or a cluster id.
    static func storyKey(_ id: String) -> UInt32 {
        let hash = StableHash.string(id)
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    // MARK: - Names arena

    /// Appends an article's names: id, then a kind byte (0: unique, cluster is the id; 1: cluster is
    /// `of`; 2: both follow), then `of` and `cluster` as needed.
    private mutating func appendNames(id: String, verdict: DedupVerdict) {
        writeString(id)
        if let of = verdict.of {
            if verdict.cluster == of {
                names.append(1)
                writeString(of)
            } else {
                names.append(2)
                writeString(of)
                writeString(verdict.cluster)
            }
        } else {
            names.append(0)
        }
    }

    private mutating func writeString(_ text: String) {
        var length = text.utf8.count
        while length >= 0x80 {
            names.append(UInt8(length & 0x7F) | 0x80)
            length >>= 7
        }
        names.append(UInt8(length))
        names.append(contentsOf: text.utf8)
    }

    private func readLength(_ cursor: inout Int) -> Int {
        var length = 0
        var shift = 0
        while true {
            let byte = names[cursor]
            cursor += 1
            length |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return length }
            shift += 7
        }
    }

    private func readString(_ cursor: inout Int) -> String {
        let length = readLength(&cursor)
        defer { cursor += length }
        return String(decoding: names[cursor..<cursor + length], as: UTF8.self)
    }

    static func statusIndex(_ status: DedupVerdict.Status) -> Int {
        switch status {
        case .unique: 0
        case .duplicate: 1
        case .nearDuplicate: 2
        case .sameStory: 3
        }
    }

    static func status(at index: Int) -> DedupVerdict.Status {
        switch index {
        case 1: .duplicate
        case 2: .nearDuplicate
        case 3: .sameStory
        default: .unique
        }
    }
}
