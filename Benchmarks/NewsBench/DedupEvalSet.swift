import Foundation
import NewsCore
import NewsDedup

/// A labelled stream for `newsbench dedup-eval`: raw articles (what `newsworker process` reads), each with
/// the story it belongs to. Two articles of one story must share a cluster; two of different stories must
/// not, except for story pairs marked ``uncertain`` (left out of the scores).
struct DedupEvalSet {
    /// One raw article and its label.
    struct Item {
        /// The bytes the core parses: a plain-text page or a JSON envelope.
        var raw: RawArticle
        /// The true story.
        var story: String
        /// How it was made (`page`, `gold`, `wire`, `background`, `site`…): the breakdown of the report.
        var kind: String
        /// The site it comes from, when the set knows it: false merges inside one site are site-cruft traps.
        var site: String? = nil
    }

    /// The name printed in the report.
    var name: String
    var items: [Item] = []
    /// Pairs of stories (`a < b`) whose relation the labels do not decide: neither counted as a miss nor
    /// as a false merge.
    var uncertain: Set<[String]> = []

    /// The items of one kind, as a set of its own.
    func only(kind: String) -> DedupEvalSet {
        let kept = items.filter { $0.kind == kind }
        return DedupEvalSet(name: "\(name)/\(kind)", items: kept, uncertain: uncertain)
    }

    var kinds: [String] { Array(Set(items.map(\.kind))).sorted() }

    /// Writes every item's bytes to `directory/<id>.json`.
    func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for item in items {
            try Data(item.raw.bytes).write(to: directory.appendingPathComponent(item.raw.id + ".json"))
        }
    }
    var storyCount: Int { Set(items.map(\.story)).count }
}

extension DedupEvalSet.Item {
    /// An article as a crawler's JSON envelope (the way the worker receives it).
    static func envelope(
        id: String, story: String, kind: String, title: String?, body: String, day: Int?, site: String? = nil
    ) -> Self {
        var fields: [String: String] = ["id": id, "body": body]
        if let title { fields["title"] = title }
        if let day { fields["published_at"] = PartialDate(daysSinceEpoch: day).description }
        if let site {
            fields["source"] = site
            fields["url"] = "https://\(site)/news/\(id)"
        }
        // Sorted keys: the same bytes on every run.
        let bytes = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return Self(raw: RawArticle(id: id, bytes: Array(bytes)), story: story, kind: kind, site: site)
    }

    /// A parsed document as an envelope: title, paragraphs separated by blank lines, its day.
    static func envelope(_ document: DedupDocument, story: String, kind: String, site: String? = nil) -> Self {
        envelope(id: document.id, story: story, kind: kind, title: document.title,
                 body: document.paragraphs.joined(separator: "\n\n"), day: document.day, site: site)
    }
}

/// Pairwise counts of "same cluster" against "same story".
struct PairCounts {
    /// Pairs of one story in one cluster.
    var truePositives = 0
    /// Pairs of different stories in one cluster: false merges.
    var falsePositives = 0
    /// Pairs of one story in different clusters.
    var falseNegatives = 0

    var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
    var f1: Double { 2 * precision * recall / max(1e-9, precision + recall) }

    static func += (lhs: inout PairCounts, rhs: PairCounts) {
        lhs.truePositives += rhs.truePositives
        lhs.falsePositives += rhs.falsePositives
        lhs.falseNegatives += rhs.falseNegatives
    }
}

/// The outcome of one stream of a ``DedupEvalSet`` through the core, in one order.
struct DedupEvalScore {
    var pairs = PairCounts()
    /// False merges between two articles of the same site.
    var sameSiteFalseMerges = 0
    /// Articles whose verdict names (`of`) an article of another story.
    var wrongMatches = 0
    /// Those matches: `id → of (status similarity)`.
    var wrongMatchList: [String] = []
    /// The false merges: `a + b in cluster`.
    var falseMergeList: [String] = []
    /// Every pair of one story left in two clusters ("a + b: cluster, cluster").
    var missedPairList: [String] = []
    /// Pairs of uncertain stories clustered together (not scored).
    var uncertainMerged = 0
    var uncertainPairs = 0
    /// Verdicts by status.
    var verdicts: [DedupVerdict.Status: Int] = [:]
    /// Items the parser refused (left out of the pairs), with their errors.
    var parseFailures: [String] = []
    /// Ids processed a second time at the end of the stream whose verdict changed.
    var changedOnReprocess = 0
    var reprocessed = 0

    /// `unique 12 duplicate 3 near_duplicate 4 same_story 1`.
    var verdictSummary: String {
        DedupVerdict.Status.allCases.map { "\($0.rawValue) \(verdicts[$0] ?? 0)" }.joined(separator: " ")
    }

    /// One line: P/R/F1, false merges, verdict counts, failures.
    var line: String {
        var text = String(format: "P %.4f R %.4f F1 %.4f | false merges %d (same site %d), wrong matches %d | ",
                          pairs.precision, pairs.recall, pairs.f1, pairs.falsePositives, sameSiteFalseMerges, wrongMatches)
        text += verdictSummary
        if uncertainPairs > 0 { text += " | uncertain merged \(uncertainMerged)/\(uncertainPairs)" }
        if reprocessed > 0 { text += " | re-processed changed \(changedOnReprocess)/\(reprocessed)" }
        if !parseFailures.isEmpty { text += " | parse failures \(parseFailures.count)" }
        return text
    }
}

/// Runs ``DedupEvalSet``s through the real core (``ArticleProcessor``: parse, fingerprint, index), as
/// `newsworker process` does with its files in argument order.
struct DedupEvalRunner {
    var configuration: DedupConfiguration

    /// Processes `set` in the order `order` (positions in `set.items`), then processes again every
    /// `reprocessEvery`-th article of that order and checks it gets its first verdict back.
    func score(_ set: DedupEvalSet, order: [Int], reprocessEvery: Int = 5) -> DedupEvalScore {
        var processor = ArticleProcessor(index: DedupIndex(configuration: configuration))
        var score = DedupEvalScore()
        var verdicts: [Int: DedupVerdict] = [:]
        var storyOfID: [String: String] = [:]
        for item in set.items { storyOfID[item.raw.id] = item.story }
        for position in order {
            switch processor.process(set.items[position].raw) {
            case .success(let record):
                guard let verdict = record.dedup else { continue }
                verdicts[position] = verdict
                score.verdicts[verdict.status, default: 0] += 1
                if let of = verdict.of, storyOfID[of] != set.items[position].story {
                    score.wrongMatches += 1
                    score.wrongMatchList.append("\(record.article.id) → \(of) (\(verdict.status.rawValue) \(verdict.similarity))")
                }
            case .failure(let error):
                score.parseFailures.append("\(set.items[position].raw.id): \(error.code.rawValue) \(error.message)")
            }
        }
        for (step, position) in order.enumerated() where reprocessEvery > 0 && step % reprocessEvery == 0 {
            guard let first = verdicts[position], case .success(let record) = processor.process(set.items[position].raw) else { continue }
            score.reprocessed += 1
            if record.dedup != first { score.changedOnReprocess += 1 }
        }
        let scored = verdicts.keys.sorted()
        for (offset, i) in scored.enumerated() {
            for j in scored[(offset + 1)...] {
                let a = set.items[i], b = set.items[j]
                let together = verdicts[i]!.cluster == verdicts[j]!.cluster
                if a.story != b.story, set.uncertain.contains([min(a.story, b.story), max(a.story, b.story)]) {
                    score.uncertainPairs += 1
                    if together { score.uncertainMerged += 1 }
                    continue
                }
                switch (a.story == b.story, together) {
                case (true, true): score.pairs.truePositives += 1
                case (true, false):
                    score.pairs.falseNegatives += 1
                    score.missedPairList.append("\(a.raw.id) + \(b.raw.id): \(verdicts[i]!.cluster), \(verdicts[j]!.cluster)")
                case (false, true):
                    score.pairs.falsePositives += 1
                    score.falseMergeList.append("\(a.raw.id) + \(b.raw.id) in \(verdicts[i]!.cluster)")
                    if let site = a.site, site == b.site { score.sameSiteFalseMerges += 1 }
                case (false, false): break
                }
            }
        }
        return score
    }

    /// `count` seeded random orders of `set` (order `n` is the same on every run).
    static func orders(of set: DedupEvalSet, count: Int) -> [[Int]] {
        (0..<count).map { number in
            var random = DedupRandom(seed: 0x5eed_0000 + UInt64(number))
            return Array(set.items.indices).shuffled(using: &random)
        }
    }
}
