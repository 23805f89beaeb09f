import Foundation
import NewsCore
import NewsDedup
import TestSupport

/// Documents made from the seed articles.
extension Seeds {
    /// The seeds through the NewsCore parser.
    static func parsed() throws -> [DedupDocument] {
        try all.map { try ArticleParser().parse(RawArticle(id: $0.number, bytes: $0.bytes)).dedupDocument }
    }

    /// The seeds as raw lines: every non-empty line a paragraph, cruft included, no title, no day.
    static func rawLines() -> [DedupDocument] {
        all.map { file in
            let lines = String(decoding: file.bytes, as: UTF8.self)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return DedupDocument(id: file.number, paragraphs: lines)
        }
    }

    /// One seed by id.
    static func document(_ id: String) -> DedupDocument {
        rawLines().first { $0.id == id }!
    }

    /// The expected clusters.
    static let clusters: Set<[String]> = [["000", "001", "002"], ["003"], ["004"]]

    /// The clusters an index forms from `documents` in that order.
    static func clusters(of documents: [DedupDocument], configuration: DedupConfiguration = DedupConfiguration()) -> Set<[String]> {
        var index = DedupIndex(configuration: configuration)
        var clusterOf: [String: String] = [:]
        for document in documents { clusterOf[document.id] = index.insert(document).cluster }
        return Set(documents.map { document in
            documents.filter { clusterOf[$0.id] == clusterOf[document.id] }.map(\.id).sorted()
        })
    }

    /// Every order of `items`.
    static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }
}

/// Synthetic articles from invented words (``RandomText``), so tests control exactly what two articles share.
enum Synthetic {
    /// An article of `paragraphs` paragraphs from its own vocabulary.
    static func article(id: String, seed: UInt64, paragraphs: Int = 8, day: Int? = 20_000) -> DedupDocument {
        let vocabulary = RandomText.words(400, seed: seed)
        return DedupDocument(
            id: id,
            title: RandomText.paragraph(vocabulary, length: 10, seed: seed &+ 1),
            paragraphs: (0..<paragraphs).map { RandomText.paragraph(vocabulary, seed: seed &+ 100 &+ UInt64($0)) },
            day: day
        )
    }
}
