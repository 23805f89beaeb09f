/// A multimap from 32-bit keys to 32-bit values (article slot and passage) for keys with many values:
/// an open-addressing table of the distinct keys, each heading the chain of its values, newest first.
/// 8 bytes per value, plus 8 bytes per table entry.
///
/// A lookup probes among distinct keys only, then follows its key's chain. A linear-probing table of
/// every posting (``PostingTable``) keeps a key's postings in one run, which every lookup starting in
/// or before it walks to its end, found or not: with the up to ``DedupConfiguration/maxPostingsPerShingle``
/// postings of a story's shingles, that walk was about half of a replica's apply at 1M articles on a
/// wire-heavy stream (`perf`, docs/dedup-scaling.md). ``ShinglePostings`` keeps a key's first two recent
/// postings in a ``PostingTable`` (8 bytes each) and only its others here. No removal: forgotten articles'
/// postings are dropped when ``ShinglePostings`` merges or rebuilds.
struct PostingChains: Sendable {
    /// An unused table entry.
    private static let empty = UInt64.max
    /// Grow the key table when more than this share of it is used.
    private static let maxLoad = 0.8
    /// No previous value.
    private static let end = UInt32.max

    /// `key << 32 | index of the key's newest value`, or ``empty``.
    private var heads = [UInt64](repeating: empty, count: 16)
    private var keyCount = 0
    private var values: [UInt32] = []
    /// For each value, the index of the previous value of its key, or ``end``.
    private var previous: [UInt32] = []

    /// Values held.
    var count: Int { values.count }

    /// Bytes held, counting allocated capacity.
    var byteCount: Int { heads.capacity * 8 + values.capacity * 4 + previous.capacity * 4 }

    /// Adds one value of `key`.
    mutating func add(key: UInt32, value: UInt32) {
        if Double(keyCount + 1) > Double(heads.count) * Self.maxLoad { grow() }
        let index = UInt32(values.count)
        if values.count == values.capacity {
            // Grow by half rather than double: the memory bound is per remembered article.
            values.reserveCapacity(max(16, values.count + values.count / 2))
            previous.reserveCapacity(max(16, values.count + values.count / 2))
        }
        values.append(value)
        let bucket = findBucket(of: key)
        if heads[bucket] == Self.empty {
            previous.append(Self.end)
            keyCount += 1
        } else {
            previous.append(UInt32(truncatingIfNeeded: heads[bucket]))
        }
        heads[bucket] = UInt64(key) << 32 | UInt64(index)
    }

    /// Calls `body` with every value of `key`, newest first (callers must not depend on the order).
    @inline(__always)
    func forEachValue(of key: UInt32, _ body: (UInt32) -> Void) {
        let head = heads[findBucket(of: key)]
        guard head != Self.empty else { return }
        values.withUnsafeBufferPointer { values in
            previous.withUnsafeBufferPointer { previous in
                var index = UInt32(truncatingIfNeeded: head)
                while index != Self.end {
                    body(values[Int(index)])
                    index = previous[Int(index)]
                }
            }
        }
    }

    /// Calls `body` with every (key, value) pair, key by key.
    func forEachPosting(_ body: (UInt32, UInt32) -> Void) {
        for head in heads where head != Self.empty {
            let key = UInt32(truncatingIfNeeded: head >> 32)
            var index = UInt32(truncatingIfNeeded: head)
            while index != Self.end {
                body(key, values[Int(index)])
                index = previous[Int(index)]
            }
        }
    }

    /// The bucket holding `key`, or the empty bucket where it would go.
    @inline(__always)
    private func findBucket(of key: UInt32) -> Int {
        heads.withUnsafeBufferPointer { heads in
            var bucket = PostingTable.bucket(of: key, capacity: heads.count)
            while heads[bucket] != Self.empty, UInt32(truncatingIfNeeded: heads[bucket] >> 32) != key {
                bucket += 1
                if bucket == heads.count { bucket = 0 }
            }
            return bucket
        }
    }

    private mutating func grow() {
        let old = heads
        heads = Array(repeating: Self.empty, count: old.count + old.count / 2)
        for head in old where head != Self.empty { heads[findBucket(of: UInt32(truncatingIfNeeded: head >> 32))] = head }
    }
}
