import ArgumentParser
import Foundation
import NewsDedup

/// `newsbench dedup-bench`: insert+query throughput and memory of the dedup index at several sizes,
/// side by side with Python datasketch's MinHashLSH on the same corpus.
struct DedupBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup-bench",
        abstract: "Benchmark the dedup index (10k/100k/1M articles) and compare with datasketch.",
        discussion: """
            For each size: fill an index with that many synthetic articles, then time inserting \
            --queries more (each a lookup plus an insert), index-only (fingerprints precomputed) and \
            end to end (fingerprinting included). Memory is counted from the index's structures \
            (allocated capacity) and as the process RSS delta. Then the first --compare-docs \
            articles are written to --corpus and both this index and datasketch MinHashLSH \
            (Benchmarks/datasketch_compare.py) insert+query them all. Run a release build.
            """
    )

    @Option(parsing: .upToNextOption, help: "Index sizes (articles remembered).")
    var sizes: [Int] = [10_000, 100_000, 1_000_000]

    @Option(help: "Articles inserted (and looked up) at each size.")
    var queries = 20_000

    @Option(help: "Articles for the datasketch comparison (0: skip).")
    var compareDocs = 10_000

    @Option(help: "Where the comparison corpus is written.")
    var corpus = "/tmp/newsworker-dedup-corpus.txt"

    @Option(help: "The comparison script.")
    var script = "Benchmarks/datasketch_compare.py"

    @Option(help: "The Python interpreter.")
    var python = "python3"

    @Option(help: "Sample one shingle in this many.")
    var sampleRate = DedupConfiguration().sampleRate

    @Option(help: "Most sampled shingles per article.")
    var maxSamples = DedupConfiguration().maxSamples

    func run() throws {
        let generator = DedupBenchCorpus()
        var configuration = DedupConfiguration()
        configuration.windowDays = 100_000  // every article stays: measure the index at full size
        configuration.maxArticles = 2_000_000
        configuration.sampleRate = sampleRate
        configuration.maxSamples = maxSamples
        print("configuration: shingle \(configuration.shingleSize), 1/\(configuration.sampleRate) sampled, \(configuration.minSamples)…\(configuration.maxSamples) samples/article")
        print("rates per CPU-second of this thread (one core); the machine is shared, wall-clock rates follow each row")
        print("   size |  fill/s | fingerprint/s | lookups/s (index) | lookups/s (end-to-end) | B/article (counted) | B/article (RSS Δ) | postings/article")
        for size in sizes {
            try bench(size: size, generator: generator, configuration: configuration)
        }
        if compareDocs > 0 { try compare(generator: generator, configuration: configuration) }
    }

    private func bench(size: Int, generator: DedupBenchCorpus, configuration: DedupConfiguration) throws {
        let rssBefore = Self.residentBytes()
        var index = DedupIndex(configuration: configuration)
        var fingerprintTime = Timing()
        var insertTime = Timing()
        for chunkStart in stride(from: 0, to: size, by: 1_000) {
            let documents = (chunkStart..<min(size, chunkStart + 1_000)).map { generator.document($0) }
            var fingerprints: [DocumentFingerprint] = []
            fingerprintTime += Timing.measure { fingerprints = documents.map(index.fingerprint) }
            insertTime += Timing.measure { for fingerprint in fingerprints { _ = index.insert(fingerprint: fingerprint) } }
        }
        let memory = index.memoryUsage
        let rssAfter = Self.residentBytes()

        let documents = (size..<(size + queries)).map { generator.document($0) }
        var fingerprints: [DocumentFingerprint] = []
        let queryFingerprintTime = Timing.measure { fingerprints = documents.map(index.fingerprint) }
        var matches = 0
        let queryTime = Timing.measure {
            for fingerprint in fingerprints where index.insert(fingerprint: fingerprint).status != .unique { matches += 1 }
        }
        let total = queryTime + queryFingerprintTime
        print(String(format: "%7d | %7.0f | %13.0f | %17.0f | %22.0f | %19.1f | %17.1f | %.1f",
                     size, Double(size) / insertTime.cpu, Double(size) / fingerprintTime.cpu, Double(queries) / queryTime.cpu,
                     Double(queries) / total.cpu, memory.bytesPerArticle, Double(rssAfter - rssBefore) / Double(size),
                     Double(memory.postings) / Double(memory.articles)))
        print(String(format: "         wall clock (shared machine): lookups/s %.0f index, %.0f end to end; %d of %d lookups matched",
                     Double(queries) / queryTime.wall, Double(queries) / total.wall, matches, queries))
        print("         index bytes: articles \(memory.articleBytes), shingle postings \(memory.shingleIndexBytes), ids \(memory.idIndexBytes)")
        print(String(format: "         verdict memory (not in B/article above): %d verdicts, %d bytes (%.1f B/verdict, bound %d)",
                     memory.verdicts, memory.verdictMemoryBytes, Double(memory.verdictMemoryBytes) / Double(max(1, memory.verdicts)),
                     configuration.verdictMemoryBytes))
    }

    private func compare(generator: DedupBenchCorpus, configuration: DedupConfiguration) throws {
        let documents = (0..<compareDocs).map { generator.document($0) }
        var text = ""
        for document in documents {
            // One article per line: id, tab, title and paragraphs separated by U+2029.
            text += document.id + "\t" + ([document.title ?? ""] + document.paragraphs).joined(separator: "\u{2029}") + "\n"
        }
        try text.write(toFile: corpus, atomically: true, encoding: .utf8)

        var index = DedupIndex(configuration: configuration)
        var swiftMatches = 0
        let endToEnd = Timing.measure {
            for document in documents where index.insert(document).status != .unique { swiftMatches += 1 }
        }
        var indexOnly = DedupIndex(configuration: configuration)
        let fingerprints = documents.map(indexOnly.fingerprint)
        let indexTime = Timing.measure { for fingerprint in fingerprints { _ = indexOnly.insert(fingerprint: fingerprint) } }
        let swiftBytes = indexOnly.memoryUsage.bytesPerArticle

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, corpus]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let result = try JSONSerialization.jsonObject(with: output) as? [String: Any],
              let pyTotal = result["total_cpu_seconds"] as? Double, let pyIndex = result["lsh_cpu_seconds"] as? Double,
              let pyWall = result["total_seconds"] as? Double else {
            print("datasketch comparison failed (exit \(process.terminationStatus)): \(String(decoding: output, as: UTF8.self))")
            return
        }
        let n = Double(compareDocs)
        print("")
        print("datasketch comparison, \(compareDocs) articles from \(corpus), insert+query each, per CPU-second (wall in brackets):")
        print(String(format: "  newsworker DedupIndex:  %9.0f articles/s end to end (%.0f), %9.0f/s index only; %d matched",
                     n / endToEnd.cpu, n / endToEnd.wall, n / indexTime.cpu, swiftMatches))
        print(String(format: "  datasketch MinHashLSH:  %9.0f articles/s end to end (%.0f), %9.0f/s LSH only; %d matched (%@)",
                     n / pyTotal, n / pyWall, n / pyIndex, result["matched"] as? Int ?? -1, result["settings"] as? String ?? ""))
        print(String(format: "  memory held per article: newsworker DedupIndex %.1f B (counted), datasketch MinHashLSH %.1f B (tracemalloc)",
                     swiftBytes, result["lsh_bytes_per_article"] as? Double ?? -1))
        print(String(format: "  ratio: %.1f× end to end (MinHash+LSH vs fingerprint+index), %.1f× index only (LSH vs index)",
                     pyTotal / endToEnd.cpu, pyIndex / indexTime.cpu))
    }

    /// The process's resident set size, from `/proc/self/statm` (0 where unavailable).
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * 4096
    }
}

/// Wall-clock and thread CPU seconds of some work: on a shared machine, CPU time is the per-core figure.
struct Timing {
    var wall = 0.0
    var cpu = 0.0

    static func measure(_ body: () -> Void) -> Timing {
        let wallStart = now(CLOCK_MONOTONIC)
        let cpuStart = now(CLOCK_THREAD_CPUTIME_ID)
        body()
        return Timing(wall: now(CLOCK_MONOTONIC) - wallStart, cpu: now(CLOCK_THREAD_CPUTIME_ID) - cpuStart)
    }

    static func + (lhs: Timing, rhs: Timing) -> Timing { Timing(wall: lhs.wall + rhs.wall, cpu: lhs.cpu + rhs.cpu) }
    static func += (lhs: inout Timing, rhs: Timing) { lhs = lhs + rhs }

    private static func now(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
