import ArgumentParser
import Foundation
import NewsCore
import NewsDedup

/// `newsbench record`: cost of turning a parsed seed article into the bytes published on Kafka, the
/// hand-written compact JSON next to Foundation's `JSONEncoder` (same bytes), one core.
struct RecordBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Records/s of EnrichedRecord.jsonBytes() against JSONEncoder on the seed articles, one core."
    )

    @Option(help: "Directory of seed articles.")
    var seeds = "seeds"

    @Option(help: "Encodings of the seed set per measurement.")
    var repeats = 2000

    func run() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted()
        let parser = ArticleParser()
        let records = try names.map { name in
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: seeds).appendingPathComponent(name)))
            let article = try parser.parse(RawArticle(id: name, bytes: bytes))
            return EnrichedRecord(
                article: article,
                dedup: DedupVerdict(status: .sameStory, of: "x", cluster: "x", similarity: 0.4217),
                provenance: .init(topic: "articles.raw", partition: 1, offset: 42, worker: "bench", processedAt: "2026-11-23T20:00:00Z", version: "bench")
            )
        }
        let size = records.reduce(0) { $0 + $1.jsonBytes().count } / max(1, records.count)
        print("seed records: \(records.count), \(size) bytes of JSON on average")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        measure("jsonBytes()  ", records.count) { records.reduce(0) { $0 &+ $1.jsonBytes().count } }
        measure("JSONEncoder  ", records.count) { records.reduce(0) { $0 &+ ((try? encoder.encode($1))?.count ?? 0) } }
    }

    private func measure(_ label: String, _ perRound: Int, _ body: () -> Int) {
        var sink = 0
        let start = ParseBenchmark.threadCPUSeconds()
        for _ in 0..<repeats { sink &+= body() }
        let seconds = ParseBenchmark.threadCPUSeconds() - start
        let count = Double(repeats * perRound)
        print(label + String(format: "%9.0f records/s per CPU-second (%7.2f µs)  (check %d)", count / seconds, seconds * 1e6 / count, sink % 1000))
    }
}
