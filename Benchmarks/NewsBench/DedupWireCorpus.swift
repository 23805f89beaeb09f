import Foundation
import NewsCore
import NewsDedup

/// The wire-heavy stream of `newsbench dedup-scale`: a few stories republished over and over, as wire
/// copies are in a news window. Article `i` is always the same text.
///
/// Each story is an English-like text of 12 paragraphs (about 3 KB). Article `i` belongs to story
/// `i % stories`; one in ten is an exact re-send (same text, new id) of an earlier copy of its story,
/// the others are edited copies: two adjacent body paragraphs swapped twice, the end trimmed (60–100 %
/// of the paragraphs kept), a sentence dropped from a third of the paragraphs, half the time a sentence
/// added, now and then a new headline.
struct DedupWireCorpus: Sendable {
    private let bases: [DedupHardSet.Base]
    /// Articles a day: the days stay inside the default 7-day window up to 1M articles.
    static let articlesPerDay = 150_000

    init(stories: Int = 5, seed: UInt64 = 13) {
        var random = DedupRandom(seed: seed)
        bases = (0..<stories).map { _ in
            let vocabulary = DedupSyntheticText.vocabulary(.english, count: 400, &random)
            return DedupHardSet.Base(
                title: DedupSyntheticText.sentence(.english, vocabulary, &random),
                paragraphs: (0..<12).map { _ in DedupSyntheticText.paragraph(.english, vocabulary, &random) }
            )
        }
    }

    var storyCount: Int { bases.count }

    /// Article number `index` (id `<prefix><index>`).
    func document(_ index: Int, idPrefix: String = "w") -> DedupDocument {
        var random = DedupRandom(seed: UInt64(index) &* 0x9e37_79b9_7f4a_7c15 &+ 1)
        let story = index % bases.count
        let day = 19_000 + index / Self.articlesPerDay
        if index >= 100, random.chance(0.1) {
            // An exact re-send of an earlier copy of the same story.
            let earlier = index - bases.count * (1 + random.below(min(index / bases.count, 2_000) - 1))
            var copy = document(earlier, idPrefix: idPrefix)
            copy.id = "\(idPrefix)\(index)"
            copy.day = day
            return copy
        }
        var paragraphs = bases[story].paragraphs
        for _ in 0..<2 {
            let position = 1 + random.below(paragraphs.count - 2)
            paragraphs.swapAt(position, position + 1)
        }
        paragraphs = Array(paragraphs.prefix(paragraphs.count * (6 + random.below(5)) / 10))
        // Paragraphs trimmed too: a sentence dropped from a third of them.
        paragraphs = paragraphs.map { paragraph in
            let sentences = paragraph.split(separator: ".", omittingEmptySubsequences: true)
            guard sentences.count > 1, random.chance(0.33) else { return paragraph }
            var kept = sentences
            kept.remove(at: random.below(sentences.count))
            return kept.map { $0.trimmingCharacters(in: .whitespaces) + "." }.joined(separator: " ")
        }
        if random.chance(0.5) {
            paragraphs[random.below(paragraphs.count)] += " " + random.pick(DedupHardSet.addedSentences)
        }
        let title = random.chance(0.2) ? "UPDATE: " + bases[story].title : bases[story].title
        return DedupDocument(id: "\(idPrefix)\(index)", title: title, paragraphs: paragraphs, day: day)
    }

    /// The article as the JSON envelope a crawler would send.
    func envelope(_ index: Int, idPrefix: String = "w") -> RawArticle {
        DedupEvalSet.Item.envelope(document(index, idPrefix: idPrefix), story: "", kind: "wire", site: "outlet\(index % 97).example").raw
    }
}
