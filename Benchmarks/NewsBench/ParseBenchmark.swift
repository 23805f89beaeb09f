import ArgumentParser
import Foundation
import NewsCore

/// `newsbench parse`: single-core throughput of ``ArticleParser/parse(_:)`` (cleaning + extraction) and of
/// the ``Cleaner`` alone, on the seed articles repeated and on a generated corpus (seed paragraphs shuffled,
/// with page cruft and noise lines mixed in).
struct ParseBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Articles per second on one core: whole parse and cleaner alone, seeds and generated corpus."
    )

    @Option(help: "Directory of seed articles.")
    var seeds = "seeds"

    @Option(help: "Parses of the seed set per measurement round.")
    var repeats = 4000

    @Option(help: "Articles in the generated corpus.")
    var generated = 4000

    @Option(help: "Measurement rounds; the best round is reported.")
    var rounds = 3

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted()
        guard !names.isEmpty else { throw ValidationError("no .txt files in \(seeds)") }
        let seedArticles = try names.map { name in
            RawArticle(id: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: seeds).appendingPathComponent(name))))
        }
        let corpus = Self.generate(from: seedArticles, count: generated)
        let seedBytes = seedArticles.reduce(0) { $0 + $1.bytes.count }
        let corpusBytes = corpus.reduce(0) { $0 + $1.bytes.count }
        print("seeds: \(seedArticles.count) articles, \(seedBytes / seedArticles.count) bytes on average")
        print("generated: \(corpus.count) articles, \(corpusBytes / max(1, corpus.count)) bytes on average")
        let parser = ArticleParser()
        let cleaner = Cleaner()
        let seedTexts = seedArticles.map { String(decoding: $0.bytes, as: UTF8.self) }
        let corpusTexts = corpus.map { String(decoding: $0.bytes, as: UTF8.self) }
        report("parse  seeds", articles: seedArticles.count * repeats, bytes: seedBytes * repeats) {
            var words = 0
            for _ in 0..<repeats { for raw in seedArticles { words &+= (try? parser.parse(raw))?.stats.words ?? 0 } }
            return words
        }
        report("clean  seeds", articles: seedTexts.count * repeats, bytes: seedBytes * repeats) {
            var count = 0
            for _ in 0..<repeats { for text in seedTexts { count &+= cleaner.clean(text).paragraphs.count } }
            return count
        }
        report("parse  generated", articles: corpus.count, bytes: corpusBytes) {
            var words = 0
            for raw in corpus { words &+= (try? parser.parse(raw))?.stats.words ?? 0 }
            return words
        }
        report("clean  generated", articles: corpusTexts.count, bytes: corpusBytes) {
            var count = 0
            for text in corpusTexts { count &+= cleaner.clean(text).paragraphs.count }
            return count
        }
    }

    /// Runs `body` `rounds` times and prints the best round, by this thread's CPU time (immune to other
    /// processes sharing the core) and by wall-clock time.
    private func report(_ label: String, articles: Int, bytes: Int, _ body: () -> Int) {
        var bestCPU = Double.infinity
        var bestWall = Double.infinity
        var sink = 0
        for _ in 0..<max(1, rounds) {
            let wall = DispatchTime.now().uptimeNanoseconds
            let cpu = Self.threadCPUSeconds()
            sink &+= body()
            bestCPU = min(bestCPU, Self.threadCPUSeconds() - cpu)
            bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9)
        }
        let name = label.padding(toLength: 18, withPad: " ", startingAt: 0)
        let cpuRate = String(format: "%9.0f", Double(articles) / bestCPU)
        let wallRate = String(format: "%9.0f", Double(articles) / bestWall)
        let mbps = String(format: "%6.1f", Double(bytes) / bestCPU / 1e6)
        let micros = String(format: "%6.2f", bestCPU * 1e6 / Double(articles))
        print("\(name) \(cpuRate) articles/s per CPU-second (\(micros) µs, \(mbps) MB/s)  wall: \(wallRate) articles/s  (check \(sink % 1000))")
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Articles built from the seed paragraphs: a headline, shuffled paragraphs with cruft lines and noise.
    static func generate(from seeds: [RawArticle], count: Int) -> [RawArticle] {
        let paragraphs = seeds.flatMap { raw in
            String(decoding: raw.bytes, as: UTF8.self).split(separator: "\n").map(String.init).filter { $0.count > 80 }
        }
        let cruft = [
            "Partager cet article", "PUBLICITÉ", "Lire aussi", "Previous slide", "Next slide", "Copy to clipboard",
            "Par euronews avec AFP", "Tous droits réservés AFP", "Recommandé pour vous", "Share this article",
            "Advertisement", "Read more", "Photo: Reuters", "Sign up for our newsletter", "Home | News | Sport | Business",
        ]
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        guard !paragraphs.isEmpty else { return [] }
        return (0..<count).map { index in
            var lines = ["Titre généré numéro \(index) sur la coopération entre \(["Moscou", "Pékin", "Paris"][next() % 3]) et ses voisins", ""]
            for _ in 0..<(2 + next() % 3) { lines.append(cruft[next() % cruft.count]) }
            for _ in 0..<(5 + next() % 8) {
                lines.append("")
                lines.append(paragraphs[next() % paragraphs.count])
                if next() % 4 == 0 { lines.append(""); lines.append(cruft[next() % cruft.count]) }
                if next() % 10 == 0 { lines.append(String(repeating: "#\(next() % 100) ", count: 1 + next() % 5)) }
            }
            lines.append("")
            for _ in 0..<(1 + next() % 3) { lines.append(cruft[next() % cruft.count]) }
            return RawArticle(id: "gen-\(index)", bytes: Array(lines.joined(separator: "\n").utf8))
        }
    }
}
