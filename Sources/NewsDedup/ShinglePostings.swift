/// The inverted index of sampled shingles: key (a 32-bit shingle fingerprint) → values (article slot
/// and passage), in about 6 bytes a posting.
///
/// Most postings live in a sorted run: keys are spread by a bijective multiplication, grouped into
/// 2^`bits` buckets by their top bits through a directory of offsets, and each posting keeps only the
/// key's low 16 bits (`UInt16`) and its value (`UInt32`). The latest postings go to a small
/// ``PostingTable`` and are merged into the run (sorted, then one linear merge) once they are a
/// sixteenth of it. The run is ordered by key, then value, whatever the order of insertion, so lookups
/// see exactly the postings added, never a false match.
struct ShinglePostings: Sendable {
    /// Postings added since the last merge.
    private var recent = PostingTable()
    /// Offsets into ``lows``/``values`` of each bucket, plus the end: `2^bits + 1` entries (empty when
    /// the run is empty).
    private var directory: [UInt32] = []
    /// The low 16 bits of each posting's spread key, ascending within a bucket.
    private var lows: [UInt16] = []
    /// Each posting's value.
    private var values: [UInt32] = []
    /// Directory bits (at least 16, so a bucket and 16 low bits give the whole key).
    private var bits = 16

    /// The fewest recent postings merged into the run.
    static let minimumMerge = 1 << 16

    /// Postings held.
    var count: Int { recent.count + values.count }

    /// Postings in the sorted run (the rest are recent).
    var runCount: Int { values.count }

    /// Bytes held, counting allocated capacity.
    var byteCount: Int {
        recent.byteCount + directory.capacity * 4 + lows.capacity * 2 + values.capacity * 4
    }

    /// Adds one posting.
    mutating func add(key: UInt32, value: UInt32) {
        recent.add(key: key, value: value)
        if recent.count >= max(Self.minimumMerge, values.count / 16) { merge() }
    }

    /// Adds `keys[i]` with `values[i]` for every `i`, as ``add(key:value:)`` one after another does
    /// (the same table, the same merges), with the keys' cache misses overlapping.
    mutating func add(keys: [UInt32], values: [UInt32]) {
        guard recent.count + keys.count < max(Self.minimumMerge, self.values.count / 16) else {
            for (key, value) in zip(keys, values) { add(key: key, value: value) }
            return
        }
        recent.add(keys: keys, values: values)
    }

    /// Calls `body` with the value of every posting of `key` (in no order callers may depend on). A
    /// lookup of several keys is faster with ``forEachKey(_:_:)``.
    func forEachValue(of key: UInt32, _ body: (UInt32) -> Void) {
        forEachKey([key]) { _, values in values.forEach(body) }
    }

    /// Calls `body` once for each of `keys`, in order, with the key's index in `keys` and the values of
    /// its postings, the recent ones first (the buffer is valid during the call only).
    ///
    /// The keys are looked up together, in three passes over them, so that their cache misses overlap
    /// instead of following one another (on a large index each key misses in the recent table, the
    /// directory, the run's low bits and its values): first every key's recent-table entry and directory
    /// bucket, then every bucket's scan for the key's low bits, then the values.
    func forEachKey(_ keys: [UInt32], _ body: (Int, UnsafeBufferPointer<UInt32>) -> Void) {
        withUnsafeTemporaryAllocation(of: BatchedLookup.self, capacity: keys.count) { lookups in
            // Pass 1: the first recent-table entry and the run's bucket bounds of every key.
            let hasRun = !directory.isEmpty
            let shift = 32 - UInt32(bits)
            directory.withUnsafeBufferPointer { directory in
                for (index, key) in keys.enumerated() {
                    let probe = recent.probeStart(of: key)
                    var lookup = BatchedLookup(probe: probe, firstEntry: recent.entry(at: probe), low: 0, start: 0, end: 0)
                    if hasRun {
                        let spread = Self.spread(key)
                        let bucket = Int(spread >> shift)
                        lookup.low = UInt16(truncatingIfNeeded: spread)
                        lookup.start = Int(directory[bucket])
                        lookup.end = Int(directory[bucket + 1])
                    }
                    (lookups.baseAddress! + index).initialize(to: lookup)
                }
            }
            // Pass 2: narrow each bucket to the postings of its key.
            lows.withUnsafeBufferPointer { lows in
                for index in keys.indices {
                    var start = lookups[index].start
                    let end = lookups[index].end
                    let low = lookups[index].low
                    while start < end, lows[start] < low { start += 1 }
                    var stop = start
                    while stop < end, lows[stop] == low { stop += 1 }
                    lookups[index].start = start
                    lookups[index].end = stop
                }
            }
            // Pass 3: the values, the recent table's first.
            var gathered: [UInt32] = []
            values.withUnsafeBufferPointer { values in
                for (index, key) in keys.enumerated() {
                    let lookup = lookups[index]
                    let run = UnsafeBufferPointer(rebasing: values[lookup.start..<lookup.end])
                    if lookup.firstEntry == PostingTable.empty {
                        body(index, run)
                        continue
                    }
                    gathered.removeAll(keepingCapacity: true)
                    recent.forEachValue(of: key, probingFrom: lookup.probe) { gathered.append($0) }
                    gathered.append(contentsOf: run)
                    gathered.withUnsafeBufferPointer { body(index, $0) }
                }
            }
            _ = lookups.deinitialize()
        }
    }

    /// What the passes of ``forEachKey(_:_:)`` know of one key.
    private struct BatchedLookup {
        /// Where the key's probe of the recent table starts, and the entry there.
        var probe: Int
        var firstEntry: UInt64
        /// The low bits of the spread key, and its postings in the run: the bucket, then just the key's.
        var low: UInt16
        var start: Int
        var end: Int
    }

    /// Calls `body` with every (key, value) posting.
    func forEachPosting(_ body: (UInt32, UInt32) -> Void) {
        recent.forEachPosting(body)
        forEachRunPosting { spread, value in body(Self.unspread(spread), value) }
    }

    /// A copy holding only the postings whose value `remap` maps to a new value, all in the run.
    func rebuilt(keeping remap: (UInt32) -> UInt32?) -> ShinglePostings {
        var packed: [UInt64] = []
        packed.reserveCapacity(count)
        forEachRunPosting { spread, value in
            if let mapped = remap(value) { packed.append(UInt64(spread) << 32 | UInt64(mapped)) }
        }
        recent.forEachPosting { key, value in
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
        incoming.reserveCapacity(recent.count)
        recent.forEachPosting { key, value in incoming.append(UInt64(Self.spread(key)) << 32 | UInt64(value)) }
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
        directory = []
        lows = []
        values = []
        guard packed.count >= Self.minimumMerge else {
            for posting in packed {
                recent.add(key: Self.unspread(UInt32(truncatingIfNeeded: posting >> 32)), value: UInt32(truncatingIfNeeded: posting))
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
