/// What an element's `class` and `id` (and `itemprop`) say it is: the article, or page furniture.
///
/// Words are looked for inside the lower-cased names (`article-body` in `c-article-body__inner`), short ones
/// only as whole tokens (`ad`, `nav`). Matching is on bytes: an element's names are read once per page.
struct ClassNameSignals: OptionSet, Sendable {
    let rawValue: UInt8

    /// The page marks the element as its article (`article-body`, `entry-content`, `itemprop=articleBody`…).
    static let article = ClassNameSignals(rawValue: 1)
    /// Furniture whatever the element holds (`comments`, `share`, `related`, `newsletter`…).
    static let furniture = ClassNameSignals(rawValue: 2)
    /// Furniture unless the element holds a good deal of plain text: layouts name their columns
    /// `with-sidebar` or `main-menu-open`.
    static let weakFurniture = ClassNameSignals(rawValue: 4)
    /// A whole token that marks furniture (`ad`, `nav`, `tools`).
    static let furnitureToken = ClassNameSignals(rawValue: 8)

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The signals of an element.
    init(_ node: borrowing HTMLDocument.Node) {
        self = []
        if node.attribute("itemprop")?.lowercased() == "articlebody" { insert(.article) }
        var names: [UInt8] = []
        for attribute in node.attributes where attribute.name == "class" || attribute.name == "id" {
            for byte in attribute.value.utf8 { names.append(ASCIIBytes.lower(byte)) }
            names.append(0x20)
        }
        guard names.count > 1 else { return }
        // One pass over the names; at each byte, only the words starting with it are compared.
        names.withUnsafeBufferPointer { names in
            for start in names.indices {
                for (word, signal) in Self.wordsByFirstByte[Int(names[start])] where !contains(signal) {
                    guard start + word.count <= names.count else { continue }
                    var k = 1
                    while k < word.count, names[start + k] == word[k] { k += 1 }
                    if k == word.count { insert(signal) }
                }
            }
        }
        // Whole tokens: runs of letters and digits.
        var tokenStart = 0
        for end in names.indices where !Self.isTokenByte(names[end]) {
            let token = names[tokenStart..<end]
            tokenStart = end + 1
            if !token.isEmpty, Self.furnitureTokens.contains(where: { $0.elementsEqual(token) }) {
                insert(.furnitureToken)
                return
            }
        }
    }

    /// A byte of a token: an ASCII letter or digit, or part of a non-ASCII character.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
    }

    /// Every word of the three lists with its signal, by its first byte.
    private static let wordsByFirstByte: [[(word: [UInt8], signal: ClassNameSignals)]] = {
        var table = [[(word: [UInt8], signal: ClassNameSignals)]](repeating: [], count: 256)
        for (list, signal) in [(articleWords, ClassNameSignals.article), (furnitureWords, .furniture), (weakFurnitureWords, .weakFurniture)] {
            for word in list { table[Int(word[0])].append((word, signal)) }
        }
        return table
    }()

    private static func words(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }

    static let articleWords = words([
        "article-body", "articlebody", "article_body", "article-content", "articlecontent", "article_content",
        "story-body", "storybody", "story_body", "story-content", "storycontent", "post-body", "postbody",
        "post-content", "entry-content", "entry-body", "main-content", "article-text", "articletext", "story-text",
        "storytext", "body-text", "bodytext", "text-body", "article__body", "story__body", "content-body",
        // BEM names (block__element) of the same parts.
        "article__content", "article__text", "story__content", "story__text", "entry__content", "post__content",
    ])

    static let furnitureWords = words([
        "comment", "share", "sharing", "social", "related", "breadcrumb", "promo", "advert", "sponsor", "newsletter",
        "subscribe", "cookie", "outbrain", "taboola", "disqus", "recommend", "popular", "trending", "more-stories",
        "morestories", "read-more", "readmore", "newsticker", "livefyre", "signup", "login", "copyright",
        "disclaimer", "sitemap", "skiplink", "skip-link", "author-info", "authorinfo", "author-bio", "byline",
        "photo-credit", "caption",
    ])

    static let weakFurnitureWords = words([
        "sidebar", "widget", "banner", "footer", "navbar", "navigation", "menu", "toolbar", "masthead", "pagination",
        "pager", "rating", "popup", "modal", "teaser", "ticker", "topbar", "utility", "tags", "keywords", "gallery",
        // A story's furniture inside its body: metadata lines (date, section, reading time), author boxes.
        "meta", "author", "dateline", "timestamp",
    ])

    static let furnitureTokens = words(["ad", "ads", "nav", "tools", "hide"])
}
