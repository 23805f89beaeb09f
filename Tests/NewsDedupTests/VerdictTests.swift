import Foundation
import NewsDedup
import TestSupport
import Testing

struct VerdictTests {
    private func verdict(of copy: DedupDocument, after original: DedupDocument) -> DedupVerdict {
        var index = DedupIndex()
        _ = index.insert(original)
        return index.insert(copy)
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func exactCopyUnderAnotherNameIsDuplicate(id: String) {
        var copy = Seeds.document(id)
        copy.id = "copy"
        let verdict = verdict(of: copy, after: Seeds.document(id))
        #expect(verdict == DedupVerdict(status: .duplicate, of: id, cluster: id, similarity: 1))
    }

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func lightlyChangedCopiesAreNearDuplicates(id: String) {
        let original = Seeds.document(id)
        let long = original.paragraphs.filter { $0.split(separator: " ").count >= 8 }
        var variants: [String: DedupDocument] = [:]

        var cruft = original
        cruft.paragraphs = ["Partager cet article", "PUBLICITÉ"] + long + ["Abonnez-vous à notre newsletter", "Lire aussi : la météo de demain dans toute la France et en Europe"]
        variants["cruft swapped"] = cruft

        var dropped = original
        dropped.paragraphs = long
        dropped.paragraphs.remove(at: long.count / 2)
        variants["paragraph dropped"] = dropped

        var headline = original
        headline.title = "Ce qu'il faut retenir de cette journée"
        variants["headline changed"] = headline

        var truncated = original
        truncated.paragraphs = Self.truncated(original.paragraphs, keeping: 0.8)
        variants["truncated 20 %"] = truncated

        for (name, variant) in variants.sorted(by: { $0.key < $1.key }) {
            var copy = variant
            copy.id = "copy"
            let verdict = verdict(of: copy, after: original)
            #expect(verdict.status == .nearDuplicate, "\(id) \(name): \(verdict)")
            #expect(verdict.of == id)
            #expect(verdict.cluster == id)
        }
    }

    static func truncated(_ paragraphs: [String], keeping share: Double) -> [String] {
        let words = paragraphs.map { $0.split(separator: " ") }
        var budget = Int(Double(words.reduce(0) { $0 + $1.count }) * share)
        var result: [String] = []
        for paragraph in words where budget > 0 {
            result.append(paragraph.prefix(budget).joined(separator: " "))
            budget -= paragraph.count
        }
        return result
    }

    @Test func differentStoriesSharingABackgroundParagraphStayApart() {
        let background = RandomText.paragraph(RandomText.words(300, seed: 9), length: 70, seed: 10)
        for seed in stride(from: UInt64(1_000), to: 1_200, by: 10) {
            var first = Synthetic.article(id: "first", seed: seed, paragraphs: 6)
            var second = Synthetic.article(id: "second", seed: seed + 5, paragraphs: 6)
            first.paragraphs.insert(background, at: 3)
            second.paragraphs.insert(background, at: 2)
            var index = DedupIndex()
            #expect(index.insert(first).status == .unique)
            let verdict = index.insert(second)
            #expect(verdict.status == .unique, "seed \(seed): \(verdict)")
            #expect(verdict.cluster == "second")
        }
    }

    @Test func theSeedsBackgroundParagraphAloneDoesNotMakeTheSameStory() {
        // 000 and 001 share the "Confrontée à de lourdes sanctions…" background paragraph verbatim.
        let background = Seeds.document("001").paragraphs.first { $0.hasPrefix("Confrontée") }!
        var other = Seeds.document("004")
        other.id = "other"
        other.paragraphs.insert(background, at: 3)
        var index = DedupIndex()
        _ = index.insert(Seeds.document("000"))
        #expect(index.insert(other).status == .unique)
    }

    @Test func unrelatedArticlesAreUnique() {
        var index = DedupIndex()
        for number in 0..<50 {
            let verdict = index.insert(Synthetic.article(id: "a\(number)", seed: UInt64(number) * 7_919))
            #expect(verdict == DedupVerdict(status: .unique, of: nil, cluster: "a\(number)", similarity: verdict.similarity))
        }
    }

    @Test func verdictJSONShapeIsStatusOfClusterSimilarity() throws {
        let verdict = DedupVerdict(status: .nearDuplicate, of: "a", cluster: "a", similarity: 0.9)
        let encoded = String(decoding: try JSONEncoder().encode(verdict), as: UTF8.self)
        #expect(encoded.contains("\"status\":\"near_duplicate\""))
        #expect(encoded.contains("\"of\":\"a\""))
        #expect(encoded.contains("\"cluster\":\"a\""))
        #expect(encoded.contains("\"similarity\":0.9"))
    }
}

