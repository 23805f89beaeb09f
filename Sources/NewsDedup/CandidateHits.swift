/// The hits of one lookup (a remembered article's posting matching one of the new article's samples),
/// grouped by the article they name, in time linear in their number.
///
/// Each hit is packed as `slot << 24 | passage << 16 | sample index` (``DedupIndex/decide(_:date:liveness:)``).
/// Groups come in the order their first hit was added, not in slot order: callers that need the
/// earliest article compare slots. (Sorting the hits instead took over half of a decision on a
/// wire-heavy stream: ~1,500 hits, 48 samples × 32 postings, for each new copy of a big story.)
struct CandidateHits {
    /// The candidate slot of each group.
    private(set) var slots: [Int] = []
    /// Where each group's hits start in ``hits``, plus the end.
    private(set) var starts: [Int] = [0]
    /// The hits, group after group.
    private(set) var hits: [UInt64] = []

    /// Groups `packed` hits by their slot (`hit >> 24`).
    init(grouping packed: [UInt64]) {
        guard !packed.isEmpty else { return }
        // Open addressing from slot to group (`slot << 32 | group`); at least twice as many buckets as hits.
        var capacity = 16
        while capacity < 2 * packed.count { capacity <<= 1 }
        let mask = capacity - 1
        var buckets = [UInt64](repeating: .max, count: capacity)
        var groupOfHit = [UInt32](repeating: 0, count: packed.count)
        var counts: [Int] = []
        buckets.withUnsafeMutableBufferPointer { buckets in
            for (position, hit) in packed.enumerated() {
                let slot = hit >> 24
                var bucket = Int(truncatingIfNeeded: slot &* 0x9E37_79B9_7F4A_7C15 >> 40) & mask
                while buckets[bucket] != .max, buckets[bucket] >> 32 != slot { bucket = (bucket + 1) & mask }
                if buckets[bucket] == .max {
                    buckets[bucket] = slot << 32 | UInt64(slots.count)
                    slots.append(Int(slot))
                    counts.append(0)
                }
                let group = Int(truncatingIfNeeded: buckets[bucket] & 0xFFFF_FFFF)
                groupOfHit[position] = UInt32(group)
                counts[group] += 1
            }
        }
        starts = [Int](repeating: 0, count: slots.count + 1)
        for group in counts.indices { starts[group + 1] = starts[group] + counts[group] }
        var next = Array(starts.dropLast())
        hits = [UInt64](repeating: 0, count: packed.count)
        for (position, hit) in packed.enumerated() {
            let group = Int(groupOfHit[position])
            hits[next[group]] = hit
            next[group] += 1
        }
    }

    /// Groups held.
    var count: Int { slots.count }

    /// The hits of group `group`.
    func hits(of group: Int) -> ArraySlice<UInt64> {
        hits[starts[group]..<starts[group + 1]]
    }
}
