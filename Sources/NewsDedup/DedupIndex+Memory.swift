extension DedupIndex {
    /// How much memory the index holds, counted from its structures' allocated capacity.
    public struct MemoryUsage: Sendable, Hashable {
        /// Articles remembered.
        public var articles: Int
        /// Articles stored, remembered or awaiting compaction.
        public var storedArticles: Int
        /// Bytes of the per-article columns and the id arena.
        public var articleBytes: Int
        /// Bytes of the inverted index of sampled shingles.
        public var shingleIndexBytes: Int
        /// Bytes of the id lookup table.
        public var idIndexBytes: Int
        /// Postings in the shingle index.
        public var postings: Int
        /// Verdicts in the verdict memory (kept after their articles are forgotten).
        public var verdicts: Int
        /// Bytes of the verdict memory, counting allocated capacity; not in ``totalBytes``, which is the
        /// articles' (see ``DedupConfiguration/verdictMemoryBytes`` for its bound).
        public var verdictMemoryBytes: Int

        /// All bytes.
        public var totalBytes: Int { articleBytes + shingleIndexBytes + idIndexBytes }
        /// Bytes per remembered article.
        public var bytesPerArticle: Double { articles == 0 ? 0 : Double(totalBytes) / Double(articles) }
    }

    /// The memory held now.
    public var memoryUsage: MemoryUsage {
        MemoryUsage(
            articles: count,
            storedArticles: store.count,
            articleBytes: store.byteCount,
            shingleIndexBytes: shingleTable.byteCount,
            idIndexBytes: idTable.byteCount,
            postings: shingleTable.count,
            verdicts: verdicts.count,
            verdictMemoryBytes: verdicts.byteCount
        )
    }

    /// Drops forgotten articles from memory now (also done automatically, amortised). Never changes
    /// verdicts.
    public mutating func compact() {
        compact(force: true)
    }
}
