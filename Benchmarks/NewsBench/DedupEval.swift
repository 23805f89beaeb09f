import ArgumentParser
import Foundation
import NewsCore
import NewsDedup

/// `newsbench dedup-eval`: pairwise precision, recall and F1 of "same story cluster" on a labelled set.
struct DedupEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup-eval",
        abstract: "Evaluate the dedup index on the seeds, their variants and synthetic stories.",
        discussion: """
            Reports pairwise precision/recall/F1 of "same cluster" over several arrival orders, the \
            status each generated variant gets when its original came first, the seed clusters in all \
            120 orders, and bytes per remembered article. --sweep tries several sampling settings.
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

    @Flag(help: "List every misclassified variant.")
    var verbose = false

    func run() throws {
        let corpus = try DedupEvalCorpus(seedsDirectory: seeds)
        let stories = Set(corpus.items.map(\.story)).count
        print("corpus: \(corpus.items.count) documents, \(stories) stories")
        if sweep {
            print("rate  max | precision recall    F1 | seeds ok | variants ok | bytes/article")
            for rate in [8, 10, 12, 16, 24] {
                for maximum in [16, 24, 32, 48, 64] {
                    var configuration = DedupConfiguration()
                    configuration.sampleRate = rate
                    configuration.maxSamples = maximum
                    configuration.shingleSize = shingleSize
                    let result = evaluate(corpus, configuration)
                    print(String(format: "%4d %4d |   %.4f  %.4f  %.4f |  %3d/120 |   %3d/%3d   | %6.1f",
                                 rate, maximum, result.precision, result.recall, result.f1, result.seedOrdersOK,
                                 result.variantsOK, result.variantsChecked, result.bytesPerArticle))
                }
            }
            return
        }
        var configuration = DedupConfiguration()
        configuration.sampleRate = sampleRate
        configuration.maxSamples = maxSamples
        configuration.shingleSize = shingleSize
        let result = evaluate(corpus, configuration, report: true)
        print(String(format: "pairwise same-cluster over %d orders: precision %.4f recall %.4f F1 %.4f (TP %d FP %d FN %d)",
                     orders, result.precision, result.recall, result.f1, result.truePositives, result.falsePositives, result.falseNegatives))
        print("seed clusters {000,001,002} {003} {004} correct in \(result.seedOrdersOK)/120 orders")
        print("variants with the expected status (original first): \(result.variantsOK)/\(result.variantsChecked)")
        print(String(format: "bytes per remembered article: %.1f", result.bytesPerArticle))
    }

    struct Result {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var seedOrdersOK = 0
        var variantsOK = 0
        var variantsChecked = 0
        var bytesPerArticle = 0.0
        var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        var f1: Double { 2 * precision * recall / max(1e-9, precision + recall) }
    }

    func evaluate(_ corpus: DedupEvalCorpus, _ configuration: DedupConfiguration, report: Bool = false) -> Result {
        var result = Result()
        var random = DedupRandom(seed: 7)
        for _ in 0..<orders {
            let items = corpus.items.shuffled(using: &random)
            var index = DedupIndex(configuration: configuration)
            let clusters = items.map { index.insert($0.document).cluster }
            for i in items.indices {
                for j in items.indices where j > i {
                    let truth = items[i].story == items[j].story
                    let predicted = clusters[i] == clusters[j]
                    if truth && predicted { result.truePositives += 1 }
                    if !truth && predicted { result.falsePositives += 1 }
                    if truth && !predicted { result.falseNegatives += 1 }
                }
            }
            result.bytesPerArticle = index.memoryUsage.bytesPerArticle
        }
        // Variants, each right after its original (and the story's other originals).
        var statusCounts: [String: (ok: Int, all: Int)] = [:]
        for item in corpus.items where item.expected != nil {
            var index = DedupIndex(configuration: configuration)
            for original in corpus.items where original.story == item.story && (original.kind == "seed" || original.kind == "original") {
                _ = index.insert(original.document)
            }
            let verdict = index.insert(item.document)
            let ok = verdict.status == item.expected
            result.variantsChecked += 1
            if ok { result.variantsOK += 1 }
            statusCounts[item.kind, default: (0, 0)].all += 1
            if ok { statusCounts[item.kind, default: (0, 0)].ok += 1 }
            if report, verbose, !ok {
                print("  \(item.document.id): expected \(item.expected!.rawValue), got \(verdict.status.rawValue) \(verdict.similarity)")
            }
        }
        if report {
            for (kind, counts) in statusCounts.sorted(by: { $0.key < $1.key }) {
                print("  \(kind.padding(toLength: 10, withPad: " ", startingAt: 0)) expected status \(counts.ok)/\(counts.all)")
            }
        }
        // The seeds alone in all 120 orders.
        let seedItems = corpus.items.filter { $0.kind == "seed" }
        for order in Self.permutations(of: Array(seedItems.indices)) {
            var index = DedupIndex(configuration: configuration)
            var clusterOf: [String: String] = [:]
            for position in order { clusterOf[seedItems[position].document.id] = index.insert(seedItems[position].document).cluster }
            let groups = Set(seedItems.map { item in seedItems.filter { clusterOf[$0.document.id] == clusterOf[item.document.id] }.map(\.document.id).sorted() })
            if groups == [["000", "001", "002"], ["003"], ["004"]] { result.seedOrdersOK += 1 }
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
