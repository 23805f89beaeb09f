import ArgumentParser
import Foundation
import NewsCore
import NewsDedup

/// `newsworker similarity A B`: the dedup scores between two article files, for tuning thresholds.
struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Print the dedup scores between two article files.",
        discussion: """
            Both files go through the parser, then the dedup fingerprints. Prints exact shingle \
            Jaccard and containment, the sampled estimates the index uses, and the verdict B gets \
            in an index holding only A.
            """
    )

    @Option(help: "Words per shingle.")
    var shingleSize = DedupConfiguration().shingleSize

    @Option(help: "Sample one shingle in this many.")
    var sampleRate = DedupConfiguration().sampleRate

    @Option(help: "Most sampled shingles per article.")
    var maxSamples = DedupConfiguration().maxSamples

    @Option(help: "Fewest words for a paragraph to be shingled.")
    var minParagraphWords = DedupConfiguration().minParagraphWords

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Argument(help: "The earlier article file.")
    var first: String

    @Argument(help: "The later article file.")
    var second: String

    func run() throws {
        var configuration = DedupConfiguration()
        configuration.shingleSize = shingleSize
        configuration.sampleRate = sampleRate
        configuration.maxSamples = maxSamples
        configuration.minParagraphWords = minParagraphWords
        let a = try document(at: first)
        let b = try document(at: second)
        let scores = SimilarityScores(a, b, configuration: configuration)
        let fields: [(String, String)] = [
            ("first", a.id), ("second", b.id),
            ("shingles_first", "\(scores.firstShingles)"), ("shingles_second", "\(scores.secondShingles)"),
            ("shared_shingles", "\(scores.sharedShingles)"),
            ("jaccard", format(scores.jaccard)),
            ("first_in_second", format(scores.firstInSecond)),
            ("second_in_first", format(scores.secondInFirst)),
            ("shared_samples", "\(scores.sharedSamples)"),
            ("shared_passages", "\(scores.sharedPassages)"),
            ("status", scores.verdict.status.rawValue),
            ("similarity", format(scores.verdict.similarity)),
        ]
        if json {
            let numeric: Set<String> = ["first", "second", "status"]
            let body = fields.map { key, value in
                numeric.contains(key) ? "\"\(key)\":\"\(value)\"" : "\"\(key)\":\(value)"
            }
            print("{" + body.joined(separator: ",") + "}")
        } else {
            for (key, value) in fields { print("\(key.padding(toLength: 16, withPad: " ", startingAt: 0)) \(value)") }
        }
    }

    private func document(at path: String) throws -> DedupDocument {
        let url = URL(fileURLWithPath: path)
        let id = url.deletingPathExtension().lastPathComponent
        let raw = RawArticle(id: id, bytes: Array(try Data(contentsOf: url)))
        do {
            return try ArticleParser().parse(raw).dedupDocument
        } catch {
            throw ValidationError("\(path): \(error.message)")
        }
    }

    private func format(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
