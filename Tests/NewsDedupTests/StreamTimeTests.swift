import NewsCore
import NewsDedup
import TestSupport
import Testing

/// The window runs on stream time; article dates are evidence only (issue 15).
struct StreamTimeTests {
    /// 2023-01-02T00:00Z, a stream time after every seed's date.
    static let january2023 = StreamTime(millisecondsSince1970: 19_359 * 86_400_000)

    @Test func aFarFutureDateDoesNotEmptyTheIndex() {
        var index = DedupIndex()
        let original = Synthetic.article(id: "A", seed: 1, day: 19_356)  // 2022-12-30
        let future = Synthetic.article(id: "typo", seed: 2, day: 47_482)  // 2099-12-31
        var copy = original
        copy.id = "A-copy"
        #expect(index.insert(original, at: Self.january2023).status == .unique)
        #expect(index.insert(future, at: Self.january2023).status == .unique)
        let verdict = index.insert(copy, at: Self.january2023)
        #expect(verdict.status == .duplicate)
        #expect(verdict.of == "A")
        #expect(!index.isPlausible(day: 47_482))
        #expect(index.isPlausible(day: 19_361))  // stream day + 2
        #expect(!index.isPlausible(day: 19_362))
        #expect(!index.isPlausible(day: 7_000))  // 1989
    }

    @Test func aMultiYearBackfillInRandomOrderIsDeduplicated() {
        var random = TestRandom(seed: 15)
        // 30 distinct articles dated across 2012–2025 (days 15 340 … 20 400), crawled in one hour.
        let originals = (0..<30).map { Synthetic.article(id: "a\($0)", seed: UInt64(1_000 + $0), day: 15_340 + random.below(5_060)) }
        var copies = originals.map { original in
            var copy = original
            copy.id = original.id + "-again"
            return copy
        }
        var shuffled = originals
        Self.shuffle(&shuffled, &random)
        Self.shuffle(&copies, &random)
        var index = DedupIndex()
        let now = StreamTime(millisecondsSince1970: 20_430 * 86_400_000)
        for (offset, original) in shuffled.enumerated() {
            #expect(index.insert(original, at: StreamTime(millisecondsSince1970: now.millisecondsSince1970 + Int64(offset) * 60_000)).status == .unique)
        }
        for copy in copies {
            let verdict = index.insert(copy, at: StreamTime(millisecondsSince1970: now.millisecondsSince1970 + 3_600_000))
            #expect(verdict.status == .duplicate)
            #expect(verdict.of.map { $0 + "-again" } == copy.id)
        }
    }

    @Test func theWindowForgetsByStreamTimeNotByArticleDates() {
        var configuration = DedupConfiguration()
        configuration.windowDays = 7
        configuration.verdictMemoryBytes = 0  // ids are remembered as long as their fingerprints only
        var index = DedupIndex(configuration: configuration)
        let day: Int64 = 86_400_000
        let start = 20_000 * day
        let original = Synthetic.article(id: "old", seed: 9, day: 15_000)  // dated years before the stream
        #expect(index.insert(original, at: StreamTime(millisecondsSince1970: start)).status == .unique)
        var copy = original
        copy.id = "copy-day-7"
        #expect(index.insert(copy, at: StreamTime(millisecondsSince1970: start + 7 * day)).of == "old")
        // Seven days and a minute after "old" entered the stream, it is forgotten; the day-7 copy is not.
        copy.id = "copy-day-7b"
        let later = index.insert(copy, at: StreamTime(millisecondsSince1970: start + 7 * day + 60_000))
        #expect(later.of == "copy-day-7")
        #expect(later.cluster == "old")
        #expect(index.verdict(for: "old") == nil)
        #expect(index.verdict(for: "copy-day-7") != nil)
        // A time earlier than one seen does not move the clock back.
        copy.id = "late-record"
        _ = index.insert(copy, at: StreamTime(millisecondsSince1970: start))
        #expect(index.verdict(for: "old") == nil)
        #expect(index.streamTime == StreamTime(millisecondsSince1970: start + 7 * day + 60_000))
    }

    @Test func sameStoryNeedsCompatibleDatesAtTheirPrecision() {
        // Two articles sharing two separate paragraphs of their five: same_story when their dates can agree.
        let shared = (0..<2).map { RandomText.paragraph(RandomText.words(400, seed: 77), seed: 500 + UInt64($0)) }
        func article(_ id: String, seed: UInt64, day: Int?, dayCount: Int = 1) -> DedupDocument {
            var document = Synthetic.article(id: id, seed: seed, paragraphs: 3, day: day)
            document.paragraphs.insert(shared[0], at: 1)
            document.paragraphs.append(shared[1])
            document.dayCount = dayCount
            return document
        }
        let october2023 = StreamTime(millisecondsSince1970: 19_631 * 86_400_000)
        func verdict(_ first: DedupDocument, _ second: DedupDocument) -> DedupVerdict {
            var index = DedupIndex()
            _ = index.insert(first, at: october2023)
            return index.insert(second, at: october2023)
        }
        let december = article("dec", seed: 1, day: 19_327, dayCount: 31)  // 2022-12
        #expect(verdict(december, article("dec16", seed: 2, day: 19_342)).status == .sameStory)  // 2022-12-16
        #expect(verdict(december, article("jan02", seed: 3, day: 19_359)).status == .sameStory)  // within 3 days of the month
        #expect(verdict(december, article("sep", seed: 4, day: 19_600)).status == .unique)  // 2023-09-01
        #expect(verdict(article("day", seed: 5, day: 19_340), article("far", seed: 6, day: 19_350)).status == .unique)
        // An undated article, or an implausible date, is no evidence either way.
        #expect(verdict(december, article("undated", seed: 7, day: nil)).status == .sameStory)
        #expect(verdict(december, article("2099", seed: 8, day: 47_482)).status == .sameStory)
    }

    @Test func differentEventsSharingABackgroundSectionOrALongParagraphStayApart() {
        // A two-paragraph background section, and one 320-word background paragraph (three passages).
        let words = RandomText.words(300, seed: 19)
        let section = [RandomText.paragraph(words, length: 70, seed: 20), RandomText.paragraph(words, length: 60, seed: 21)]
        let long = RandomText.paragraph(words, length: 320, seed: 22)
        for background in [section, [long]] {
            for seed in stride(from: UInt64(2_000), to: 2_100, by: 10) {
                var first = Synthetic.article(id: "first", seed: seed, paragraphs: 5)
                var second = Synthetic.article(id: "second", seed: seed + 5, paragraphs: 5)
                first.paragraphs.insert(contentsOf: background, at: 3)
                second.paragraphs.insert(contentsOf: background, at: 2)
                var index = DedupIndex()
                _ = index.insert(first)
                let verdict = index.insert(second)
                #expect(verdict.status == .unique, "seed \(seed), \(background.count) paragraphs: \(verdict)")
            }
        }
    }

    @Test func parsedSeedsFormTheThreeClustersInAll120OrdersWithTheDefaultWindow() throws {
        // 000 is dated 2022-12 and 004 2023-09: months apart in article time, one burst in stream time.
        let documents = try Seeds.parsed()
        for order in Seeds.permutations(documents) {
            #expect(Seeds.clusters(of: order) == Seeds.clusters, "\(order.map(\.id))")
        }
    }

    @Test func aReprocessedIDKeepsItsFirstVerdictAfterNewerDatedArticles() throws {
        let seeds = try Seeds.parsed()
        let a = seeds[0], b = seeds[1], c4 = seeds[4]
        var c = b
        c.id = "C"
        c.paragraphs.removeLast()
        c.paragraphs.append("Le Kremlin a ajouté que la rencontre avait duré plus de deux heures et demie.")
        var index = DedupIndex()
        let verdicts = [a, b, c4, c, b].map { index.insert($0) }
        #expect(verdicts[1].status == .sameStory)
        #expect(verdicts[1].of == "000")
        #expect(verdicts[4] == verdicts[1])
    }

    private static func shuffle<T>(_ items: inout [T], _ random: inout TestRandom) {
        for index in stride(from: items.count - 1, to: 0, by: -1) { items.swapAt(index, random.below(index + 1)) }
    }
}
