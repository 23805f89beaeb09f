import NewsDedup

/// The synthetic articles `newsbench dedup-bench` indexes: article `i` is always the same text.
///
/// 6–10 paragraphs of 2–4 sentences of 9–22 words (about 330 words), from function words and a
/// 30 000-word invented vocabulary, English and French alternately. One article in ten is a truncated
/// copy of an earlier one and one in ten a partial rewrite, so lookups find real matches.
struct DedupBenchCorpus: Sendable {
    private let vocabularies: [[String]]

    init() {
        var random = DedupRandom(seed: 2026)
        vocabularies = [
            DedupSyntheticText.vocabulary(.english, count: 30_000, &random),
            DedupSyntheticText.vocabulary(.french, count: 30_000, &random),
        ]
    }

    /// Article number `index` (ids `a<index>`, days spread 200 articles a day).
    func document(_ index: Int, idPrefix: String = "a") -> DedupDocument {
        var random = DedupRandom(seed: UInt64(index) &* 0x2545_f491_4f6c_dd1d)
        let kind = index % 10
        if index >= 100, kind == 3 || kind == 7 {
            // A copy or a rewrite of a recent article.
            let source = index - 1 - random.below(min(index, 5_000) - 1)
            var copy = document(source, idPrefix: idPrefix)
            copy.id = "\(idPrefix)\(index)"
            if kind == 3 {
                copy.paragraphs = Array(copy.paragraphs.prefix(max(1, copy.paragraphs.count * 4 / 5)))
            } else {
                let language = source % 2
                copy.paragraphs = copy.paragraphs.map { random.chance(0.5) ? $0 : paragraph(language, &random) }
            }
            copy.day = 19_000 + index / 200
            return copy
        }
        let language = index % 2
        let paragraphs = (0..<(6 + random.below(5))).map { _ in paragraph(language, &random) }
        return DedupDocument(id: "\(idPrefix)\(index)", title: sentence(language, &random), paragraphs: paragraphs, day: 19_000 + index / 200)
    }

    private func paragraph(_ language: Int, _ random: inout DedupRandom) -> String {
        var text = ""
        text.reserveCapacity(400)
        for number in 0..<(2 + random.below(3)) {
            if number > 0 { text += " " }
            text += sentence(language, &random)
        }
        return text
    }

    private func sentence(_ language: Int, _ random: inout DedupRandom) -> String {
        let functionWords = language == 0 ? DedupSyntheticText.Language.english.functionWords : DedupSyntheticText.Language.french.functionWords
        let vocabulary = vocabularies[language]
        var text = ""
        for position in 0..<(9 + random.below(14)) {
            if position > 0 { text += " " }
            text += random.chance(0.4) ? functionWords[random.below(functionWords.count)] : vocabulary[random.below(vocabulary.count)]
        }
        return text + "."
    }
}
