import ArgumentParser
import Foundation
import NewsCore
import NewsDedup

/// `newsbench dedup-eval`: pairwise precision, recall and F1 of "same story cluster" on a labelled set.
struct DedupEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup-eval",
        abstract: "Evaluate dedup quality: generated set, seeds in 120 orders, L3S-GN1 pages, hard cases.",
        discussion: """
            Every article goes through the real core (parse, fingerprint, index) as `newsworker process` \
            runs it. Reports pairwise precision/recall/F1 of "same cluster" and false merges over several \
            seeded arrival orders on: the generated set (seeds, their variants, synthetic stories), the \
            labelled L3S-GN1 set (pages and their gold texts, --l3s), and the hard cases (edited wire \
            copies, shared background paragraphs, same-site traps, implausible dates, a multi-year \
            backfill, short copies of a lead in short paragraphs; from L3S gold texts when present). \
            Also the status each generated variant gets when its original came first, the seed clusters \
            in all 120 orders, and bytes per remembered article. --sweep tries several sampling settings \
            on the generated set.
            """
    )

    @Option(help: "Directory of the seed articles.")
    var seeds = "seeds"

    @Option(help: "Random arrival orders to average over.")
    var orders = 5

    @Option(help: "Sample one shingle in this many.")
    var sampleRate = DedupConfiguration().sampleRate

    @Option(help: "Most sampled shingles per article.")
    var maxSamples = DedupConfiguration().maxSamples

    @Option(help: "Words per shingle.")
    var shingleSize = DedupConfiguration().shingleSize

    @Flag(help: "Evaluate a grid of sampling settings instead.")
    var sweep = false

    @Flag(help: "List every misclassified variant, parse failure and wrong match (first order).")
    var verbose = false

    @Option(help: "The L3S-GN1 development file (read at run time, never stored; skipped when absent at the default path).")
    var l3s = L3SDedupSet.defaultPath

    @Flag(help: "Only the generated set and the seeds (no L3S, no hard cases).")
    var quick = false

    @Option(help: "Also write every L3S and hard set's articles to DIR/<set>/<id>.json as envelopes (for `newsworker similarity`).")
    var writeSets: String?

    func validate() throws {
        guard l3s == L3SDedupSet.defaultPath || FileManager.default.fileExists(atPath: l3s) else {
            throw ValidationError("--l3s: no file at \(l3s)")
        }
    }

    func run() throws {
        var configuration = DedupConfiguration()
        configuration.sampleRate = sampleRate
        configuration.maxSamples = maxSamples
        configuration.shingleSize = shingleSize
        let corpus = try DedupEvalCorpus(seedsDirectory: seeds)
        print("every article goes through the core as `newsworker process` runs it (ArticleProcessor: parse, fingerprint, index),")
        print("one index per stream; pairs: same cluster vs same story; false merges = pairs of different stories in one cluster")
        if sweep {
            print("rate  max | precision recall    F1 | seeds ok | variants ok | bytes/article")
            for rate in [8, 10, 12, 16, 24] {
                for maximum in [16, 24, 32, 48, 64] {
                    var swept = configuration
                    swept.sampleRate = rate
                    swept.maxSamples = maximum
                    let result = evaluate(corpus, swept)
                    print(String(format: "%4d %4d |   %.4f  %.4f  %.4f |  %3d/120 |   %3d/%3d   | %6.1f",
                                 rate, maximum, result.pairs.precision, result.pairs.recall, result.pairs.f1, result.seedOrdersOK,
                                 result.variantsOK, result.variantsChecked, result.bytesPerArticle))
                }
            }
            return
        }
        let result = evaluate(corpus, configuration, report: true)
        print(String(format: "generated set, pairwise same-cluster over %d orders: precision %.4f recall %.4f F1 %.4f (TP %d FP %d FN %d)",
                     orders, result.pairs.precision, result.pairs.recall, result.pairs.f1,
                     result.pairs.truePositives, result.pairs.falsePositives, result.pairs.falseNegatives))
        print("seed clusters {000,001,002} {003} {004} correct in \(result.seedOrdersOK)/120 orders (seed files parsed with their own dates)")
        if !result.seedFailures.isEmpty { print("  wrong orders, e.g.: " + result.seedFailures.prefix(6).joined(separator: "; ")) }
        print("variants with the expected status (original first): \(result.variantsOK)/\(result.variantsChecked)")
        print(String(format: "bytes per remembered article: %.1f", result.bytesPerArticle))
        guard !quick else { return }

        let runner = DedupEvalRunner(configuration: configuration)
        var bases = DedupHardSet.syntheticBases(count: 200)
        var hardName = "hard-synthetic"
        if FileManager.default.fileExists(atPath: l3s) {
            let labelled = try L3SDedupSet(path: l3s)
            let set = labelled.evalSet
            print("")
            print("l3s: \(set.items.count) articles (\(labelled.pages.count) pages and their golds) from \(Set(labelled.pages.map(\.host)).count) hosts, " +
                  "\(set.storyCount) stories (same-text pages merged), \(labelled.uncertain.count) undecided story pairs not scored")
            try report(set, runner)
            bases = labelled.baseArticles()
            hardName = "hard-l3s"
        } else {
            print("\nl3s: skipped, no file at \(l3s)")
        }
        let hard = DedupHardSet(name: hardName, bases: bases).set
        print("")
        print("\(hardName): \(hard.items.count) articles, \(hard.storyCount) stories, generated from \(bases.count) base articles; each kind alone, then all together")
        for kind in hard.kinds { try report(hard.only(kind: kind), runner) }
        try report(hard, runner)
    }

    /// Prints one line per order and a summary for a set.
    private func report(_ set: DedupEvalSet, _ runner: DedupEvalRunner) throws {
        if let writeSets { try set.write(to: URL(fileURLWithPath: writeSets).appendingPathComponent(set.name)) }
        let scores = DedupEvalRunner.orders(of: set, count: orders).map { runner.score(set, order: $0) }
        print("  \(set.name) (\(set.items.count) articles, \(set.storyCount) stories):")
        for (number, score) in scores.enumerated() { print("    order \(number): \(score.line)") }
        let f1 = scores.map(\.pairs.f1).sorted()
        print(String(format: "    summary: F1 min %.4f median %.4f, false merges %d in %d orders",
                     f1.first ?? 0, f1[f1.count / 2], scores.reduce(0) { $0 + $1.pairs.falsePositives }, scores.count))
        if verbose, let first = scores.first {
            for failure in first.parseFailures { print("    parse failure: \(failure)") }
            for match in first.wrongMatchList { print("    wrong match (order 0): \(match)") }
            for pair in first.missedPairList { print("    missed pair (order 0): \(pair)") }
            for (number, score) in scores.enumerated() {
                for merge in score.falseMergeList { print("    false merge (order \(number)): \(merge)") }
            }
        }
    }

    struct Result {
        var pairs = PairCounts()
        var seedOrdersOK = 0
        var seedFailures: [String] = []
        var variantsOK = 0
        var variantsChecked = 0
        var bytesPerArticle = 0.0
    }

    func evaluate(_ corpus: DedupEvalCorpus, _ configuration: DedupConfiguration, report: Bool = false) -> Result {
        var result = Result()
        let set = corpus.evalSet
        let runner = DedupEvalRunner(configuration: configuration)
        for (number, order) in DedupEvalRunner.orders(of: set, count: orders).enumerated() {
            let score = runner.score(set, order: order)
            result.pairs += score.pairs
            if report { print("  generated order \(number): \(score.line)") }
        }
        var filled = ArticleProcessor(index: DedupIndex(configuration: configuration))
        for item in set.items { _ = filled.process(item.raw) }
        result.bytesPerArticle = filled.index.memoryUsage.bytesPerArticle

        // Variants, each right after its original (and the story's other originals).
        var statusCounts: [String: (ok: Int, all: Int)] = [:]
        for (item, raw) in zip(corpus.items, set.items) where item.expected != nil {
            var processor = ArticleProcessor(index: DedupIndex(configuration: configuration))
            for (original, originalRaw) in zip(corpus.items, set.items)
            where original.story == item.story && (original.kind == "seed" || original.kind == "original") {
                _ = processor.process(originalRaw.raw)
            }
            let verdict = try? processor.process(raw.raw).get().dedup
            let ok = verdict?.status == item.expected
            result.variantsChecked += 1
            if ok { result.variantsOK += 1 }
            statusCounts[item.kind, default: (0, 0)].all += 1
            if ok { statusCounts[item.kind, default: (0, 0)].ok += 1 }
            if report, verbose, !ok {
                print("  \(item.document.id): expected \(item.expected!.rawValue), got \(verdict.map { "\($0.status.rawValue) \($0.similarity)" } ?? "a parse error")")
            }
        }
        if report {
            for (kind, counts) in statusCounts.sorted(by: { $0.key < $1.key }) {
                print("  \(kind.padding(toLength: 10, withPad: " ", startingAt: 0)) expected status \(counts.ok)/\(counts.all)")
            }
        }
        // The seed files alone, parsed as `newsworker process` reads them, in all 120 orders.
        let seedFiles = corpus.seedFiles
        for order in Self.permutations(of: Array(seedFiles.indices)) {
            var processor = ArticleProcessor(index: DedupIndex(configuration: configuration))
            var clusterOf: [String: String] = [:]
            for position in order {
                clusterOf[seedFiles[position].id] = (try? processor.process(seedFiles[position]).get().dedup)?.cluster
            }
            let ids = seedFiles.map(\.id)
            let groups = Set(ids.map { id in ids.filter { clusterOf[$0] != nil && clusterOf[$0] == clusterOf[id] }.sorted() })
            if groups == [["000", "001", "002"], ["003"], ["004"]] {
                result.seedOrdersOK += 1
            } else {
                let orderText = order.map { seedFiles[$0].id }.joined(separator: " ")
                result.seedFailures.append(orderText + " → " + groups.sorted { $0.lexicographicallyPrecedes($1) }.map { "{" + $0.joined(separator: ",") + "}" }.joined())
            }
        }
        return result
    }

    static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(of: rest).map { [first] + $0 }
        }
    }
}
