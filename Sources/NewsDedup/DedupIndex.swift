/// Remembers recent articles and says, for each new one, whether it repeats one of them.
public struct DedupIndex: Sendable {
    /// Creates an empty index.
    public init() {}

    /// Checks a document against the index and remembers it.
    public mutating func insert(_ document: DedupDocument) -> DedupVerdict {
        // TODO(dedup): placeholder.
        DedupVerdict(status: .unique, of: nil, cluster: document.id, similarity: 0)
    }
}
