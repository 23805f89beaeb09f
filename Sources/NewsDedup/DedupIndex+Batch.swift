extension DedupIndex {
    /// Checks and remembers documents in order; the verdicts are those of calling ``insert(_:)``
    /// one by one.
    public mutating func insert(contentsOf documents: some Sequence<DedupDocument>) -> [DedupVerdict] {
        documents.map { insert($0) }
    }

    /// Checks and remembers a batch, fingerprinting it on several tasks first.
    ///
    /// Fingerprinting (tokens, shingles, hashes) is most of the work and is pure; the index is then
    /// updated in order, so the verdicts are exactly those of ``insert(_:)`` one by one.
    /// - Parameter concurrency: Tasks computing fingerprints. Default: `4`.
    public mutating func insert(batch documents: [DedupDocument], concurrency: Int = 4) async -> [DedupVerdict] {
        let fingerprints = await Self.fingerprints(of: documents, configuration: configuration, concurrency: concurrency)
        return fingerprints.map { insert(fingerprint: $0) }
    }

    /// The fingerprints of `documents`, computed by up to `concurrency` child tasks, in input order.
    public static func fingerprints(
        of documents: [DedupDocument],
        configuration: DedupConfiguration,
        concurrency: Int = 4
    ) async -> [DocumentFingerprint] {
        let fingerprinter = Fingerprinter(configuration: configuration)
        let chunkSize = max(1, (documents.count + max(1, concurrency) - 1) / max(1, concurrency))
        return await withTaskGroup(of: (Int, [DocumentFingerprint]).self) { group in
            for start in stride(from: 0, to: documents.count, by: chunkSize) {
                let chunk = Array(documents[start..<min(documents.count, start + chunkSize)])
                group.addTask { (start, chunk.map(fingerprinter.fingerprint)) }
            }
            var parts: [(Int, [DocumentFingerprint])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
