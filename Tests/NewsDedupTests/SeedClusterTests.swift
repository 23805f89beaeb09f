import NewsCore
import NewsDedup
import TestSupport
import Testing

struct SeedClusterTests {
    @Test func parsedSeedsFormTheThreeClustersInAll120Orders() throws {
        // The parser's dates (000 is 2022-12, 004 is 2023-09) are months apart: evidence, not the clock.
        var documents = try Seeds.parsed()
        #expect(documents.count == 5)
        for order in Seeds.permutations(documents) {
            #expect(Seeds.clusters(of: order) == Seeds.clusters)
        }
        // And with the default configuration, the same day for all.
        for index in documents.indices { documents[index].day = 19_000 }
        for order in Seeds.permutations(documents) {
            #expect(Seeds.clusters(of: order) == Seeds.clusters)
        }
    }

    @Test func rawSeedLinesFormTheThreeClustersInAll120Orders() {
        let documents = Seeds.rawLines()
        #expect(documents.count == 5)
        for order in Seeds.permutations(documents) {
            #expect(Seeds.clusters(of: order) == Seeds.clusters)
        }
    }

    @Test func seedsOfOneStoryAreSameStoryOfTheEarliest() {
        var index = DedupIndex()
        let verdicts = Seeds.rawLines().map { index.insert($0) }
        #expect(verdicts.map(\.status) == [.unique, .sameStory, .sameStory, .unique, .unique])
        #expect(verdicts[1].of == "000")
        #expect(verdicts[2].of == "000")
        #expect(verdicts.map(\.cluster) == ["000", "000", "000", "003", "004"])
    }
}
