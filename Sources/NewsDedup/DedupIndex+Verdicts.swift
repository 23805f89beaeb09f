extension DedupIndex {
    /// The key the verdict memory files an id under: its 64-bit stable hash.
    static func verdictKey(_ id: String) -> UInt64 {
        StableHash.string(id)
    }

    /// The first verdict of an id the index still remembers: from the verdict memory, else from its
    /// article while inside the window; `nil` when the id is forgotten (or new).
    ///
    /// The ``DedupVerdict/implausibleDate`` flag is the one given the first time; for an article only the
    /// window still holds (its verdict memory entry was pushed out), an article that carries a date
    /// (`day`) but was stored without one had an implausible date then.
    func rememberedVerdict(of id: String, day: Int?) -> DedupVerdict? {
        if let position = verdicts.position(of: Self.verdictKey(id)) { return verdicts.verdict(at: position, id: id) }
        guard let slot = liveSlot(of: id) else { return nil }
        var verdict = store.readNames(at: slot).verdict
        verdict.implausibleDate = day != nil && store.dateRange(at: slot) == nil
        return verdict
    }

    /// Whether the index still remembers `id` (in its verdict memory or its window): ``rememberedVerdict(of:day:)``
    /// without building the verdict.
    func remembers(_ id: String) -> Bool {
        verdicts.position(of: Self.verdictKey(id)) != nil || liveSlot(of: id) != nil
    }
}

extension DedupIndex {
    /// What one verdict costs in the verdict memory (``DedupConfiguration/verdictMemoryBytes``) besides
    /// the ids it names (each its UTF-8 length plus one byte): `24`.
    public static var verdictMemoryEntryBytes: Int { VerdictMemory.fixedEntryBytes }
}
