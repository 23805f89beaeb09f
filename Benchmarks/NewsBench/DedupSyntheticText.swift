import NewsDedup

/// A fixed-seed pseudo-random generator (SplitMix64): the same corpus on every run and platform.
struct DedupRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Synthetic news text: English- or French-like sentences from function words and per-topic,
/// per-story vocabularies of invented words, so stories share exactly what the generator decides.
struct DedupSyntheticText {
    /// A language: its function words and the syllables its invented words are made of.
    struct Language {
        var functionWords: [String]
        var syllables: [String]

        static let english = Language(
            functionWords: ["the", "of", "and", "to", "in", "a", "that", "is", "for", "on", "with", "as", "was",
                            "by", "at", "from", "has", "said", "will", "its", "after", "their", "an", "were"],
            syllables: ["ba", "con", "der", "ex", "for", "gra", "hin", "ly", "man", "ner", "port", "ster", "tion",
                        "ver", "wick", "ton", "shire", "dale", "mont", "ing", "est", "ral", "ough", "pro"])
        static let french = Language(
            functionWords: ["le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "que", "qui", "dans",
                            "pour", "sur", "avec", "par", "au", "a", "est", "sont", "ont", "selon", "mais"],
            syllables: ["beau", "cha", "dé", "é", "fran", "gui", "ille", "jour", "lé", "mé", "nou", "oir", "pré",
                        "quai", "rè", "sé", "teau", "vé", "ville", "ç", "ain", "eur", "ette", "ière"])
    }

    /// An invented word of 2–4 syllables.
    static func word(_ language: Language, _ random: inout DedupRandom) -> String {
        (0..<(2 + random.below(3))).map { _ in random.pick(language.syllables) }.joined()
    }

    /// A vocabulary of `count` invented words.
    static func vocabulary(_ language: Language, count: Int, _ random: inout DedupRandom) -> [String] {
        (0..<count).map { _ in word(language, &random) }
    }

    /// A sentence: function words and words from `vocabulary`, capitalised, with a full stop.
    static func sentence(_ language: Language, _ vocabulary: [String], _ random: inout DedupRandom) -> String {
        let length = 9 + random.below(14)
        var words: [String] = []
        for _ in 0..<length {
            words.append(random.chance(0.4) ? random.pick(language.functionWords) : random.pick(vocabulary))
        }
        return words.joined(separator: " ").capitalizedFirst + "."
    }

    /// A paragraph of 2–4 sentences.
    static func paragraph(_ language: Language, _ vocabulary: [String], _ random: inout DedupRandom) -> String {
        (0..<(2 + random.below(3))).map { _ in sentence(language, vocabulary, &random) }.joined(separator: " ")
    }
}

extension String {
    /// The string with its first letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
