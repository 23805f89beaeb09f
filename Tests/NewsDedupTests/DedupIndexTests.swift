import NewsDedup
import TestSupport
import Testing

struct DedupIndexTests {
    @Test func reprocessingAnIdReturnsItsFirstVerdict() {
        var index = DedupIndex()
        let seeds = Seeds.rawLines()
        let first = seeds.map { index.insert($0) }
        let again = seeds.reversed().map { index.insert($0) }
        #expect(Array(again.reversed()) == first)
        #expect(again.allSatisfy { $0.of != nil || $0.status == .unique })
        #expect(index.count == 5)
        // Even with other content under the same id.
        var changed = Seeds.document("003")
        changed.paragraphs = Seeds.document("000").paragraphs
        #expect(index.insert(changed) == first[3])
    }

    @Test func verdictsAreDeterministicAcrossIndexes() {
        let documents = (0..<200).map { Synthetic.article(id: "d\($0)", seed: UInt64($0 % 50), paragraphs: 4 + $0 % 5) }
        var a = DedupIndex()
        var b = DedupIndex()
        #expect(documents.map { a.insert($0) } == documents.map { b.insert($0) })
    }

    @Test func batchInsertGivesTheSameVerdictsAsOneByOne() async {
        let documents = (0..<100).map { Synthetic.article(id: "d\($0)", seed: UInt64($0 % 30)) } + Seeds.rawLines()
        var single = DedupIndex()
        var batched = DedupIndex()
        let expected = documents.map { single.insert($0) }
        #expect(await batched.insert(batch: documents, concurrency: 3) == expected)
    }

    @Test func theCapForgetsTheOldestArticles() {
        var configuration = DedupConfiguration()
        configuration.maxArticles = 10
        configuration.verdictMemoryBytes = 0  // ids are remembered as long as their fingerprints only
        var index = DedupIndex(configuration: configuration)
        let articles = (0..<25).map { Synthetic.article(id: "a\($0)", seed: UInt64($0) * 31 + 7) }
        for article in articles { _ = index.insert(article) }
        #expect(index.count == 10)
        #expect(index.verdict(for: "a14") == nil)
        #expect(index.verdict(for: "a15") != nil)
        var oldCopy = articles[3]
        oldCopy.id = "old-copy"
        #expect(index.insert(oldCopy).status == .unique)
        var recentCopy = articles[20]
        recentCopy.id = "recent-copy"
        #expect(index.insert(recentCopy).status == .duplicate)
        // Memory stays bounded under a long stream.
        for number in 0..<5_000 { _ = index.insert(Synthetic.article(id: "s\(number)", seed: UInt64(number) + 100_000, paragraphs: 2)) }
        index.compact()
        let memory = index.memoryUsage
        #expect(memory.articles == 10)
        #expect(memory.storedArticles == 10)
        #expect(memory.totalBytes < 10_000)
    }

    @Test func compactionNeverChangesVerdicts() {
        var configuration = DedupConfiguration()
        configuration.maxArticles = 300
        var compacting = DedupIndex(configuration: configuration)
        var plain = DedupIndex(configuration: configuration)
        for number in 0..<3_000 {
            let article = Synthetic.article(id: "a\(number)", seed: UInt64(number % 700), paragraphs: 3)
            if number % 97 == 0 { compacting.compact() }
            #expect(compacting.insert(article) == plain.insert(article))
        }
    }

    @Test func memoryPerArticleIsReported() {
        var index = DedupIndex()
        for number in 0..<2_000 { _ = index.insert(Synthetic.article(id: "a\(number)", seed: UInt64(number))) }
        let memory = index.memoryUsage
        #expect(memory.articles == 2_000)
        #expect(memory.bytesPerArticle > 50)
        #expect(memory.bytesPerArticle < 1_000)
    }

    @Test func normalisationFoldsCaseDiacriticsApostrophesAndQuotes() {
        let a = DedupDocument(id: "a", paragraphs: ["Une visite d’État, « au printemps », a-t-il dit : les manœuvres navales ont commencé en mer de Chine."])
        let b = DedupDocument(id: "b", paragraphs: ["UNE VISITE D'ETAT, \"au printemps\", a-t-il dit: les manoeuvres navales ont commence en mer de Chine."])
        let scores = SimilarityScores(a, b)
        #expect(scores.jaccard == 1)
        #expect(scores.verdict.status == .duplicate)
    }
}
