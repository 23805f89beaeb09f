/// Counts distinct stories or clusters among a key's postings (a small linear set, no hashing).
struct StoryCounter {
    private var seen: [UInt32] = []

    /// Distinct keys inserted since the last reset (at most 64).
    var count: Int { seen.count }

    /// Forgets the keys, keeping the storage.
    mutating func reset() { seen.removeAll(keepingCapacity: true) }

    /// Counts `story` unless already seen.
    mutating func insert(_ story: UInt32) {
        if seen.count < 64, !seen.contains(story) { seen.append(story) }
    }
}
