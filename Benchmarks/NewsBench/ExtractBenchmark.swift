import ArgumentParser
import Foundation
import NewsCore

/// `newsbench extract`: times ``Extractor`` (and the whole parse, for comparison) over the seed articles.
struct ExtractBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Time entity, date, quote, keyword and source extraction over the seed articles, one core."
    )

    @Option(help: "Folder of seed articles (.txt).")
    var seeds = "seeds"

    @Option(help: "Times each seed is extracted.")
    var rounds = 20_000

    @Flag(help: "Print what each seed yields before timing.")
    var show = false

    @Flag(help: "Time extraction only, not the whole parse.")
    var extractOnly = false

    func run() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw ValidationError("no .txt files in \(seeds)") }
        let raws = try files.map { name in
            RawArticle(id: name, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: seeds).appendingPathComponent(name))))
        }
        let texts = raws.map { String(decoding: $0.bytes, as: UTF8.self) }
        let cleaner = Cleaner()
        let cleaned = texts.map { cleaner.clean($0) }
        let extractor = Extractor()
        if show {
            for (name, page) in zip(files, cleaned) {
                let facts = extractor.extract(from: page, published: page.headerDate)
                print("== \(name)")
                print("dates:", facts.dates.map { "\($0.text) → \($0.date)\($0.season.map { " " + $0 } ?? "")" })
                print("agencies:", facts.agencies, "byline:", facts.byline ?? "-", "outlet:", facts.outlet ?? "-")
                for entity in facts.entities { print("  \(entity.kind) \(entity.name) ×\(entity.count) \(entity.mentions)") }
                for quote in facts.quotes { print("  «\(quote.text.prefix(60))…» — \(quote.speaker ?? "?")") }
                print("keywords:", facts.keywords)
            }
        }
        let bytes = raws.reduce(0) { $0 + $1.bytes.count }
        var sink = 0
        let clock = ContinuousClock()
        let extractionCPU = ParseBenchmark.threadCPUSeconds()
        let extraction = clock.measure {
            for _ in 0..<rounds {
                for page in cleaned {
                    let facts = extractor.extract(from: page, published: page.headerDate)
                    sink &+= facts.entities.count &+ facts.quotes.count &+ facts.dates.count &+ facts.keywords.count
                }
            }
        }
        let extractionCPUSeconds = ParseBenchmark.threadCPUSeconds() - extractionCPU
        let parser = ArticleParser()
        let parseRounds = extractOnly ? 0 : max(1, rounds / 4)
        let parsingCPU = ParseBenchmark.threadCPUSeconds()
        let parsing = clock.measure {
            for _ in 0..<parseRounds {
                for raw in raws {
                    if let article = try? parser.parse(raw) { sink &+= article.entities.count }
                }
            }
        }
        let parsingCPUSeconds = ParseBenchmark.threadCPUSeconds() - parsingCPU
        func micros(_ duration: Duration, _ count: Int) -> Double {
            let (seconds, attoseconds) = duration.components
            return (Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(count)
        }
        let perExtract = micros(extraction, rounds * cleaned.count)
        let perParse = micros(parsing, parseRounds * raws.count)
        print("seeds: \(files.count), mean size \(bytes / files.count) bytes")
        let cpuExtract = extractionCPUSeconds * 1e6 / Double(rounds * cleaned.count)
        let cpuParse = parsingCPUSeconds * 1e6 / Double(parseRounds * raws.count)
        print(String(format: "extract: %.2f µs/article wall, %.2f µs CPU (%.0f articles/s per core)", perExtract, cpuExtract, 1e6 / cpuExtract))
        if parseRounds > 0 { print(String(format: "parse:   %.2f µs/article wall, %.2f µs CPU (%.0f articles/s per core)", perParse, cpuParse, 1e6 / cpuParse)) }
        print("(checksum \(sink)); CPU time is this thread's, which a busy machine inflates less than wall time")
    }
}
