import ArgumentParser
import Foundation
import NewsCore

/// `newsbench html DIR…`: parses raw HTML pages with the full parser on one core, reports pages per CPU-second
/// of the parsing thread (median and range of rounds; wall-clock pages/s too) and, with `--output`, writes
/// `{"id","title","lead","body"}` lines for `shared/extraction-dev/score.py`. `Benchmarks/html-bench.sh` runs it next to trafilatura on the same pages.
struct HTMLBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Time the parser on raw HTML pages (one core) and optionally write records for score.py."
    )

    @Argument(help: "Directories searched for *.html files (recursively), or the files themselves.")
    var inputs: [String]

    @Option(help: "Timed passes over all pages.")
    var rounds = 5

    @Option(name: .shortAndLong, help: "Write one JSON record per page here (id = file name without extension).")
    var output: String?

    @Flag(help: "Add the lines the cleaner removed as \"boilerplate\" to each record.")
    var verbose = false

    func run() throws {
        let files = try HTMLBenchmark.htmlFiles(inputs)
        let pages = try files.map { RawArticle(id: $0.deletingPathExtension().lastPathComponent, bytes: Array(try Data(contentsOf: $0))) }
        guard !pages.isEmpty else { throw ValidationError("no .html files in \(inputs.joined(separator: " "))") }
        let parser = ArticleParser()
        var failures = 0
        var records = Data()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for page in pages {
            var record = CleanEval.Record(id: page.id)
            do {
                let article = try parser.parse(page)
                (record.title, record.lead, record.body) = (article.title, article.lead, article.body)
                if verbose { record.boilerplate = article.boilerplate }
            } catch {
                failures += 1
                record.error = "\(error)"
            }
            records.append(try encoder.encode(record))
            records.append(0x0A)
        }
        if let output { try records.write(to: URL(fileURLWithPath: output)) }
        // Pages per CPU-second of this thread (the box is shared: wall time would count other work), and wall.
        var cpuRates: [Double] = []
        var wallRates: [Double] = []
        for _ in 0..<rounds {
            let wallStart = ContinuousClock.now
            let cpuStart = ParseBenchmark.threadCPUSeconds()
            for page in pages { _ = try? parser.parse(page) }
            cpuRates.append(Double(pages.count) / (ParseBenchmark.threadCPUSeconds() - cpuStart))
            let elapsed = ContinuousClock.now - wallStart
            wallRates.append(Double(pages.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        }
        cpuRates.sort()
        wallRates.sort()
        let bytes = pages.reduce(0) { $0 + $1.bytes.count }
        print("newsworker html: \(pages.count) pages (\(bytes / pages.count / 1024) KB mean), \(failures) without output")
        print(String(format: "newsworker html: %.0f pages per CPU-second median (%.0f-%.0f) over %d rounds; wall %.0f pages/s median",
                     cpuRates[cpuRates.count / 2], cpuRates.first!, cpuRates.last!, rounds, wallRates[wallRates.count / 2]))
    }

    /// The `.html` files under each input, sorted, or the input itself when it is a file.
    static func htmlFiles(_ inputs: [String]) throws -> [URL] {
        var files: [URL] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or directory: \(input)")
            }
            guard isDirectory.boolValue else {
                files.append(URL(fileURLWithPath: input))
                continue
            }
            let walker = FileManager.default.enumerator(at: URL(fileURLWithPath: input), includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if url.pathExtension == "html" { files.append(url) }
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
