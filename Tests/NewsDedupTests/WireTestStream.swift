import NewsDedup
import TestSupport

/// A generated wire-heavy stream for tests: a few stories republished by many outlets (edited copies and
/// exact re-sends) among unrelated articles, with sources, dates and stream times. Article `i` is always
/// the same; no Foundation, no randomness outside ``TestRandom``.
enum WireTestStream {
    /// Stories republished over and over.
    static let stories = 4
    /// Outlets the copies come from.
    static let sources = 23

    /// Article number `index` and the time it entered the stream (one a minute).
    static func article(_ index: Int) -> (document: DedupDocument, time: StreamTime) {
        var random = TestRandom(seed: UInt64(index) &* 0x9e37_79b9_7f4a_7c15 &+ 7)
        let time = StreamTime(millisecondsSince1970: 1_700_000_000_000 + Int64(index) * 60_000)
        let source = "outlet\(random.below(sources)).example"
        let day = 19_700 + index / 1_440
        // A third of the stream is unrelated articles, each its own story.
        guard random.below(3) != 0 else {
            var document = Synthetic.article(id: "u\(index)", seed: 1_000_000 &+ UInt64(index), paragraphs: 4 + random.below(6), day: day)
            document.source = source
            return (document, time)
        }
        let story = random.below(stories)
        if index >= 50, random.below(10) == 0 {
            // An exact re-send of an earlier article (any kind), under a new id.
            var copy = article(index - 1 - random.below(min(index - 1, 400))).document
            copy.id = "r\(index)"
            copy.source = source
            return (copy, time)
        }
        let vocabulary = RandomText.words(400, seed: UInt64(story) &+ 1)
        var paragraphs = (0..<10).map { RandomText.paragraph(vocabulary, length: 50, seed: UInt64(story) &* 1_000 &+ UInt64($0)) }
        let swap = 1 + random.below(paragraphs.count - 2)
        paragraphs.swapAt(swap, swap + 1)
        paragraphs = Array(paragraphs.prefix(5 + random.below(6)))
        if random.below(3) == 0 {
            // A paragraph rewritten by this outlet: new shingles, posted while the story's are capped.
            paragraphs[random.below(paragraphs.count)] = RandomText.paragraph(vocabulary, length: 50, seed: 5_000_000 &+ UInt64(index))
        }
        if random.below(4) == 0 {
            paragraphs.append(RandomText.paragraph(RandomText.words(100, seed: 77), length: 20, seed: 42))  // the outlets' shared footer
        }
        let title = RandomText.paragraph(vocabulary, length: 10, seed: UInt64(story) &+ 900)
        return (DedupDocument(id: "w\(index)", title: random.below(5) == 0 ? "UPDATE: " + title : title, paragraphs: paragraphs, day: day, source: source), time)
    }

    /// The configuration the stream runs under: a small window, so that articles are forgotten, their
    /// postings outlive them until compaction and later copies post the story's samples again; a small
    /// posting cap, so that it binds.
    static var configuration: DedupConfiguration {
        var configuration = DedupConfiguration()
        configuration.maxArticles = 6_000
        configuration.maxPostingsPerShingle = 8
        return configuration
    }

    /// Every verdict of the first `count` articles, one line each (`id status of cluster similarity`):
    /// the first `replicated` go through one index, which publishes their fingerprint records; a replica
    /// applies those records (encoded and decoded, as on the log) and decides the rest.
    static func verdictLines(count: Int, replicated: Int = 0) throws -> [String] {
        var worker = DedupIndex(configuration: configuration)
        var replica = DedupIndex(configuration: configuration)
        return try (0..<count).map { number in
            let (document, time) = article(number)
            let verdict: DedupVerdict
            if number < replicated {
                let (workerVerdict, record) = worker.insertRecording(document, at: time)
                if let record { replica.apply(try FingerprintRecord(decoding: record.encoded())) }
                verdict = workerVerdict
            } else {
                verdict = replica.insert(document, at: time)
            }
            return "\(document.id) \(verdict.status.rawValue) \(verdict.of ?? "-") \(verdict.cluster) \(Int((verdict.similarity * 10_000).rounded()))"
        }
    }

    /// A 64-bit FNV-1a digest of lines.
    static func digest(_ lines: [String]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in lines {
            for byte in line.utf8 + [10] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return hash
    }
}
