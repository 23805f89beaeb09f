import ArgumentParser
import Foundation
import NewsCore

/// The labelled development set `newsbench dedup-eval --l3s` builds from L3S-GN1
/// (`../shared/extraction-dev/l3s-gn1.jsonl`: 618 real news pages of 2008 from 408 sites, each with the
/// whole page as `text` and the human-labelled article as `gold`). Read at run time and never stored:
/// the data set is licensed for research use only.
///
/// Each page gives two raw articles, the page as a crawler renders it (site cruft included) and its gold
/// text, both plain text with the page's URL and host as hints: one article, which the core must find
/// (`near_duplicate` expected). Different pages are different articles, and pages of one host share the
/// site's navigation and footer lines, which must not merge them.
///
/// Except that Google News 2008 carried wire copies: some pages hold the same text as others (the same AP
/// story on several sites, even twice on one site). Labels come from the gold texts, never from the core:
/// pages whose golds share at least ``sameTextContainment`` of the smaller gold's distinct 5-word shingles
/// are one story; pages sharing less, but at least ``uncertainMinShared`` shingles and
/// ``uncertainContainment`` of the smaller gold, are left undecided (a rewrite of one event, or two events
/// sharing a background paragraph: the labels cannot tell) and not scored.
struct L3SDedupSet {
    static let defaultPath = "../shared/extraction-dev/l3s-gn1.jsonl"
    static let sameTextContainment = 0.5
    static let uncertainContainment = 0.05
    static let uncertainMinShared = 10

    /// One page of the file.
    struct Page: Decodable {
        var id: String
        var url: String
        var text: String
        var gold: String

        var host: String { URL(string: url)?.host ?? url }
    }

    let pages: [Page]
    /// The story of each page (a page id: the first page of its group of same-text pages).
    let storyOfPage: [String]
    /// Story pairs the labels leave undecided.
    let uncertain: Set<[String]>

    /// Reads the file.
    /// - Throws: when it cannot be read or a line is not a page.
    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var pages: [Page] = []
        for (number, line) in text.split(separator: "\n").enumerated() where !line.isEmpty {
            do {
                pages.append(try JSONDecoder().decode(Page.self, from: Data(line.utf8)))
            } catch {
                throw ValidationError("\(path):\(number + 1): not an L3S page: \(error)")
            }
        }
        self.pages = pages
        (storyOfPage, uncertain) = Self.label(pages)
    }

    /// Story of each page and the undecided story pairs, from the gold texts' shingles.
    private static func label(_ pages: [Page]) -> ([String], Set<[String]>) {
        let shingles = pages.map { shingleSet($0.gold) }
        var postings: [String: [Int]] = [:]
        for (page, set) in shingles.enumerated() { for shingle in set { postings[shingle, default: []].append(page) } }
        var shared: [[Int]: Int] = [:]
        for pagesWithShingle in postings.values where pagesWithShingle.count > 1 && pagesWithShingle.count <= 50 {
            for (offset, a) in pagesWithShingle.enumerated() {
                for b in pagesWithShingle[(offset + 1)...] { shared[[a, b], default: 0] += 1 }
            }
        }
        var parent = Array(pages.indices)
        func root(_ page: Int) -> Int {
            var page = page
            while parent[page] != page { page = parent[page] }
            return page
        }
        var undecided: [[Int]] = []
        for (pair, count) in shared.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let containment = Double(count) / Double(max(1, min(shingles[pair[0]].count, shingles[pair[1]].count)))
            if containment >= sameTextContainment {
                let (a, b) = (root(pair[0]), root(pair[1]))
                parent[max(a, b)] = min(a, b)
            } else if containment >= uncertainContainment, count >= uncertainMinShared {
                undecided.append(pair)
            }
        }
        let stories = pages.indices.map { pages[root($0)].id }
        var uncertain: Set<[String]> = []
        for pair in undecided where stories[pair[0]] != stories[pair[1]] {
            uncertain.insert([stories[pair[0]], stories[pair[1]]].sorted())
        }
        return (stories, uncertain)
    }

    /// Distinct lower-cased 5-word shingles of a text (words: runs of letters and digits).
    static func shingleSet(_ text: String) -> Set<String> {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }
        guard words.count >= 5 else { return [] }
        return Set((0...(words.count - 5)).map { words[$0..<($0 + 5)].joined(separator: " ") })
    }

    /// The labelled set: every page and every gold as plain text, with URL and host as hints.
    var evalSet: DedupEvalSet {
        var set = DedupEvalSet(name: "l3s", uncertain: uncertain)
        for (page, story) in zip(pages, storyOfPage) {
            let hints = RawArticle.Hints(contentType: "text/plain", source: page.host, url: page.url)
            set.items.append(.init(raw: RawArticle(id: "\(page.id)-page", bytes: Array(page.text.utf8), hints: hints),
                                   story: story, kind: "page", site: page.host))
            set.items.append(.init(raw: RawArticle(id: "\(page.id)-gold", bytes: Array(page.gold.utf8), hints: hints),
                                   story: story, kind: "gold", site: page.host))
        }
        return set
    }

    /// One article per story (the gold of its first page): headline and paragraphs, for generating
    /// hard cases from real text. Only golds of at least `minParagraphs` paragraphs and `minWords` words.
    func baseArticles(minParagraphs: Int = 4, minWords: Int = 150) -> [DedupHardSet.Base] {
        var seen: Set<String> = []
        var result: [DedupHardSet.Base] = []
        for (page, story) in zip(pages, storyOfPage) where seen.insert(story).inserted {
            let blocks = page.gold.components(separatedBy: "\n\n")
                .map { $0.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            guard blocks.count > minParagraphs else { continue }
            let paragraphs = Array(blocks.dropFirst())
            guard paragraphs.reduce(0, { $0 + $1.split(separator: " ").count }) >= minWords else { continue }
            result.append(DedupHardSet.Base(title: blocks[0], paragraphs: paragraphs))
        }
        return result
    }
}
