/// Picks an article's most characteristic terms: frequent content words, the title's counting triple.
///
/// Words are counted by folded stem (case, accents and a plural `s`/`x` ignored), skipping stopwords, cue
/// words of the lexicon, numbers and words of fewer than three letters. A word shown capitalised somewhere
/// other than a sentence start keeps its capital (a name); others are shown in lower case. Only words seen
/// at least twice (or once in the title) qualify.
struct KeywordRanker {
    let text: ArticleText
    /// How many keywords to return. Default: `10`.
    var limit = 10

    /// A counted word.
    private struct Candidate {
        var key: UInt64
        var score: Int32 = 0
        var first: Int32
        var proper = false
    }

    func rank() -> [String] {
        let tokens = text.tokens
        var size = 256
        while size < text.contentEnd { size <<= 1 }
        // Candidates are capped at size / 2. The table from stem to candidate starts small and doubles as
        // they come, so that a short list of words does not pay for clearing a table sized for the article.
        var table = StemTable(capacity: min(size, 512))
        defer { table.deallocate() }
        var candidates: [Candidate] = []
        candidates.reserveCapacity(256)
        var titleEnd = 0
        if let first = text.lines.first, first.part == .title { titleEnd = first.tokens.upperBound }
        let excluded = WordInfo.Flags.notKeyword
        for position in 0..<text.contentEnd {
            let token = tokens[position]
            guard token.kind == .word, token.length >= 3, !token.shape.contains(.tag),
                  token.info.flags.isDisjoint(with: excluded) else { continue }
            let key = token.stem == 0 ? 1 : token.stem
            var slot = table.slot(of: key)
            if table.keys[slot] == 0 {
                if candidates.count * 2 >= size { continue }  // full enough: later new words are ignored
                if (candidates.count + 1) * 2 > table.mask + 1 {
                    table.grow(candidates.map(\.key))
                    slot = table.slot(of: key)
                }
                table.keys[slot] = key
                table.candidates[slot] = Int32(candidates.count)
                candidates.append(Candidate(key: key, first: Int32(position)))
            }
            let candidate = Int(table.candidates[slot])
            candidates[candidate].score += position < titleEnd ? 3 : 1
            if token.shape.contains(.capitalised), !token.shape.contains(.sentenceStart) { candidates[candidate].proper = true }
        }
        // Keep the best `limit` by score, then first appearance, with a small insertion sort.
        var best: [Candidate] = []
        best.reserveCapacity(limit + 1)
        for candidate in candidates {
            guard candidate.score >= 2 else { continue }
            var position = best.count
            while position > 0, Self.ranks(candidate, above: best[position - 1]) { position -= 1 }
            if position < limit {
                best.insert(candidate, at: position)
                if best.count > limit { best.removeLast() }
            }
        }
        return best.map { candidate in
            let token = tokens[Int(candidate.first)]
            let range = Int(token.start)..<Int(token.end)
            return candidate.proper ? text.string(range) : text.lowercasedString(range)
        }
    }

    private static func ranks(_ candidate: Candidate, above other: Candidate) -> Bool {
        candidate.score != other.score ? candidate.score > other.score : candidate.first < other.first
    }

    /// Open addressing from a stem to its candidate's index: the keys are cleared in one go, the index
    /// beside a key is read only where the key is set.
    private struct StemTable {
        var keys: UnsafeMutableBufferPointer<UInt64>
        var candidates: UnsafeMutableBufferPointer<Int32>
        var mask: Int

        init(capacity: Int) {
            keys = .allocate(capacity: capacity)
            keys.initialize(repeating: 0)
            candidates = .allocate(capacity: capacity)
            mask = capacity - 1
        }

        /// The slot holding `key`, or the empty slot where it goes.
        func slot(of key: UInt64) -> Int {
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while keys[index] != 0, keys[index] != key { index = (index + 1) & mask }
            return index
        }

        /// Doubles the table, putting back `stored`, the keys of the candidates in order.
        mutating func grow(_ stored: [UInt64]) {
            deallocate()
            self = StemTable(capacity: (mask + 1) * 2)
            for (candidate, key) in stored.enumerated() {
                let index = slot(of: key)
                keys[index] = key
                candidates[index] = Int32(candidate)
            }
        }

        func deallocate() {
            keys.deallocate()
            candidates.deallocate()
        }
    }
}
