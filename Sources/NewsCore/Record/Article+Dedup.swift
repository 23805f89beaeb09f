public import NewsDedup

extension Article {
    /// The view of this article the dedup index fingerprints.
    public var dedupDocument: DedupDocument {
        DedupDocument(id: id, title: title, paragraphs: paragraphs, day: published?.daysSinceEpoch)
    }
}
