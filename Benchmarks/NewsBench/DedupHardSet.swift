import Foundation
import NewsCore
import NewsDedup

/// The hard cases of `newsbench dedup-eval`, generated from base articles (real gold texts of L3S-GN1
/// when available, else synthetic ones), one kind each:
///
/// - `wire`: edited wire copies, several outlets republishing one story with paragraphs reordered,
///   the end trimmed, a sentence added, sometimes a new headline, and exact re-sends; one story each.
/// - `background`: different events of one running story, each repeating the same background paragraph
///   (a two-paragraph background section for odd topics), events of 4–6 paragraphs, plus a trimmed copy
///   of each event, so the kind has matches to find too; one story per event.
/// - `site`: same-site traps, different articles of one site, each page wrapped in the site's navigation,
///   newsletter, copyright and comment-policy lines and two long lines of the site's own wording (long
///   enough to be shingled), every other article only 3 paragraphs long; one of them is also republished
///   by another site (a match to find).
/// - `future`: implausible dates, an article and its copies dated normally, and unrelated articles
///   dated in the far future (2099…) or long ago (1900…) arriving in between.
/// - `backfill`: an archive re-crawl, articles dated across 2012–2025, each with an exact and a near
///   copy, in random order.
/// - `short`: short copies of wire stories written in one-sentence paragraphs (the base's first
///   paragraphs split into their sentences: a dateline lead, short quotes): each outlet keeps only the
///   first 2–4 of them, sometimes under a new headline, inside its own page cruft; one story each.
struct DedupHardSet {
    /// A base article: a headline and its paragraphs.
    struct Base {
        var title: String
        var paragraphs: [String]
    }

    /// The date of every story but the backfill's and the implausible ones (2022-12-28, plus up to 3
    /// days): in one stream, only those two kinds put dates far apart.
    static let day = 19_354

    private var bases: [Base]
    private var next = 0
    private var random: DedupRandom
    private(set) var set: DedupEvalSet

    /// Builds the set from `bases` (each used once, so stories never share text by accident).
    init(name: String, bases: [Base], seed: UInt64 = 1_313) {
        self.bases = bases
        self.random = DedupRandom(seed: seed)
        self.set = DedupEvalSet(name: name)
        addWireCopies(stories: 8)
        addSharedBackground(topics: 5)
        addSameSiteTraps(sites: 4)
        addImplausibleDates(stories: 6)
        addBackfill(stories: 30)
        addShortCopies(stories: 12)
    }

    /// Synthetic English base articles (the fallback without L3S).
    static func syntheticBases(count: Int, seed: UInt64 = 99) -> [Base] {
        var random = DedupRandom(seed: seed)
        return (0..<count).map { _ in
            let vocabulary = DedupSyntheticText.vocabulary(.english, count: 120, &random)
            return Base(
                title: DedupSyntheticText.sentence(.english, vocabulary, &random),
                paragraphs: (0..<(5 + random.below(5))).map { _ in DedupSyntheticText.paragraph(.english, vocabulary, &random) }
            )
        }
    }

    private mutating func take() -> Base {
        defer { next += 1 }
        return bases[next % bases.count]
    }

    private mutating func add(_ id: String, story: String, kind: String, _ base: Base, day: Int?, site: String) {
        set.items.append(.envelope(id: id, story: story, kind: kind, title: base.title,
                                   body: base.paragraphs.joined(separator: "\n\n"), day: day, site: site))
    }

    // MARK: - Edits

    static let addedSentences = [
        "The Associated Press contributed to this report.",
        "Officials did not immediately respond to requests for comment on Tuesday evening.",
        "This story has been updated with additional details from the regional authorities.",
        "Reporting by staff correspondents; editing by the international news desk.",
        "More information is expected to be released later this week, a spokesman said.",
    ]

    /// A republished copy: two paragraph swaps, the last paragraphs trimmed (at least 60 % kept), a
    /// sentence added at the end or after the lead, and half the time a new headline.
    private mutating func editedCopy(of base: Base) -> Base {
        var copy = base
        for _ in 0..<2 where copy.paragraphs.count > 3 {
            let position = 1 + random.below(copy.paragraphs.count - 2)
            copy.paragraphs.swapAt(position, position + 1)
        }
        let keep = max(3, copy.paragraphs.count * (6 + random.below(5)) / 10)
        copy.paragraphs = Array(copy.paragraphs.prefix(keep))
        let sentence = random.pick(Self.addedSentences)
        if random.chance(0.5) { copy.paragraphs.append(sentence) } else { copy.paragraphs[0] += " " + sentence }
        if random.chance(0.5) { copy.title = "UPDATE: " + copy.title }
        return copy
    }

    /// A wire story written in short paragraphs: the base's first two paragraphs split into their
    /// sentences, one paragraph each (a one-sentence lead, short quotes), then the rest as it is.
    static func shortLead(of base: Base) -> Base {
        var story = base
        let lead = base.paragraphs.prefix(2).flatMap(sentences)
        story.paragraphs = lead + base.paragraphs.dropFirst(2)
        return story
    }

    /// The sentences of a paragraph: split after `.`, `!`, `?` or a closing quote followed by a space and
    /// an upper-case letter or an opening quote, but not after a period ending a word of at most three
    /// characters (`Mr.`, `St.`).
    static func sentences(_ paragraph: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(paragraph)
        for (position, character) in characters.enumerated() {
            current.append(character)
            guard ".!?\"”’".contains(character), position + 2 < characters.count, characters[position + 1] == " ",
                  characters[position + 2].isUppercase || "\"“‘".contains(characters[position + 2]),
                  !(character == "." && current.split(separator: " ").last.map { $0.count <= 3 } ?? false) else { continue }
            result.append(current.trimmingCharacters(in: .whitespaces))
            current = ""
        }
        let rest = current.trimmingCharacters(in: .whitespaces)
        if !rest.isEmpty { result.append(rest) }
        return result
    }

    // MARK: - Kinds

    private mutating func addWireCopies(stories: Int) {
        for number in 0..<stories {
            let base = take()
            let story = "wire\(number)"
            let day = Self.day
            add("\(story)-agency", story: story, kind: "wire", base, day: day, site: "wire.example")
            for outlet in 0..<(4 + random.below(4)) {
                let copy = random.chance(0.1) ? base : editedCopy(of: base)
                add("\(story)-outlet\(outlet)", story: story, kind: "wire", copy, day: day + random.below(2), site: "outlet\(outlet).example")
            }
        }
    }

    private mutating func addSharedBackground(topics: Int) {
        for topic in 0..<topics {
            // The background: the longest paragraph of another article; for odd topics a two-paragraph
            // background section (the two longest).
            let source = take().paragraphs.sorted { $0.count > $1.count }
            let background = Array(source.prefix(topic % 2 == 0 ? 1 : 2))
            let day = Self.day
            for event in 0..<3 {
                var base = take()
                base.paragraphs = Array(base.paragraphs.prefix(4 + random.below(3)))
                base.paragraphs.insert(contentsOf: background, at: min(base.paragraphs.count, 1 + random.below(3)))
                let story = "background\(topic)-event\(event)"
                add(story, story: story, kind: "background", base, day: day + random.below(3), site: "paper\(event).example")
                var copy = base
                copy.paragraphs = Array(base.paragraphs.prefix(max(3, base.paragraphs.count * 3 / 4)))
                add("\(story)-copy", story: story, kind: "background", copy, day: day + random.below(3), site: "copies\(topic)-\(event).example")
            }
        }
    }

    private mutating func addSameSiteTraps(sites: Int) {
        for site in 0..<sites {
            let host = "www.site\(site).example"
            let name = "The Site \(site) Gazette"
            // What survives cleaning on real sites: long lines of the site's own wording, on every page.
            let header = ["Home", "News", "Sport", "Business", "Opinion", "Weather", "Sign in",
                          "Sign up for our free daily newsletter and get the top stories of \(name) delivered to your inbox every morning"]
            let footer = [
                Self.siteLines[site % Self.siteLines.count].about,
                Self.siteLines[site % Self.siteLines.count].promo,
                "Comments are moderated by \(name) and may take up to an hour to appear; please keep the discussion civil and on topic",
                "Copyright 2008 \(name). All rights reserved. This material may not be published, broadcast, rewritten or redistributed",
                "Most read", "Contact us", "Advertise with us", "Privacy policy",
            ]
            let day = Self.day
            for article in 0..<5 {
                var base = take()
                // Short articles too: there the site's lines weigh the most.
                if article % 2 == 1 { base.paragraphs = Array(base.paragraphs.prefix(3)) }
                let story = "site\(site)-article\(article)"
                let page = (header + [base.title, ""] + base.paragraphs.flatMap { [$0, ""] } + footer).joined(separator: "\n")
                set.items.append(.envelope(id: story, story: story, kind: "site", title: nil, body: page,
                                           day: day + random.below(3), site: host))
                if article == 0 {
                    add("\(story)-elsewhere", story: story, kind: "site", base, day: day + 1, site: "elsewhere.example")
                }
            }
        }
    }

    /// Each site's own long lines (different wording on every site: a trap inside one site only).
    static let siteLines: [(about: String, promo: String)] = [
        ("Founded in 1887, we have served readers across the valley with award-winning reporting on local government, schools and business",
         "Become a member today and support independent journalism in your community for less than the price of a coffee each week"),
        ("This newsroom is owned by its employees and publishes seven days a week in print, online and through our mobile applications",
         "Got a story tip or a correction for our editors? Write to the metro desk or call the number printed on page two every day"),
        ("We are the largest independent daily in the state, read by more than two hundred thousand households every single weekend",
         "Download our free app to follow live coverage of the legislature, high school sports and severe weather alerts near you"),
        ("Our team of forty journalists covers the capital region, from city hall to the courts, the harbour and the university campus",
         "Readers who subscribe before the end of the month receive a free tote bag and unlimited access to our digital archive since 1950"),
    ]

    private mutating func addImplausibleDates(stories: Int) {
        let badDays = ["2099-01-01", "2087-06-15", "2199-12-31", "1900-01-01", "1970-01-01", "2038-01-19"]
            .map { PartialDate(iso8601: $0)!.daysSinceEpoch }
        for number in 0..<stories {
            let base = take()
            let story = "future\(number)"
            let day = Self.day
            add(story, story: story, kind: "future", base, day: day, site: "daily\(number).example")
            add("\(story)-copy", story: story, kind: "future", base, day: day, site: "copy\(number).example")
            add("\(story)-edited", story: story, kind: "future", editedCopy(of: base), day: day + 1, site: "edit\(number).example")
            let odd = take()
            add("future-odd\(number)", story: "future-odd\(number)", kind: "future", odd, day: badDays[number % badDays.count], site: "odd.example")
        }
    }

    /// Outlets republishing short copies: each one's own navigation, pitch and footer lines.
    static let shortCopyCruft: [[String]] = [
        ["Menu", "Search", "Local", "World", "Breaking news alerts from the Riverside Courier sent straight to your phone, free of charge",
         "Posted by the Courier web team", "Share this story", "Tweet"],
        ["Skip to content", "Top stories", "Listen to this article", "Advertisement",
         "The Harbour Herald relies on readers like you to keep its reporters on the waterfront and in the council chamber"],
        ["Trending now", "Video", "Photos", "Read more", "Filed under world news and politics",
         "Northern Star Media Group websites use cookies to give you a better experience, see our privacy notice for details"],
        ["Latest", "Print this page", "Email", "By wire staff",
         "Want more stories like this one? Follow the Daily Tribune on social media and join the conversation with other readers"],
    ]

    private mutating func addShortCopies(stories: Int) {
        for number in 0..<stories {
            let story = "short\(number)"
            let full = Self.shortLead(of: take())
            let day = Self.day
            add("\(story)-agency", story: story, kind: "short", full, day: day, site: "wire.example")
            for outlet in 0..<2 {
                let site = (number + outlet) % Self.shortCopyCruft.count
                let cruft = Self.shortCopyCruft[site]
                let title = random.chance(0.5) ? full.title : "WATCH: " + full.title.prefix(60)
                let page = Array(cruft.prefix(4)) + [title] + Array(full.paragraphs.prefix(2 + random.below(3))) + Array(cruft.dropFirst(4))
                set.items.append(.envelope(id: "\(story)-outlet\(outlet)", story: story, kind: "short", title: nil,
                                           body: page.joined(separator: "\n\n"), day: day + random.below(2),
                                           site: "short\(site).example"))
            }
        }
    }

    private mutating func addBackfill(stories: Int) {
        for number in 0..<stories {
            let base = take()
            let story = "backfill\(number)"
            let day = 15_340 + random.below(20_089 - 15_340)  // 2012-01-01 … 2025-01-01
            add(story, story: story, kind: "backfill", base, day: day, site: "archive.example")
            add("\(story)-copy", story: story, kind: "backfill", base, day: day, site: "mirror.example")
            var near = base
            if near.paragraphs.count > 4 { near.paragraphs.removeLast() }
            near.paragraphs.append("Originally published in the print edition; archived copy.")
            add("\(story)-near", story: story, kind: "backfill", near, day: day, site: "mirror2.example")
        }
    }
}
