import NewsDedup
import Testing

/// The lookup and apply path decides a wire-heavy stream exactly as main did at 8f83a13, on a worker and on
/// a replica that applies its records (issue 13: optimizations of that path must not change a verdict).
struct LookupPathTests {
    /// The verdicts of ``WireTestStream`` on main at 8f83a13, before issue 13's batched lookups: 9,000
    /// articles (a third unrelated, the rest copies of 4 stories from 23 outlets, a tenth exact re-sends)
    /// through one index that keeps 6,000 articles, so postings outlive their articles, compaction runs,
    /// capped keys are posted again, and the postings (over 65,536) are merged into the sorted run. A
    /// change of the lookup or apply path must keep this digest; a change meant to change verdicts
    /// (scoring) updates it, with its `dedup-eval` numbers.
    static let verdictDigest: UInt64 = 0x921e_cd29_f718_0553
    static let statusCounts = ["duplicate": 381, "near_duplicate": 5_307, "same_story": 190, "unique": 3_122]

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
