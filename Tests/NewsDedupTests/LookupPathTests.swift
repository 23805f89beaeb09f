import NewsDedup
import Testing

/// The lookup and apply path decides a wire-heavy stream exactly as recorded, on a worker and on a replica
/// that applies its records (issue 13: optimizations of that path must not change a verdict).
struct LookupPathTests {
    /// The verdicts of ``WireTestStream`` (recorded at 8f83a13, then after issue 15's shared-background rule
    /// moved 5 near_duplicate verdicts to same_story or unique): 9,000
    /// articles (a third unrelated, the rest copies of 4 stories from 23 outlets, a tenth exact re-sends)
    /// through one index that keeps 6,000 articles, so postings outlive their articles, compaction runs,
    /// capped keys are posted again, and the postings (over 65,536) are merged into the sorted run. A
    /// change of the lookup or apply path must keep this digest; a change meant to change verdicts
    /// (scoring) updates it, with its `dedup-eval` numbers.
    static let verdictDigest: UInt64 = 0x9013_46fb_5f4d_8e00
    static let statusCounts = ["duplicate": 381, "near_duplicate": 5_302, "same_story": 193, "unique": 3_124]

    @Test func wireStreamVerdictsAreThoseOfMain() throws {
        let lines = try WireTestStream.verdictLines(count: 9_000)
        var counts: [String: Int] = [:]
        for line in lines { counts[String(line.split(separator: " ")[1]), default: 0] += 1 }
        #expect(counts == Self.statusCounts)
        #expect(WireTestStream.digest(lines) == Self.verdictDigest)
    }

    @Test func aReplicaApplyingTheRecordsDecidesTheRestAsTheWorkerWould() throws {
        // The worker's verdicts for the first 4,500, the replica's (from the records) for the rest.
        let lines = try WireTestStream.verdictLines(count: 9_000, replicated: 4_500)
        #expect(WireTestStream.digest(lines) == Self.verdictDigest)
    }
}
