import ArgumentParser
import Foundation
import NewsCore
import NewsDedup

/// `newsbench dedup-scale`: what one more article costs as the index fills, on a wire-heavy stream and on
/// unrelated articles, and how fast a replica applies fingerprints (issue 13).
struct DedupScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup-scale",
        abstract: "Per-article dedup cost at 2k…1M articles in the index (wire-heavy and unrelated streams) and the replica apply rate.",
        discussion: """
            For each stream and size N: the index (default configuration: 7-day window, 1M articles) is \
            filled with N articles of the stream, then, --repeats times on a copy of it: \
            (1) core: --measured new articles of the stream, as JSON envelopes (~3 KB on the wire stream), \
            go through ArticleProcessor.process as in `newsworker process` (parse + fingerprint + insert); \
            CPU time per article of this thread, and the parse alone on the same envelopes; \
            (2) replica apply: --measured further fingerprints, encoded as on the fingerprint log, are \
            decoded and inserted with DedupIndex.insert(fingerprint:), as the worker's DedupSequencer \
            applies the log; CPU time per fingerprint. Medians of the repeats are printed (the machine \
            may be shared: CPU time of the benchmark thread, not wall clock). \
            Filling: article texts are generated and fingerprinted (not parsed: the fill measures no \
            parser). --fill insert decides every fill article with insert(fingerprint:): the index is \
            exactly what the stream leaves. --fill records applies FingerprintRecords instead (apply(_:), \
            no decision), whose posted samples follow the index's posting cap (maxPostingsPerShingle per \
            sampled shingle, nothing forgotten during the fill) and whose verdicts name the story's first \
            article: the same postings, fast. --fill auto (default) inserts while that fits in \
            --fill-budget seconds per stream, then continues with records, and says where it switched. \
            Release build: swift build -c release --product newsbench.
            """
    )

    enum Fill: String, ExpressibleByArgument, CaseIterable { case insert, records, auto }

    @Option(parsing: .upToNextOption, help: "Index sizes (articles in the index when measuring).")
    var sizes: [Int] = [2_000, 20_000, 200_000, 1_000_000]

    @Option(parsing: .upToNextOption, help: "Streams: wire (5 stories republished over and over), unrelated.")
    var streams: [String] = ["wire", "unrelated"]

    @Option(help: "Articles (and fingerprints) timed per repeat at each size (at most a tenth of the size).")
    var measured = 1_000

    @Option(help: "Repeats at each size; medians are printed.")
    var repeats = 3

    @Flag(help: "Time only the replica apply (no core, no parse). With many --repeats, the run is mostly the apply loop: attach `perf record -p` once \"measuring\" is printed on stderr.")
    var applyOnly = false

    @Option(help: "How the index is filled: insert, records, auto.")
    var fill: Fill = .auto

    @Option(help: "CPU seconds per stream the auto fill may spend inserting before it switches to records.")
    var fillBudget = 120.0

    @Option(help: "Instead of measuring: write the first --write-count articles of the first stream as JSON envelope files into this directory (for `newsworker process`).")
    var write: String?

    @Option(help: "Articles written by --write.")
    var writeCount = 2_000

    func validate() throws {
        guard sizes.allSatisfy({ $0 >= 100 }), sizes == sizes.sorted() else { throw ValidationError("--sizes: ascending, each at least 100") }
        guard let unknown = streams.first(where: { !["wire", "unrelated"].contains($0) }) else { return }
        throw ValidationError("--streams: unknown stream '\(unknown)' (wire, unrelated)")
    }

    func run() throws {
        if let directory = write {
            let stream = streams.first == "unrelated" ? Stream.unrelated() : Stream.wire()
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for number in 0..<writeCount {
                let raw = stream.envelope(number)
                let name = String(String(number).reversed()).padding(toLength: 7, withPad: "0", startingAt: 0)
                try Data(raw.bytes).write(to: URL(fileURLWithPath: "\(directory)/\(String(name.reversed())).json"))
            }
            print("wrote \(writeCount) articles to \(directory) (names in stream order)")
            return
        }
        let configuration = DedupConfiguration()
        print("configuration: default (window \(configuration.windowDays) days, \(configuration.maxArticles) articles, \(configuration.maxPostingsPerShingle) postings per shingle)")
        print("CPU µs of the benchmark thread, medians of \(repeats) repeats; the machine may be shared (wall clock is not reported)")
        for name in streams {
            let stream = name == "wire" ? Stream.wire() : Stream.unrelated()
            print("")
            print("stream \(name): \(stream.description)")
            print("   in index | articles timed | core µs/article | parse µs | core − parse | × first size | apply µs/fingerprint | applied/s | filled by")
            var bench = Bench(stream: stream, configuration: configuration, fill: fill, fillBudget: fillBudget)
            var first: Double?
            for size in sizes {
                bench.fill(to: size)
                let batch = max(100, min(measured, size / 10))
                FileHandle.standardError.write(Data("filled \(size) (\(bench.fillDescription)); measuring\n".utf8))
                let row = bench.measure(batch: batch, repeats: repeats, core: !applyOnly)
                first = first ?? row.core
                print(String(format: "%11d | %14d | %15.1f | %8.1f | %12.1f | %12.2f | %20.1f | %9.0f | %@",
                             size, batch, row.core, row.parse, row.core - row.parse, row.core / first!, row.apply,
                             1e6 / row.apply, bench.fillDescription))
            }
        }
    }

    /// A stream of generated articles: article `n` is always the same.
    struct Stream {
        var description: String
        var document: (Int) -> DedupDocument
        /// The story of article `n` (its first article is number `story`), `nil` for unrelated articles.
        var story: (Int) -> Int?

        static func wire() -> Stream {
            let corpus = DedupWireCorpus()
            return Stream(
                description: "\(corpus.storyCount) stories republished over and over (edited copies: paragraphs swapped, trimmed "
                    + "and shortened by a sentence, a sentence added; 10 % exact re-sends), ~3 KB each; at 1M, 200k copies per story",
                document: { corpus.document($0) },
                story: { $0 % corpus.storyCount }
            )
        }

        static func unrelated() -> Stream {
            let corpus = DedupBenchCorpus()
            // DedupBenchCorpus makes articles 3 and 7 of every ten copies of earlier ones: skip those.
            let offsets = [0, 1, 2, 4, 5, 6, 8, 9]
            return Stream(
                description: "unrelated articles (dedup-bench's corpus without its copies), ~2 KB each",
                document: { number in
                    var document = corpus.document(number / 8 * 10 + offsets[number % 8], idPrefix: "u")
                    document.id = "u\(number)"
                    document.day = 19_000 + number / DedupWireCorpus.articlesPerDay
                    return document
                },
                story: { _ in nil }
            )
        }

        func envelope(_ number: Int) -> RawArticle {
            DedupEvalSet.Item.envelope(document(number), story: "", kind: "", site: "outlet\(number % 97).example").raw
        }
    }

    /// One stream's index as it fills, and the measurements on copies of it.
    struct Bench {
        let stream: Stream
        let configuration: DedupConfiguration
        let fill: Fill
        let fillBudget: Double
        private var processor: ArticleProcessor
        /// The next article number of the stream.
        private var next = 0
        /// Postings per sampled shingle, as the index keeps them (for record fills).
        private var postings: [UInt32: Int] = [:]
        private var insertSeconds = 0.0
        private var inserted = 0
        private var applied = 0

        init(stream: Stream, configuration: DedupConfiguration, fill: Fill, fillBudget: Double) {
            self.stream = stream
            self.configuration = configuration
            self.fill = fill
            self.fillBudget = fillBudget
            self.processor = ArticleProcessor(index: DedupIndex(configuration: configuration))
        }

        var fillDescription: String {
            if applied == 0 { return String(format: "insert (%.0f µs/article)", insertSeconds / Double(max(1, inserted)) * 1e6) }
            if inserted == 0 { return "records" }
            return String(format: "insert up to %d (%.0f µs/article), then records", inserted, insertSeconds / Double(max(1, inserted)) * 1e6)
        }

        /// Adds articles until the index holds `size` (measured articles never stay in it).
        mutating func fill(to size: Int) {
            while next < size {
                let end = min(size, next + 1_000)
                let fingerprints = (next..<end).map { processor.index.fingerprint(stream.document($0)) }
                if useInsert(remaining: size - next) {
                    let time = Timing.measure {
                        for fingerprint in fingerprints {
                            guard let record = processor.index.insertRecording(fingerprint: fingerprint).record else { continue }
                            for key in record.postedSamples { postings[key, default: 0] += 1 }
                        }
                    }
                    insertSeconds += time.cpu
                    inserted += fingerprints.count
                } else {
                    for (offset, fingerprint) in fingerprints.enumerated() { processor.index.apply(record(fingerprint, number: next + offset)) }
                    applied += fingerprints.count
                }
                next = end
            }
        }

        private func useInsert(remaining: Int) -> Bool {
            switch fill {
            case .insert: return true
            case .records: return false
            case .auto:
                guard applied == 0 else { return false }
                let perArticle = inserted == 0 ? 0 : insertSeconds / Double(inserted)
                return insertSeconds + perArticle * Double(remaining) <= fillBudget
            }
        }

        /// The record `insert(fingerprint:)` would have made, without deciding: posted samples under the
        /// posting cap, the verdict naming the story's first article.
        private mutating func record(_ fingerprint: DocumentFingerprint, number: Int) -> FingerprintRecord {
            var posted: [UInt32] = []
            var passages: [UInt8] = []
            for (key, passage) in zip(fingerprint.samples, fingerprint.passages) where postings[key, default: 0] < configuration.maxPostingsPerShingle {
                postings[key, default: 0] += 1
                posted.append(key)
                passages.append(UInt8(min(255, passage)))
            }
            let verdict: DedupVerdict
            if let story = stream.story(number), story != number {
                let first = stream.document(story).id
                verdict = DedupVerdict(status: .nearDuplicate, of: first, cluster: first, similarity: 0.9)
            } else {
                verdict = DedupVerdict(status: .unique, of: nil, cluster: fingerprint.id, similarity: 0)
            }
            return FingerprintRecord(
                id: fingerprint.id, day: fingerprint.day, dayCount: fingerprint.dayCount, sourceKey: fingerprint.sourceKey, verdict: verdict,
                shingleCount: fingerprint.shingleCount, sampleCount: fingerprint.samples.count,
                contentHash: fingerprint.contentHash, threshold: fingerprint.threshold,
                postedSamples: posted, postedPassages: passages
            )
        }

        /// Medians over `repeats` of: core µs per article, parse µs per article (both `nan` unless `core`),
        /// apply µs per fingerprint.
        func measure(batch: Int, repeats: Int, core measuresCore: Bool) -> (core: Double, parse: Double, apply: Double) {
            // Numbers past the fill: new articles, the same ones at every repeat. One more each to take
            // the copy of the index (copy-on-write) out of the timing.
            let raws = (next...(next + batch)).map(stream.envelope)
            let encoded = ((next + batch + 1)...(next + 2 * batch + 1)).map { processor.index.fingerprint(stream.document($0)).encoded() }
            var core: [Double] = []
            var parse: [Double] = []
            var apply: [Double] = []
            for _ in 0..<max(1, repeats) {
                if measuresCore {
                    var trial = processor
                    _ = trial.process(raws[0])
                    core.append(Timing.measure { for raw in raws.dropFirst() { _ = trial.process(raw) } }.cpu / Double(batch))
                    parse.append(Timing.measure { for raw in raws.dropFirst() { _ = try? processor.parser.parse(raw) } }.cpu / Double(batch))
                }
                var replica = processor.index
                _ = replica.insert(fingerprint: try! DocumentFingerprint(decoding: encoded[0]))
                apply.append(Timing.measure {
                    for bytes in encoded.dropFirst() {
                        guard let fingerprint = try? DocumentFingerprint(decoding: bytes) else { continue }
                        _ = replica.insert(fingerprint: fingerprint)
                    }
                }.cpu / Double(batch))
            }
            func median(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.sorted()[values.count / 2] * 1e6 }
            return (median(core), median(parse), median(apply))
        }
    }
}
