/// Picks an article's most characteristic terms: frequent content words, the title's counting triple.
///
/// Words are counted by folded stem (case, accents and a plural `s`/`x` ignored), skipping stopwords, cue
/// words of the lexicon, numbers and words of fewer than three letters. A word shown capitalised somewhere
/// other than a sentence start keeps its capital (a name); others are shown in lower case.
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
        let mask = size - 1
        var titleEnd = 0
        if let first = text.lines.first, first.part == .title { titleEnd = first.tokens.upperBound }
        for position in 0..<text.contentEnd {
            let token = tokens[position]
            guard token.kind == .word, token.length >= 3, !token.shape.contains(.tag),
                  token.info.flags.isDisjoint(with: WordInfo.Flags.notKeyword) else { continue }
            let key = token.stem == 0 ? 1 : token.stem
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while slots[index].key != 0, slots[index].key != key { index = (index + 1) & mask }
            if slots[index].key == 0 {
                slots[index].key = key
                slots[index].first = Int32(position)
            }
            slots[index].score += position < titleEnd ? 3 : 1
            if token.shape.contains(.capitalised), !token.shape.contains(.sentenceStart) { slots[index].proper = true }
        }
        var used = slots.filter { $0.key != 0 && $0.score >= 2 }
        used.sort { $0.score != $1.score ? $0.score > $1.score : $0.first < $1.first }
        return used.prefix(limit).map { slot in
            let token = tokens[Int(slot.first)]
            let word = text.string(Int(token.start)..<Int(token.end))
            return slot.proper ? word : word.lowercased()
        }
    }
}
