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
            in an index holding the --context files (in order), then A. Shared passages that the \
            index does not count as evidence are listed with the reason: `source` (earlier articles \
            of B's source carry them in several stories: site boilerplate) or `stream` (articles of \
            many stories carry them). Give other pages of the same site as --context to see what \
            the worker would learn from its stream.
            """
    )

    @Option(parsing: .upToNextOption, help: "Article files the index sees before A, in order.")
    var context: [String] = []

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
        let scores = SimilarityScores(a, b, context: try context.map(document(at:)), configuration: configuration)
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
            ("discounted_samples", "\(scores.discounted.reduce(0) { $0 + $1.samples })"),
        ]
        if json {
            let numeric: Set<String> = ["first", "second", "status"]
            var body = fields.map { key, value in
                numeric.contains(key) ? "\"\(key)\":\"\(value)\"" : "\"\(key)\":\(value)"
            }
            let passages = scores.discounted.map { passage in
                "{\"reason\":\"\(passage.reason.rawValue)\",\"samples\":\(passage.samples),\"text\":\(Self.jsonString(passage.text))}"
            }
            body.append("\"discounted\":[" + passages.joined(separator: ",") + "]")
            print("{" + body.joined(separator: ",") + "}")
        } else {
            for (key, value) in fields { print("\(key.padding(toLength: 18, withPad: " ", startingAt: 0)) \(value)") }
            for passage in scores.discounted {
                let excerpt = passage.text.count > 100 ? passage.text.prefix(100) + "…" : Substring(passage.text)
                print("discounted (\(passage.reason.rawValue), \(passage.samples) samples): \(excerpt)")
            }
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

    private static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private func format(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
