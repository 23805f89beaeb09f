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

    private struct Slot {
        var key: UInt64 = 0
        var score: Int32 = 0
        var first: Int32 = 0
        var proper = false
    }

    func rank() -> [String] {
        let tokens = text.tokens
        var size = 256
        while size < text.contentEnd { size <<= 1 }
        var slots = [Slot](repeating: Slot(), count: size)
        var used: [Int32] = []
        used.reserveCapacity(size / 4)
        let mask = size - 1
        var titleEnd = 0
        if let first = text.lines.first, first.part == .title { titleEnd = first.tokens.upperBound }
        let excluded = WordInfo.Flags.notKeyword
        for position in 0..<text.contentEnd {
            let token = tokens[position]
            guard token.kind == .word, token.length >= 3, !token.shape.contains(.tag),
                  token.info.flags.isDisjoint(with: excluded) else { continue }
            let key = token.stem == 0 ? 1 : token.stem
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while slots[index].key != 0, slots[index].key != key { index = (index + 1) & mask }
            if slots[index].key == 0 {
                if used.count * 2 >= size { continue }  // full enough: later new words are ignored
                slots[index].key = key
                slots[index].first = Int32(position)
                used.append(Int32(index))
            }
            slots[index].score += position < titleEnd ? 3 : 1
            if token.shape.contains(.capitalised), !token.shape.contains(.sentenceStart) { slots[index].proper = true }
        }
        // Keep the best `limit` by score, then first appearance, with a small insertion sort.
        var best: [Slot] = []
        best.reserveCapacity(limit + 1)
        for index in used {
            let slot = slots[Int(index)]
            guard slot.score >= 2 else { continue }
            var position = best.count
            while position > 0, Self.ranks(slot, above: best[position - 1]) { position -= 1 }
            if position < limit {
                best.insert(slot, at: position)
                if best.count > limit { best.removeLast() }
            }
        }
        return best.map { slot in
            let token = tokens[Int(slot.first)]
            let word = text.string(Int(token.start)..<Int(token.end))
            return slot.proper ? word : word.lowercased()
        }
    }

    private static func ranks(_ slot: Slot, above other: Slot) -> Bool {
        slot.score != other.score ? slot.score > other.score : slot.first < other.first
    }
}
