import Foundation
import NewsCore
import NewsDedup

/// The labelled evaluation set of `newsbench dedup-eval`: the seeds, generated variants of them, and
/// synthetic English and French stories with rewrites, copies, shared background paragraphs and
/// unrelated articles. Every document carries the story it belongs to.
struct DedupEvalCorpus {
    /// A document and its true story.
    struct Item {
        var document: DedupDocument
        var story: String
        /// How it was made (`seed`, `copy`, `cruft`, `drop`, `headline`, `trunc20`, `rewrite`…).
        var kind: String
        /// The status it should get when its story's original came first (`nil`: not checked).
        var expected: DedupVerdict.Status?
    }

    var items: [Item] = []
    /// The seed files as `newsworker process` reads them (id = the name's first three characters).
    var seedFiles: [RawArticle] = []

    static let baseDay = 19_700

    /// Builds the corpus from the seed files in `seedsDirectory`.
    init(seedsDirectory: String, seed: UInt64 = 42) throws {
        var random = DedupRandom(seed: seed)
        try addSeeds(from: seedsDirectory, &random)
        addSyntheticStories(&random)
    }

    // MARK: - Seeds and their variants

    private mutating func addSeeds(from directory: String, _ random: inout DedupRandom) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
        let cruft = ["Partager cet article", "PUBLICITÉ", "Abonnez-vous à notre newsletter", "Lire aussi",
                     "Publié le 2 décembre à 18h04", "Suivez-nous sur les réseaux sociaux", "Commentaires (12)"]
        for file in files {
            let id = String(file.prefix(3))
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file)))
            seedFiles.append(RawArticle(id: id, bytes: bytes))
            var document = try ArticleParser().parse(RawArticle(id: id, bytes: bytes)).dedupDocument
            document.day = Self.baseDay
            let story = ["000", "001", "002"].contains(id) ? "seed-afp" : "seed-\(id)"
            items.append(Item(document: document, story: story, kind: "seed", expected: nil))

            func variant(_ kind: String, _ expected: DedupVerdict.Status, _ change: (inout DedupDocument) -> Void) {
                var copy = document
                copy.id = "\(id)-\(kind)"
                change(&copy)
                items.append(Item(document: copy, story: story, kind: kind, expected: expected))
            }
            variant("copy", .duplicate) { _ in }
            variant("cruft", .nearDuplicate) { doc in
                doc.paragraphs = doc.paragraphs.filter { $0.split(separator: " ").count >= 8 }
                var position = 0
                for line in cruft.shuffled(using: &random).prefix(4) {
                    position = min(doc.paragraphs.count, position + 1 + random.below(3))
                    doc.paragraphs.insert(line, at: position)
                }
                doc.paragraphs.append("Lire aussi : " + DedupSyntheticText.sentence(.french, DedupSyntheticText.vocabulary(.french, count: 20, &random), &random))
            }
            variant("drop", .nearDuplicate) { doc in
                if doc.paragraphs.count > 2 { doc.paragraphs.remove(at: 1 + random.below(doc.paragraphs.count - 1)) }
            }
            variant("headline", .nearDuplicate) { doc in doc.title = "Ce qu'il faut savoir : " + (doc.title ?? "") + " (vidéo)" }
            variant("trunc20", .nearDuplicate) { doc in doc.paragraphs = Self.truncated(doc.paragraphs, keeping: 0.8) }
            variant("trunc50", .nearDuplicate) { doc in doc.paragraphs = Self.truncated(doc.paragraphs, keeping: 0.5) }
            variant("edits", .nearDuplicate) { doc in
                doc.paragraphs = doc.paragraphs.map { paragraph in
                    paragraph.split(separator: " ").map { random.chance(0.03) ? "notamment" : String($0) }.joined(separator: " ")
                }
            }
            variant("expanded", .sameStory) { doc in
                let vocabulary = DedupSyntheticText.vocabulary(.french, count: 60, &random)
                for _ in 0..<max(3, doc.paragraphs.count * 2 / 3) {
                    doc.paragraphs.insert(DedupSyntheticText.paragraph(.french, vocabulary, &random), at: random.below(doc.paragraphs.count + 1))
                }
            }
        }
    }

    /// The corpus as raw articles for the core: each document as a JSON envelope (title, paragraphs
    /// separated by blank lines, its day as `published_at`), in the order of ``items``.
    var evalSet: DedupEvalSet {
        DedupEvalSet(name: "generated", items: items.map { .envelope($0.document, story: $0.story, kind: $0.kind) })
    }

    /// The first paragraphs holding about `share` of the words (the last one cut mid-way).
    static func truncated(_ paragraphs: [String], keeping share: Double) -> [String] {
        let words = paragraphs.map { $0.split(separator: " ") }
        var budget = Int(Double(words.reduce(0) { $0 + $1.count }) * share)
        var result: [String] = []
        for paragraph in words where budget > 0 {
            result.append(paragraph.prefix(budget).joined(separator: " "))
            budget -= paragraph.count
        }
        return result
    }

    // MARK: - Synthetic stories

    private mutating func addSyntheticStories(_ random: inout DedupRandom) {
        for topic in 0..<12 {
            let language: DedupSyntheticText.Language = topic % 2 == 0 ? .english : .french
            let topicWords = DedupSyntheticText.vocabulary(language, count: 150, &random)
            let background = DedupSyntheticText.paragraph(language, topicWords, &random)
            for storyIndex in 0..<3 {
                let story = "t\(topic)-s\(storyIndex)"
                let ownWords = DedupSyntheticText.vocabulary(language, count: 40, &random)
                let vocabulary = topicWords + ownWords + ownWords
                var paragraphs = (0..<(5 + random.below(6))).map { _ in DedupSyntheticText.paragraph(language, vocabulary, &random) }
                // Two of three stories of a topic reuse the same background paragraph verbatim.
                if storyIndex < 2 { paragraphs.insert(background, at: min(paragraphs.count, 2 + random.below(3))) }
                let day = Self.baseDay + random.below(3)
                let title = DedupSyntheticText.sentence(language, vocabulary, &random)
                let original = DedupDocument(id: story, title: title, paragraphs: paragraphs, day: random.chance(0.2) ? nil : day)
                items.append(Item(document: original, story: story, kind: "original", expected: nil))

                for rewrite in 0..<random.below(4) {
                    var copy = original
                    copy.id = "\(story)-rewrite\(rewrite)"
                    copy.title = DedupSyntheticText.sentence(language, vocabulary, &random)
                    copy.day = original.day.map { $0 + random.below(2) }
                    copy.paragraphs = paragraphs.compactMap { paragraph -> String? in
                        if random.chance(0.4) { return paragraph }
                        if random.chance(0.5) {
                            let sentences = paragraph.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                            return sentences.map { random.chance(0.5) ? $0 + "." : DedupSyntheticText.sentence(language, vocabulary, &random) }.joined(separator: " ")
                        }
                        return random.chance(0.5) ? DedupSyntheticText.paragraph(language, vocabulary, &random) : nil
                    }
                    for _ in 0..<(1 + random.below(3)) {
                        copy.paragraphs.insert(DedupSyntheticText.paragraph(language, vocabulary, &random), at: random.below(copy.paragraphs.count + 1))
                    }
                    items.append(Item(document: copy, story: story, kind: "rewrite", expected: .sameStory))
                }
                if random.chance(0.5) {
                    var copy = original
                    copy.id = "\(story)-trunc"
                    copy.paragraphs = Self.truncated(paragraphs, keeping: 0.6 + Double(random.below(30)) / 100)
                    items.append(Item(document: copy, story: story, kind: "truncated", expected: .nearDuplicate))
                }
            }
        }
        for index in 0..<40 {
            let language: DedupSyntheticText.Language = index % 2 == 0 ? .english : .french
            let vocabulary = DedupSyntheticText.vocabulary(language, count: 200, &random)
            let paragraphs = (0..<(3 + random.below(8))).map { _ in DedupSyntheticText.paragraph(language, vocabulary, &random) }
            let document = DedupDocument(id: "single-\(index)", title: DedupSyntheticText.sentence(language, vocabulary, &random), paragraphs: paragraphs, day: Self.baseDay + random.below(5))
            items.append(Item(document: document, story: document.id, kind: "unrelated", expected: .unique))
        }
    }
}

extension Array {
    /// A copy in an order drawn from `random`.
    func shuffled(using random: inout DedupRandom) -> [Element] {
        var result = self
        for index in result.indices.reversed() where index > 0 {
            result.swapAt(index, random.below(index + 1))
        }
        return result
    }
}
