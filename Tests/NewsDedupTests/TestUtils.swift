import Foundation
import NewsCore
import NewsDedup

/// The seed articles and helpers to make documents from them.
enum Seeds {
    /// The repository's `seeds/` directory.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")

    /// `(id, bytes)` of every seed, by file name (`000` … `004`).
    static let files: [(id: String, bytes: [UInt8])] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
            (String(name.prefix(3)), Array((try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data()))
        }
    }()

    /// The seeds through the NewsCore parser.
    static func parsed() throws -> [DedupDocument] {
        try files.map { try ArticleParser().parse(RawArticle(id: $0.id, bytes: $0.bytes)).dedupDocument }
    }

    /// The seeds as raw lines: every non-empty line a paragraph, cruft included, no title, no day.
    static func rawLines() -> [DedupDocument] {
        files.map { file in
            let lines = String(decoding: file.bytes, as: UTF8.self)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            return DedupDocument(id: file.id, paragraphs: lines)
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

/// A deterministic generator for test data (SplitMix64).
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Synthetic articles from invented words, so tests control exactly what two articles share.
enum Synthetic {
    static func words(_ count: Int, seed: UInt64) -> [String] {
        var random = TestRandom(state: seed)
        let syllables = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "va", "ze", "bri", "dou", "fen", "gal"]
        return (0..<count).map { _ in (0..<3).map { _ in syllables[random.below(syllables.count)] }.joined() }
    }

    /// A paragraph of `length` words drawn from `vocabulary`.
    static func paragraph(_ vocabulary: [String], length: Int = 60, seed: UInt64) -> String {
        var random = TestRandom(state: seed)
        return (0..<length).map { _ in vocabulary[random.below(vocabulary.count)] }.joined(separator: " ")
    }

    /// An article of `paragraphs` paragraphs from its own vocabulary.
    static func article(id: String, seed: UInt64, paragraphs: Int = 8, day: Int? = 20_000) -> DedupDocument {
        let vocabulary = words(400, seed: seed)
        return DedupDocument(
            id: id,
            title: paragraph(vocabulary, length: 10, seed: seed &+ 1),
            paragraphs: (0..<paragraphs).map { paragraph(vocabulary, seed: seed &+ 100 &+ UInt64($0)) },
            day: day
        )
    }
}
