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
}
