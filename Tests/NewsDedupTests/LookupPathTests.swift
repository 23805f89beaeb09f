import NewsDedup
import Testing

/// The lookup and apply path decides a wire-heavy stream exactly as recorded, on a worker and on a replica
/// that applies its records (issue 13: optimizations of that path must not change a verdict).
struct LookupPathTests {
    /// The verdicts of ``WireTestStream`` (recorded at 8f83a13, then after issue 15's shared-background rule
    /// moved 5 near_duplicate verdicts to same_story or unique, then after the lead's minimums were sampled
    /// (short copies): 37 same_story verdicts became near_duplicate, 2 near_duplicate and 2 unique became
    /// same_story, and the 5 exact copies of w6055, a copy of story w8 left unique, became near_duplicates
    /// in w8's cluster instead of duplicates of w6055, one of whose samples is a capped posting; then after
    /// a section holding the first text of both articles counted as their lead, no background: 8 same_story
    /// verdicts name another article of the same cluster, one sharing their lead): 9,000
    /// articles (a third unrelated, the rest copies of 4 stories from 23 outlets, a tenth exact re-sends)
    /// through one index that keeps 6,000 articles, so postings outlive their articles, compaction runs,
    /// capped keys are posted again, and the postings (over 65,536) are merged into the sorted run. A
    /// change of the lookup or apply path must keep this digest; a change meant to change verdicts
    /// (scoring) updates it, with its `dedup-eval` numbers.
    static let verdictDigest: UInt64 = 0x2ae1_ff11_d17e_532b
    static let statusCounts = ["duplicate": 376, "near_duplicate": 5_342, "same_story": 160, "unique": 3_122]

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
