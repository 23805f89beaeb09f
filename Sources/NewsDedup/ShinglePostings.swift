/// The inverted index of sampled shingles: key (a 32-bit shingle fingerprint) → values (article slot
/// and passage), in about 6 bytes a posting.
///
/// Most postings live in a sorted run: keys are spread by a bijective multiplication, grouped into
/// 2^`bits` buckets by their top bits through a directory of offsets, and each posting keeps only the
/// key's low 16 bits (`UInt16`) and its value (`UInt32`). The latest postings are merged into the run
/// (sorted, then one linear merge) once they are a sixteenth of it; until then a key's first two are in
/// a ``PostingTable`` (at most two entries per key: its probe runs stay short) and its others in
/// ``PostingChains`` (most keys have none, so most recent postings cost a table's 8 bytes). The run is
/// ordered by key, then value, whatever the order of insertion, so lookups see exactly the postings added, never a false match.
struct ShinglePostings: Sendable {
    /// The first posting of each key added since the last merge.
    private var recent = PostingTable()
    /// The other postings added since the last merge.
    private var recentRepeats = PostingChains()
    /// Offsets into ``lows``/``values`` of each bucket, plus the end: `2^bits + 1` entries (empty when
    /// the run is empty).
    private var directory: [UInt32] = []
    /// The low 16 bits of each posting's spread key, ascending within a bucket.
    private var lows: [UInt16] = []
    /// Each posting's value.
    private var values: [UInt32] = []
    /// Directory bits (at least 16, so a bucket and 16 low bits give the whole key).
    private var bits = 16

    /// Recent postings of a key kept in the ``PostingTable`` before the others go to ``PostingChains``:
    /// two, so a key posted once more (an article and its copy) costs no chain head.
    static let tablePostingsPerKey = 2

    /// The fewest recent postings merged into the run.
    static let minimumMerge = 1 << 16

    /// Postings held.
    var count: Int { recentCount + values.count }

    private var recentCount: Int { recent.count + recentRepeats.count }

    /// Bytes held, counting allocated capacity.
    var byteCount: Int {
        recent.byteCount + recentRepeats.byteCount + directory.capacity * 4 + lows.capacity * 2 + values.capacity * 4
    }

    /// Adds one posting.
    mutating func add(key: UInt32, value: UInt32) {
        var inTable = 0
        recent.forEachValue(of: key) { _ in inTable += 1 }
        if inTable >= Self.tablePostingsPerKey {
            recentRepeats.add(key: key, value: value)
        } else {
            recent.add(key: key, value: value)
        }
        if recentCount >= max(Self.minimumMerge, values.count / 16) { merge() }
    }

    /// Calls `body` with the value of every posting of `key` (in no order callers may depend on).
    @inline(__always)
    func forEachValue(of key: UInt32, _ body: (UInt32) -> Void) {
        recent.forEachValue(of: key, body)
        recentRepeats.forEachValue(of: key, body)
        guard !directory.isEmpty else { return }
        let spread = Self.spread(key)
        let bucket = Int(spread >> (32 - UInt32(bits)))
        let low = UInt16(truncatingIfNeeded: spread)
        lows.withUnsafeBufferPointer { lows in
            var index = Int(directory[bucket])
            let end = Int(directory[bucket + 1])
            while index < end, lows[index] < low { index += 1 }
            while index < end, lows[index] == low {
                body(values[index])
                index += 1
            }
        }
    }

    /// Calls `body` with every (key, value) posting.
    func forEachPosting(_ body: (UInt32, UInt32) -> Void) {
        forEachRecentPosting(body)
        forEachRunPosting { spread, value in body(Self.unspread(spread), value) }
    }

    /// A copy holding only the postings whose value `remap` maps to a new value, all in the run.
    func rebuilt(keeping remap: (UInt32) -> UInt32?) -> ShinglePostings {
        var packed: [UInt64] = []
        packed.reserveCapacity(count)
        forEachRunPosting { spread, value in
            if let mapped = remap(value) { packed.append(UInt64(spread) << 32 | UInt64(mapped)) }
        }
        forEachRecentPosting { key, value in
            if let mapped = remap(value) { packed.append(UInt64(Self.spread(key)) << 32 | UInt64(mapped)) }
        }
        packed.sort()
        var result = ShinglePostings()
        result.build(sorted: packed)
        return result
    }

    /// Moves the recent postings into the run: the run is already in order, so only the recent postings
    /// are sorted, then the two are merged in one pass.
    private mutating func merge() {
        var incoming: [UInt64] = []
        incoming.reserveCapacity(recentCount)
        forEachRecentPosting { key, value in incoming.append(UInt64(Self.spread(key)) << 32 | UInt64(value)) }
        incoming.sort()
        var packed: [UInt64] = []
        packed.reserveCapacity(values.count + incoming.count)
        var next = 0
        forEachRunPosting { spread, value in
            let posting = UInt64(spread) << 32 | UInt64(value)
            while next < incoming.count, incoming[next] < posting {
                packed.append(incoming[next])
                next += 1
            }
            packed.append(posting)
        }
        packed.append(contentsOf: incoming[next...])
        build(sorted: packed)
    }

    /// Builds the run from ascending packed `spread << 32 | value` postings (too few for a run: the hash
    /// table).
    private mutating func build(sorted packed: [UInt64]) {
        recent = PostingTable(expected: packed.count < Self.minimumMerge ? packed.count : 0)
        recentRepeats = PostingChains()
        directory = []
        lows = []
        values = []
        guard packed.count >= Self.minimumMerge else {
            for posting in packed {
                add(key: Self.unspread(UInt32(truncatingIfNeeded: posting >> 32)), value: UInt32(truncatingIfNeeded: posting))
            }
            return
        }
        bits = 16
        while bits < 28, packed.count >> bits > 32 { bits += 1 }
        let buckets = 1 << bits
        directory = [UInt32](repeating: 0, count: buckets + 1)
        lows = packed.map { UInt16(truncatingIfNeeded: $0 >> 32) }
        values = packed.map { UInt32(truncatingIfNeeded: $0) }
        // Counting pass, then prefix sums: directory[b] is the first posting of bucket b.
        for posting in packed { directory[Int(posting >> (64 - UInt64(bits))) + 1] += 1 }
        for bucket in 0..<buckets { directory[bucket + 1] += directory[bucket] }
    }

    /// Calls `body` with every (key, value) posting added since the last merge.
    private func forEachRecentPosting(_ body: (UInt32, UInt32) -> Void) {
        recent.forEachPosting(body)
        recentRepeats.forEachPosting(body)
    }

    /// Calls `body` with the spread key and value of every posting of the run.
    private func forEachRunPosting(_ body: (UInt32, UInt32) -> Void) {
        guard !directory.isEmpty else { return }
        let lowMask: UInt32 = bits >= 32 ? .max : (UInt32(1) << (32 - UInt32(bits))) - 1
        for bucket in 0..<(directory.count - 1) {
            let high = UInt32(bucket) << (32 - UInt32(bits))
            for index in Int(directory[bucket])..<Int(directory[bucket + 1]) {
                body(high | (UInt32(lows[index]) & lowMask), values[index])
            }
        }
    }

    /// An odd multiplier: multiplication by it is a bijection of 32-bit keys that spreads the small
    /// sampled fingerprints over the whole range.
    private static let multiplier: UInt32 = 0x9E37_79B1
    /// Its inverse modulo 2³² (Newton's iteration).
    private static let inverse: UInt32 = {
        var x = multiplier
        for _ in 0..<5 { x = x &* (2 &- multiplier &* x) }
        return x
    }()

    @inline(__always) private static func spread(_ key: UInt32) -> UInt32 { key &* multiplier }
    @inline(__always) private static func unspread(_ spread: UInt32) -> UInt32 { spread &* inverse }
}
