import NewsDedup
import TestSupport
import Testing

/// A re-processed id keeps its first verdict after its fingerprints leave the window, while the
/// bounded verdict memory holds it (issue 15); implausible dates are flagged in the verdict.
struct VerdictMemoryTests {
    static let day: Int64 = 86_400_000
    static let start = StreamTime(millisecondsSince1970: 19_359 * day)

    static func time(days: Int64) -> StreamTime {
        StreamTime(millisecondsSince1970: start.millisecondsSince1970 + days * day)
    }

    /// Seeds 000 and 001 (one story, `same_story`), then, 8 days of stream time later, seed 004: the
    /// first two have left the 7-day window.
    static func indexPastTheWindow(_ configuration: DedupConfiguration = DedupConfiguration()) throws -> (DedupIndex, DedupVerdict) {
        let seeds = try Seeds.parsed()
        var index = DedupIndex(configuration: configuration)
        #expect(index.insert(seeds[0], at: start).status == .unique)
        let first = index.insert(seeds[1], at: start)
        #expect(first.status == .sameStory)
        #expect(index.insert(seeds[4], at: time(days: 8)).status == .unique)
        #expect(index.count == 1)
        return (index, first)
    }

    @Test func aReprocessedIDKeepsItsFirstVerdictAfterItsFingerprintsAreForgotten() throws {
        var (index, first) = try Self.indexPastTheWindow()
        let seeds = try Seeds.parsed()
        // 001 again: its article is forgotten (a copy of it under another id is unique now), its verdict is not.
        var copy = seeds[1]
        copy.id = "001-copy"
        #expect(index.query(copy).status == .unique)
        let again = index.insertRecording(seeds[1], at: Self.time(days: 9))
        #expect(again.verdict == first)
        #expect(again.record == nil)  // nothing new to publish: replicas already hold that verdict
        #expect(index.verdict(for: "001") == first)
        #expect(index.verdict(for: "000")?.status == .unique)
        #expect(index.count == 1)
    }

    @Test func replicasApplyingTheLogRememberTheSameVerdicts() throws {
        let seeds = try Seeds.parsed()
        var leader = DedupIndex()
        var replica = DedupIndex()
        // From 2023-10 on, every seed date (2022-12 … 2023-09) is plausible: records do not carry the flag.
        let october = StreamTime(millisecondsSince1970: 19_631 * Self.day)
        for (document, days) in [(seeds[0], Int64(0)), (seeds[1], 0), (seeds[2], 1), (seeds[4], 9)] {
            let time = StreamTime(millisecondsSince1970: october.millisecondsSince1970 + days * Self.day)
            let (_, record) = leader.insertRecording(document, at: time)
            replica.apply(try #require(record))
        }
        for id in ["000", "001", "002", "004"] {
            #expect(replica.verdict(for: id) == leader.verdict(for: id), "\(id)")
            #expect(replica.verdict(for: id) != nil)
        }
        #expect(leader.count == 1 && replica.count == 1)
        #expect(replica.insert(seeds[2], at: StreamTime(millisecondsSince1970: october.millisecondsSince1970 + 10 * Self.day)) == leader.verdict(for: "002"))
    }

    @Test func theVerdictMemoryIsBoundedInBytesAndForgetsTheOldestFirst() throws {
        // Room for the verdicts of the last 6 unique articles only (24 bytes each).
        var configuration = DedupConfiguration()
        configuration.verdictMemoryBytes = 6 * 24
        configuration.windowDays = 1
        var index = DedupIndex(configuration: configuration)
        let articles = (0..<10).map { Synthetic.article(id: "a\($0)", seed: UInt64(500 + $0), day: nil) }
        for (number, article) in articles.enumerated() {
            #expect(index.insert(article, at: Self.time(days: Int64(number) * 2)).status == .unique)
        }
        #expect(index.count == 1)
        #expect(index.memoryUsage.verdicts == 6)
        #expect(index.memoryUsage.verdictMemoryBytes > 0)
        for (number, article) in articles.enumerated() {
            #expect((index.verdict(for: article.id) != nil) == (number >= 4), "a\(number)")
        }
        // A forgotten id is judged again, as a new article, and published again.
        var copy = articles[1]
        copy.id = "copy"
        _ = index.insert(copy, at: Self.time(days: 20))
        let again = index.insertRecording(articles[1], at: Self.time(days: 20))
        #expect(again.verdict == DedupVerdict(status: .duplicate, of: "copy", cluster: "copy", similarity: 1))
        #expect(again.record != nil)
    }

    @Test func snapshotsCarryTheVerdictMemory() throws {
        let (index, first) = try Self.indexPastTheWindow()
        var restored = try DedupIndex(snapshot: index.snapshot())
        #expect(restored.snapshot() == index.snapshot())
        #expect(restored.count == 1)
        #expect(restored.memoryUsage.verdicts == 3)
        #expect(restored.verdict(for: "001") == first)
        #expect(restored.insert(try Seeds.parsed()[1], at: Self.time(days: 9)) == first)
        // A smaller budget on restore keeps the newest verdicts: 001's and 004's, not 000's.
        var small = DedupConfiguration()
        small.verdictMemoryBytes = DedupIndex.verdictMemoryEntryBytes + 4 + DedupIndex.verdictMemoryEntryBytes
        let trimmed = try DedupIndex(snapshot: index.snapshot(), configuration: small)
        #expect(trimmed.verdict(for: "000") == nil)
        #expect(trimmed.verdict(for: "001") == first)
        #expect(trimmed.verdict(for: "004") != nil)
    }

    @Test func anImplausibleDateIsFlaggedInTheVerdictAndStaysFlaggedForTheReprocessedID() {
        var index = DedupIndex()
        let future = Synthetic.article(id: "typo", seed: 2, day: 47_482)  // 2099-12-31
        let old = Synthetic.article(id: "old", seed: 3, day: 3_000)  // 1978
        let dated = Synthetic.article(id: "dated", seed: 4, day: 19_358)
        let undated = Synthetic.article(id: "undated", seed: 5, day: nil)
        #expect(index.insert(future, at: Self.start).implausibleDate)
        #expect(index.insert(old, at: Self.start).implausibleDate)
        #expect(!index.insert(dated, at: Self.start).implausibleDate)
        #expect(!index.insert(undated, at: Self.start).implausibleDate)
        // Re-processed in 2099, the first verdict comes back as it was given, flag included.
        let later = StreamTime(millisecondsSince1970: 47_480 * Self.day)
        #expect(index.insert(future, at: later).implausibleDate)
        #expect(index.query(future, at: later).implausibleDate)
    }
}
