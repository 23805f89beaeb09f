/// The verdicts of recent article ids, kept after their fingerprints are forgotten: a re-processed id
/// gets its first verdict back for as long as its verdict is here, even once its article has left the
/// window.
///
/// Every article the index remembers is appended, in log order, whatever the path (decided here or
/// applied from the log), so every replica holds the same verdicts. The memory is bounded in bytes: an
/// entry costs ``fixedEntryBytes`` plus the bytes of the ids its verdict names (a unique article's
/// cluster is its own id, which is not stored), and the memory remembers the newest entries whose costs
/// add up to at most ``budget``. What it remembers therefore depends only on the entries appended, in
/// order, never on when older ones are physically dropped (amortised, see ``append(idKey:verdict:)``).
///
/// Ids are kept as 64-bit hashes (``DedupIndex/verdictKey(_:)``): two ids of one hash (about one chance
/// in 10¹⁰ among a million remembered ids) would share a verdict.
struct VerdictMemory: Sendable {
    /// The cost of an entry besides its names: key, similarity, status, name offset, lookup table.
    static let fixedEntryBytes = 24

    /// The most bytes the remembered entries may cost.
    let budget: Int
    private(set) var keys: [UInt64] = []
    private(set) var similarities: [UInt16] = []
    /// See ``kind(of:)``.
    private(set) var kinds: [UInt8] = []
    private(set) var nameOffsets: [UInt32] = []
    /// `of` and cluster ids, each as ``ByteWriter/string(_:)`` writes it.
    private(set) var names = ByteWriter()
    private var lookup = PostingTable()
    /// Entries before this physical position are forgotten.
    private(set) var first = 0
    /// The cost of the remembered entries.
    private(set) var rememberedBytes = 0

    /// An empty memory of `budget` bytes.
    init(budget: Int) {
        self.budget = max(0, budget)
    }

    /// Entries remembered.
    var count: Int { keys.count - first }

    /// Bytes held, counting allocated capacity.
    var byteCount: Int {
        keys.capacity * 8 + similarities.capacity * 2 + kinds.capacity + nameOffsets.capacity * 4 + names.bytes.capacity
            + lookup.byteCount
    }

    /// Remembers the verdict of one more article (the newest), forgetting the oldest entries beyond the budget.
    mutating func append(idKey: UInt64, verdict: DedupVerdict) {
        keys.append(idKey)
        similarities.append(FingerprintRecord.quantize(verdict.similarity))
        nameOffsets.append(UInt32(truncatingIfNeeded: names.bytes.count))
        if let of = verdict.of {
            names.string(of)
            if verdict.cluster != of { names.string(verdict.cluster) }
        }
        kinds.append(Self.kind(of: verdict))
        lookup.add(key: UInt32(truncatingIfNeeded: idKey >> 32), value: UInt32(keys.count - 1))
        rememberedBytes += cost(at: keys.count - 1)
        while rememberedBytes > budget, first < keys.count {
            rememberedBytes -= cost(at: first)
            first += 1
        }
        // Drop forgotten entries once they are as many as the remembered ones (amortised O(1)).
        if first >= 1024, first >= count { dropForgotten() }
    }

    /// Where the verdict of the id of key `idKey` is remembered, if it is (for ``verdict(at:id:)``).
    func position(of idKey: UInt64) -> Int? {
        var found: Int?
        lookup.forEachValue(of: UInt32(truncatingIfNeeded: idKey >> 32)) { value in
            let position = Int(value)
            // The newest entry of the key wins (a key appears once unless hashes collide).
            if position >= first, keys[position] == idKey, position > (found ?? -1) { found = position }
        }
        return found
    }

    /// The verdict remembered at `position` (from ``position(of:)``) for the article `id`.
    func verdict(at position: Int, id: String) -> DedupVerdict {
        let kind = kinds[position]
        // The arena holds only what append wrote: reading it cannot fail.
        var reader = ByteReader(names.bytes, from: Int(nameOffsets[position]))
        let of = kind >> 2 & 3 == 0 ? nil : (try? reader.string()) ?? ""
        let cluster = kind >> 2 & 3 == 2 ? (try? reader.string()) ?? "" : of ?? id
        return DedupVerdict(
            status: ArticleStore.status(at: Int(kind & 3)), of: of, cluster: cluster,
            similarity: Double(similarities[position]) / 10_000, implausibleDate: kind & 16 != 0
        )
    }

    // MARK: - Internals

    /// Bits 0–1: status index; bits 2–3: names kept (0 none, 1 `of`, which is the cluster, 2 `of` and
    /// the cluster); bit 4: ``DedupVerdict/implausibleDate``.
    static func kind(of verdict: DedupVerdict) -> UInt8 {
        let names = verdict.of == nil ? 0 : verdict.cluster == verdict.of ? 1 : 2
        return UInt8(ArticleStore.statusIndex(verdict.status) | names << 2 | (verdict.implausibleDate ? 16 : 0))
    }

    /// The bytes of `names` holding the names of the entry at `position`.
    func nameRange(at position: Int) -> Range<Int> {
        Int(nameOffsets[position])..<(position + 1 < keys.count ? Int(nameOffsets[position + 1]) : names.bytes.count)
    }

    /// The cost of the entry at `position`: the fixed part and its names.
    private func cost(at position: Int) -> Int {
        Self.fixedEntryBytes + nameRange(at: position).count
    }

    /// Rebuilds the columns without the forgotten entries.
    private mutating func dropForgotten() {
        let offset = first < keys.count ? Int(nameOffsets[first]) : names.bytes.count
        keys.removeFirst(first)
        similarities.removeFirst(first)
        kinds.removeFirst(first)
        nameOffsets = nameOffsets[first...].map { $0 - UInt32(offset) }
        names.bytes.removeFirst(offset)
        first = 0
        var table = PostingTable(expected: keys.count + keys.count / 2)
        for (position, key) in keys.enumerated() {
            table.add(key: UInt32(truncatingIfNeeded: key >> 32), value: UInt32(position))
        }
        lookup = table
    }
}
