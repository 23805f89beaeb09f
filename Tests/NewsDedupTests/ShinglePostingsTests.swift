@testable import NewsDedup
import Testing

/// The packed run of postings finds exactly what was added, across merges and rebuilds.
struct ShinglePostingsTests {
    @Test func lookupsSeeExactlyThePostingsAddedAcrossMergesAndRebuilds() {
        var random = TestRandom(state: 21)
        var postings = ShinglePostings()
        var reference: [UInt32: [UInt32]] = [:]
        // 300,000 postings over 40,000 keys: several merges into the run, some keys in both parts.
        let keys = (0..<40_000).map { _ in UInt32(truncatingIfNeeded: random.next()) >> UInt32(random.below(5)) }
        for value in 0..<UInt32(300_000) {
            let key = keys[random.below(keys.count)]
            postings.add(key: key, value: value)
            reference[key, default: []].append(value)
        }
        func check(_ postings: ShinglePostings, _ reference: [UInt32: [UInt32]]) {
            #expect(postings.count == reference.values.reduce(0) { $0 + $1.count })
            for key in keys.prefix(5_000) {
                var found: [UInt32] = []
                postings.forEachValue(of: key) { found.append($0) }
                #expect(found.sorted() == (reference[key] ?? []).sorted())
            }
            var all: [UInt32: [UInt32]] = [:]
            postings.forEachPosting { all[$0, default: []].append($1) }
            #expect(all.mapValues { $0.sorted() } == reference.mapValues { $0.sorted() })
        }
        check(postings, reference)
        #expect(postings.byteCount < postings.count * 8)  // well under a hash table's 8 bytes a posting
        // A rebuild keeping every third value, renumbered.
        let rebuilt = postings.rebuilt { $0 % 3 == 0 ? $0 / 3 : nil }
        check(rebuilt, reference.mapValues { $0.filter { $0 % 3 == 0 }.map { $0 / 3 } }.filter { !$0.value.isEmpty })
    }

    @Test func batchedLookupsSeeExactlyThePostingsOfEachKey() {
        var random = TestRandom(state: 5)
        var postings = ShinglePostings()
        var reference: [UInt32: [UInt32]] = [:]
        let keys = (0..<20_000).map { _ in UInt32(truncatingIfNeeded: random.next()) >> UInt32(random.below(6)) }
        // Checked while only the recent table holds postings, then with a run and a recent table.
        for round in 0..<3 {
            for value in 0..<UInt32(50_000) {
                let key = keys[random.below(keys.count)]
                postings.add(key: key, value: UInt32(round) * 50_000 + value)
                reference[key, default: []].append(UInt32(round) * 50_000 + value)
            }
            // Keys posted or not, repeated, unsorted: each gets its own postings.
            let probes = (0..<600).map { _ in random.below(4) == 0 ? UInt32(truncatingIfNeeded: random.next()) : keys[random.below(keys.count)] }
            var batched: [[UInt32]] = []
            postings.forEachKey(probes) { index, values in
                #expect(index == batched.count)
                batched.append(values.sorted())
            }
            #expect(batched == probes.map { (reference[$0] ?? []).sorted() })
            #expect(batched.contains { !$0.isEmpty })
        }
        #expect(postings.runCount > 0 && postings.count > postings.runCount)
    }

    @Test func batchedAddsBuildTheTableSingleAddsBuild() {
        var random = TestRandom(state: 9)
        var single = ShinglePostings()
        var batched = ShinglePostings()
        var value: UInt32 = 0
        // Batches of up to 48 across growths of the recent table and merges into the run.
        while single.count < 200_000 {
            let keys = (0..<random.below(49)).map { _ in UInt32(truncatingIfNeeded: random.next()) >> 12 }
            let values = keys.indices.map { value + UInt32($0) }
            value += UInt32(keys.count)
            for (key, value) in zip(keys, values) { single.add(key: key, value: value) }
            batched.add(keys: keys, values: values)
        }
        var singlePostings: [UInt64] = []
        var batchedPostings: [UInt64] = []
        single.forEachPosting { singlePostings.append(UInt64($0) << 32 | UInt64($1)) }
        batched.forEachPosting { batchedPostings.append(UInt64($0) << 32 | UInt64($1)) }
        // Table order too: the same entries in the same places.
        #expect(batchedPostings == singlePostings)
        #expect(batched.runCount == single.runCount && batched.byteCount == single.byteCount)
    }
}
