#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a page says about itself: JSON-LD, Open Graph and other `<meta>` tags, `<link rel=canonical>`,
/// `<html lang>`, `<title>`, `<time datetime>`.
///
/// Each field takes the first sane value in order of trust: JSON-LD `NewsArticle`/`Article` (and its kin:
/// `ReportageNewsArticle`, `BlogPosting`…), then Open Graph and Twitter, then plain `<meta>`, then the markup.
/// Dates in the future are not believed.
struct HTMLMetadata: Sendable, Hashable {
    /// The headline.
    var title: String?
    /// The site's name (`og:site_name`, JSON-LD `publisher.name`).
    var siteName: String?
    /// The canonical URL.
    var url: String?
    /// When it was published.
    var published: PartialDate?
    /// The author(s), as one byline.
    var author: String?
    /// The page's language (`<html lang>`), primary subtag, lower case.
    var language: String?

    /// Reads the metadata of a parsed page; `today` bounds the dates believed.
    init(_ document: HTMLDocument, today: PartialDate) {
        var meta: [String: String] = [:]
        var pageTitle: String?
        var timeDate: PartialDate?
        var ld = LinkedData()
        for (index, node) in document.nodes.enumerated() where !node.isText {
            switch node.name {
            case "meta":
                guard let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?.lowercased(),
                      meta[key] == nil, let content = node.attribute("content").flatMap(InputDecoder.singleLine) else { continue }
                meta[key] = content
            case "link":
                let rel = node.attribute("rel")?.lowercased() ?? ""
                if rel.split(separator: " ").contains("canonical"), meta["canonical"] == nil, let href = node.attribute("href") {
                    meta["canonical"] = href
                }
            case "title":
                if pageTitle == nil { pageTitle = Self.text(of: index, in: document).flatMap(InputDecoder.singleLine) }
            case "time":
                if timeDate == nil { timeDate = node.attribute("datetime").flatMap { Self.date($0, today: today) } }
            case "script":
                if HTMLDocument.isJSONLD(node), let json = Self.text(of: index, in: document) {
                    ld.read(json)
                }
            default:
                break
            }
        }
        if let lang = document.nodes.first?.attribute("lang") {
            let primary = lang.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
            if (2...3).contains(primary.count), primary.allSatisfy(\.isLetter) { language = primary }
        }
        siteName = ld.publisher ?? meta["og:site_name"] ?? meta["application-name"]
        let headline = ld.headline ?? meta["og:title"] ?? meta["twitter:title"]
        // As one line, as the <title> is, so that the site-name separators are found however the page spaced them.
        title = (headline.flatMap(InputDecoder.singleLine) ?? pageTitle).map { Self.withoutSiteName($0, siteName: siteName) }
        url = [meta["canonical"], meta["og:url"], ld.url].lazy.compactMap { $0 }.first { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
        published = [ld.published, meta["article:published_time"], meta["og:published_time"], meta["date"], meta["pubdate"],
                     meta["publishdate"], meta["publish-date"], meta["dc.date"], meta["dc.date.issued"], meta["datepublished"],
                     meta["sailthru.date"], meta["parsely-pub-date"]]
            .lazy.compactMap { $0.flatMap { Self.date($0, today: today) } }.first ?? timeDate
        author = ld.author ?? meta["author"] ?? meta["article:author"].flatMap { $0.hasPrefix("http") ? nil : $0 }
    }

    /// A date from an ISO 8601 value, `nil` when it is not one or lies after `today`.
    static func date(_ text: String, today: PartialDate) -> PartialDate? {
        let trimmed = text.drop { $0 == " " }
        guard let date = PartialDate(iso8601: trimmed), date <= today else { return nil }
        return date
    }

    /// The concatenated text of a node's text children.
    private static func text(of index: Int, in document: HTMLDocument) -> String? {
        var child = Int(document.nodes[index].firstChild)
        var text = ""
        while child >= 0 {
            text += document.nodes[child].text
            child = Int(document.nodes[child].nextSibling)
        }
        return text.isEmpty ? nil : text
    }

    /// The separators between a title's parts, ` | ` first.
    private static let titleSeparators: [StaticString] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " || "]

    /// Whether `title` may hold `separator`, told from its bytes before any split by characters (most titles hold
    /// one kind of separator or none). Splitting compares characters by canonical equivalence: the middle dot
    /// also matches U+0387, the only separator character with an equivalent, so it is always looked for.
    private static func mayHold(_ title: String, _ separator: StaticString) -> Bool {
        // (The separators hold no letter: the lower-casing compare is a plain byte compare for them.)
        separator.description == " · " || ASCIIBytes.contains(title.utf8, lowercased: separator)
    }

    /// A page title without the site's name: `Storm closes schools | Daily Planet` → `Storm closes schools`.
    ///
    /// The title is cut at the separators pages use (` | `, ` - `, ` – `, ` — `, ` :: `, ` » `, ` · `); the
    /// part named like the site is dropped, else the longest part is kept (when it has at least three words).
    static func withoutSiteName(_ title: String, siteName: String?) -> String {
        var parts = [title[...]]
        for separator in titleSeparators where mayHold(title, separator) {
            parts = parts.flatMap { $0.split(separator: separator.description, omittingEmptySubsequences: true) }
        }
        guard parts.count > 1 else { return title }
        let site = siteName?.lowercased()
        let kept = parts.filter { part in
            let lower = part.lowercased()
            return site.map { !(lower == $0 || lower.contains($0) || $0.contains(lower)) } ?? true
        }
        if kept.count == 1 { return String(kept[0]) }
        let longest = (kept.isEmpty ? parts : kept).max { $0.count < $1.count }!
        return longest.split(separator: " ").count >= 3 ? String(longest) : title
    }
}

/// The fields of the first JSON-LD object whose `@type` is an article, searched through arrays and `@graph`.
private struct LinkedData {
    var headline: String?
    var published: String?
    var author: String?
    var publisher: String?
    var url: String?
    private var found = false

    static let articleTypes: Set<String> = [
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
        "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
        "WebPage",
    ]

    mutating func read(_ json: String) {
        guard !found, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) else { return }
        var pending = [value]
        var visited = 0
        while let next = pending.popLast(), visited < 1000 {
            visited += 1
            switch next {
            case .array(let items):
                pending.append(contentsOf: items.reversed())
            case .object(let object):
                if let graph = object["@graph"] { pending.append(graph) }
                guard isArticle(object["@type"]) else { continue }
                // A WebPage is used only while no real article is found.
                let isPage = object["@type"]?.strings == ["WebPage"]
                if isPage && headline != nil { continue }
                headline = object["headline"]?.string ?? object["name"]?.string ?? headline
                published = object["datePublished"]?.string ?? published
                author = Self.names(object["author"]) ?? author
                publisher = Self.names(object["publisher"]) ?? publisher
                url = object["url"]?.string ?? object["mainEntityOfPage"]?.string ?? url
                if !isPage {
                    found = true
                    return
                }
            default:
                continue
            }
        }
    }

    private func isArticle(_ type: JSONValue?) -> Bool {
        type?.strings.contains { Self.articleTypes.contains($0) } ?? false
    }

    /// A name, or the names of an array of people or organisations, joined with commas.
    private static func names(_ value: JSONValue?) -> String? {
        let found: [String]
        switch value {
        case .string(let name)?: found = [name]
        case .object(let object)?: found = object["name"]?.string.map { [$0] } ?? []
        case .array(let items)?: found = items.compactMap { names($0) }
        default: found = []
        }
        let cleaned = found.compactMap(InputDecoder.singleLine)
        return cleaned.isEmpty ? nil : cleaned.joined(separator: ", ")
    }
}

/// Any JSON value (JSON-LD is read without a fixed schema).
private enum JSONValue: Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// The value as a string, when it is one.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A string or the strings of an array (`@type` may be either).
    var strings: [String] {
        switch self {
        case .string(let value): return [value]
        case .array(let items): return items.compactMap(\.string)
        default: return []
        }
    }
}
