/// Turns a ``DedupDocument`` into a ``DocumentFingerprint``: tokens, shingles, hash-value sampling.
struct Fingerprinter: Sendable {
    /// The settings that shape fingerprints.
    let configuration: DedupConfiguration
    private let tokenizer = WordTokenizer()

    /// A shingle hash with the passage it occurs in.
    struct Shingle: Hashable {
        /// The 64-bit shingle hash.
        var hash: UInt64
        /// The passage index in the document.
        var passage: UInt16
        /// The 32-bit fingerprint the index stores.
        var key: UInt32 { UInt32(truncatingIfNeeded: hash >> 32) }
    }

    /// The texts a document is shingled from: its title, if any, then its paragraphs.
    static func texts(of document: DedupDocument) -> [String] {
        var texts = document.paragraphs
        if let title = document.title, !title.isEmpty { texts.insert(title, at: 0) }
        return texts
    }

    /// For each passage number of a document's shingles, the text (see ``texts(of:)``) it lies in.
    func passageTexts(of document: DedupDocument) -> [String] {
        let minWords = max(1, configuration.minParagraphWords)
        let passageWords = max(1, configuration.passageWords)
        var result: [String] = []
        var tokens: [UInt64] = []
        for text in Self.texts(of: document) {
            tokens.removeAll(keepingCapacity: true)
            tokenizer.appendTokenHashes(of: text, to: &tokens)
            guard tokens.count >= minWords else { continue }
            // A text's passages, then the unused number that separates it from the next text.
            result += Array(repeating: text, count: tokens.count / passageWords + 2)
        }
        return result.isEmpty ? [Self.texts(of: document).joined(separator: " ")] : result
    }

    /// Every shingle of a document, in text order, and the hash of its words.
    func shingles(of document: DedupDocument) -> (shingles: [Shingle], contentHash: UInt64) {
        let k = max(1, configuration.shingleSize)
        let minWords = max(1, configuration.minParagraphWords)
        let passageWords = max(1, configuration.passageWords)
        let texts = Self.texts(of: document)

        var shingles: [Shingle] = []
        var allTokens: [UInt64] = []
        var tokens: [UInt64] = []
        var content = StableHash.seed
        var passage = 0
        for text in texts {
            tokens.removeAll(keepingCapacity: true)
            tokenizer.appendTokenHashes(of: text, to: &tokens)
            for token in tokens { content = StableHash.combine(content, token) }
            allTokens.append(contentsOf: tokens)
            guard tokens.count >= minWords else { continue }
            appendShingles(of: tokens, size: k, firstPassage: passage, passageWords: passageWords, to: &shingles)
            // One number left unused between texts: adjacent passage numbers are one paragraph.
            passage += tokens.count / passageWords + 2
        }
        if shingles.isEmpty, !allTokens.isEmpty {
            // Only short lines: shingle them as one text rather than know nothing.
            appendShingles(of: allTokens, size: k, firstPassage: 0, passageWords: passageWords, to: &shingles)
        }
        return (shingles, StableHash.mix(content))
    }

    /// The passages of an article's lead (title, first paragraphs): its first six passage numbers.
    static let leadPassages = 6

    /// The fingerprint of a document.
    ///
    /// Samples are the shingles whose key is at most the threshold, plus the lead's minimums: the
    /// smallest key of each lead passage (see ``leadPassages``), sampled even above the threshold, so a
    /// lead of short paragraphs (a dateline sentence, a short quote: often no key under the threshold)
    /// is in the fingerprint, as it is in a short copy's. The minimums take the place of the largest
    /// other samples (the threshold is lowered), so an article keeps the number of samples the rate
    /// gives it.
    func fingerprint(_ document: DedupDocument) -> DocumentFingerprint {
        let (shingles, content) = shingles(of: document)
        var (distinct, threshold) = sampled(shingles)
        let minimums = Self.leadMinimums(of: shingles)
        let isMinimum = { (packed: UInt64) in minimums.contains { $0 >> 16 == packed >> 16 } }
        let extra = Self.distinctByKey(minimums.sorted()).filter { $0 >> 16 > UInt64(threshold) }.count
        if extra > 0 {
            // Keep the count: the minimums above the threshold replace the largest other samples.
            let others = distinct.filter { !isMinimum($0) }
            let kept = max(1, others.count - extra)
            if kept < others.count { threshold = UInt32(truncatingIfNeeded: others[kept - 1] >> 16) }
            distinct = Self.distinctByKey((distinct.filter { $0 >> 16 <= UInt64(threshold) } + minimums).sorted())
        }
        return DocumentFingerprint(
            id: document.id,
            day: document.day,
            dayCount: document.dayCount,
            sourceKey: Self.sourceKey(document.source),
            shingleCount: min(shingles.count, Int(UInt16.max)),
            contentHash: UInt32(truncatingIfNeeded: content ^ (content >> 32)),
            threshold: threshold,
            samples: distinct.map { UInt32(truncatingIfNeeded: $0 >> 16) },
            passages: distinct.map { UInt16(truncatingIfNeeded: $0) }
        )
    }

    /// The shingles sampled by hash value (packed `key << 16 | passage`, ascending, one per key) and
    /// the threshold they are all at most: one in ``DedupConfiguration/sampleRate``, at least
    /// ``DedupConfiguration/minSamples`` and at most ``DedupConfiguration/maxSamples``.
    private func sampled(_ shingles: [Shingle]) -> (distinct: [UInt64], threshold: UInt32) {
        let global = configuration.globalThreshold
        // Pack (key, passage) so one integer sort orders by key, then first passage.
        var picked: [UInt64] = []
        picked.reserveCapacity(shingles.count / max(1, configuration.sampleRate) * 2 + 8)
        for shingle in shingles where shingle.key <= global {
            picked.append(UInt64(shingle.key) << 16 | UInt64(shingle.passage))
        }
        var distinct = Self.distinctByKey(picked.sorted())
        var threshold = global
        let maxSamples = max(1, configuration.maxSamples)
        let minSamples = min(max(1, configuration.minSamples), maxSamples)
        if distinct.count > maxSamples {
            distinct.removeSubrange(maxSamples...)
            threshold = UInt32(truncatingIfNeeded: distinct[maxSamples - 1] >> 16)
        } else if distinct.count < minSamples {
            // Too few by rate: keep the smallest hashes of the whole article instead.
            let all = Self.distinctByKey(shingles.map { UInt64($0.key) << 16 | UInt64($0.passage) }.sorted())
            if all.count > minSamples {
                distinct = Array(all.prefix(minSamples))
                threshold = UInt32(truncatingIfNeeded: distinct[minSamples - 1] >> 16)
            } else {
                distinct = all
                threshold = .max
            }
        }
        return (distinct, threshold)
    }

    /// The smallest key of each lead passage, packed `key << 16 | passage`.
    private static func leadMinimums(of shingles: [Shingle]) -> [UInt64] {
        var minimums = [UInt64](repeating: .max, count: leadPassages)
        for shingle in shingles where Int(shingle.passage) < leadPassages {
            minimums[Int(shingle.passage)] = min(minimums[Int(shingle.passage)], UInt64(shingle.key) << 16 | UInt64(shingle.passage))
        }
        return minimums.filter { $0 != .max }
    }

    /// For each sample of a fingerprint, the value held against the threshold two articles share: its
    /// key, or `0` for the minimum of a lead passage (the smallest sample of a passage below
    /// ``leadPassages``), which is compared whatever the thresholds (see ``fingerprint(_:)``).
    static func comparedKeys(of fingerprint: DocumentFingerprint) -> [UInt32] {
        var keys = fingerprint.samples
        var seen = 0  // lead passages whose smallest sample is found (samples ascend: the first one met)
        for (index, passage) in fingerprint.passages.enumerated() where Int(passage) < leadPassages && seen & 1 << passage == 0 {
            seen |= 1 << passage
            keys[index] = 0
        }
        return keys
    }

    /// The 32-bit key of a source name (never `0`, which means none).
    static func sourceKey(_ source: String?) -> UInt32 {
        guard let source, !source.isEmpty else { return 0 }
        let hash = StableHash.string(source.lowercased())
        return max(1, UInt32(truncatingIfNeeded: hash ^ (hash >> 32)))
    }

    private func appendShingles(of tokens: [UInt64], size k: Int, firstPassage: Int, passageWords: Int, to shingles: inout [Shingle]) {
        let count = tokens.count
        let windows = count >= k ? count - k + 1 : 1
        let width = min(k, count)
        for start in 0..<windows {
            var hash = StableHash.seed
            for offset in 0..<width { hash = StableHash.combine(hash, tokens[start + offset]) }
            let passage = min(firstPassage + start / passageWords, Int(UInt16.max))
            shingles.append(Shingle(hash: hash, passage: UInt16(passage)))
        }
    }

    /// Keeps the first (smallest passage) entry of each key in a sorted packed list.
    private static func distinctByKey(_ sorted: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(sorted.count)
        for value in sorted where result.last.map({ $0 >> 16 != value >> 16 }) ?? true {
            result.append(value)
        }
        return result
    }
}
