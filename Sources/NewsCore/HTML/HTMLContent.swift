/// The article part of an HTML page as text, one block element per line, for the ``Cleaner``.
///
/// Works on the page's structure before any text is scored: elements that are never the article (scripts,
/// navigation, asides, footers, forms' controls, figures and their captions, hidden elements, ARIA landmarks
/// of the page's frame), elements whose class or id names page furniture (comments, share bars, related
/// links, promotions, widgets…), blocks that are mostly link text, lists of teasers (other stories' headlines with
/// their summaries) and lines that are a label then a link ("Read more: …") are removed with everything inside them;
/// the element the page marks as its article (`itemprop=articleBody`, a class such as `article-body`) and its
/// ancestors never are. (Keeping only the marked element was measured worse: pages split their article over
/// several elements.) The remaining text is rendered
/// in document order, block elements (paragraphs, headings, list items, quotes, table cells) one per line;
/// the cleaner then finds the article's run of lines in it and removes the cruft phrases its language data
/// knows. No per-site rule: every signal is a kind of element or a word of a class name.
struct HTMLContent {
    let document: HTMLDocument
    /// Non-space bytes of text under each node (scripts and styles excluded).
    private(set) var textBytes: [Int32]
    /// Of those, the bytes inside links.
    private(set) var linkBytes: [Int32]
    /// One past the index of each node's last descendant.
    private(set) var subtreeEnd: [Int32]
    /// Whether the node is, or holds, an element the page marks as its article (``ClassNameSignals/article``) with at
    /// least a paragraph's worth of text.
    private(set) var holdsArticle: [Bool]
    /// What each element's class and id say about it.
    private(set) var signals: [ClassNameSignals]
    /// Teasers under each node: a headline (a block that is all link text) with its summary (``isTeaserList(_:)``).
    private(set) var teasers: [Int32]
    /// The plain text bytes of those teasers' summaries.
    private(set) var teaserText: [Int32]

    init(_ document: HTMLDocument) {
        self.document = document
        let nodes = document.nodes
        var textBytes = [Int32](repeating: 0, count: nodes.count)
        var linkBytes = [Int32](repeating: 0, count: nodes.count)
        var subtreeEnd = [Int32](repeating: 0, count: nodes.count)
        var holdsArticle = [Bool](repeating: false, count: nodes.count)
        var signals = [ClassNameSignals](repeating: [], count: nodes.count)
        // Headlines under each node: innermost blocks that are all link text.
        var headlines = [Int32](repeating: 0, count: nodes.count)
        var teasers = [Int32](repeating: 0, count: nodes.count)
        var teaserText = [Int32](repeating: 0, count: nodes.count)
        // Children come after their parent in document order: one backward pass sums every subtree.
        for index in nodes.indices.reversed() {
            let node = nodes[index]
            subtreeEnd[index] = max(subtreeEnd[index], Int32(index + 1))
            if node.isText {
                var count: Int32 = 0
                for byte in node.text.utf8 where byte > 0x20 { count += 1 }
                textBytes[index] = count
            } else if node.name == "script" || node.name == "style" {
                textBytes[index] = 0
                linkBytes[index] = 0
            } else if node.name == "a" {
                linkBytes[index] = textBytes[index]
            }
            if !node.isText {
                signals[index] = ClassNameSignals(node)
                if textBytes[index] >= 200, signals[index].contains(.article) { holdsArticle[index] = true }
                let plain = textBytes[index] - linkBytes[index]
                if headlines[index] == 0, node.tag.contains(.block), plain == 0, textBytes[index] >= Self.headlineBytes {
                    headlines[index] = 1
                } else if teasers[index] == 0, headlines[index] == 1, Self.isSummary(plain) {
                    // A headline and its summary inside one element (`<li><h2><a>…</a></h2><p>…</p></li>`).
                    teasers[index] = 1
                    teaserText[index] = plain
                }
            }
            let parent = Int(node.parent)
            if parent >= 0, headlines[index] == 1, textBytes[index] == linkBytes[index] {
                // A headline block and its summary as the next sibling (`<dt><a>…</a></dt><dd>…</dd>`).
                var next = Int(subtreeEnd[index])
                while next < nodes.count, Int(nodes[next].parent) == parent, nodes[next].isText, textBytes[next] == 0 {
                    next = Int(subtreeEnd[next])
                }
                if next < nodes.count, Int(nodes[next].parent) == parent, !nodes[next].isText, linkBytes[next] == 0,
                   teasers[next] == 0, Self.isSummary(textBytes[next]) {
                    teasers[parent] += 1
                    teaserText[parent] += textBytes[next]
                }
            }
            if parent >= 0 {
                if holdsArticle[index] { holdsArticle[parent] = true }
                textBytes[parent] += textBytes[index]
                linkBytes[parent] += linkBytes[index]
                headlines[parent] += headlines[index]
                teasers[parent] += teasers[index]
                teaserText[parent] += teaserText[index]
                subtreeEnd[parent] = max(subtreeEnd[parent], subtreeEnd[index])
            }
        }
        self.textBytes = textBytes
        self.linkBytes = linkBytes
        self.subtreeEnd = subtreeEnd
        self.holdsArticle = holdsArticle
        self.signals = signals
        self.teasers = teasers
        self.teaserText = teaserText
    }

    /// The article's text, one block per line (empty when the page has none), and the byte range of it rendered
    /// from the element the page marks as its article (the marked element with the most text), if any.
    ///
    /// When removing page furniture leaves nothing, the page is a short one whose text sits in what looks like
    /// furniture by its class or links: its text outside the elements that are never article (navigation,
    /// asides, footers, scripts…) is given instead, for the cleaner to judge.
    func text() -> (text: String, declaredArticle: Range<Int>?) {
        let nodes = document.nodes
        guard let body = nodes.firstIndex(where: { $0.name == "body" }) ?? (nodes.isEmpty ? nil : 0) else { return ("", nil) }
        let pageText = max(1, Int(textBytes[body]))
        var marked: Int?
        for index in nodes.indices where holdsArticle[index] && signals[index].contains(.article) {
            if marked.map({ textBytes[index] > textBytes[$0] }) ?? true { marked = index }
        }
        for strict in [true, false] {
            var removed = [Bool](repeating: false, count: nodes.count)
            for index in nodes.indices where !nodes[index].isText {
                let parent = Int(nodes[index].parent)
                removed[index] = (parent >= 0 && removed[parent])
                    || (strict ? isFurniture(index, pageText: pageText) : isHidden(index) || nodes[index].tag.contains(.neverText))
            }
            let rendered = render(from: body, removed: removed, marked: strict ? marked : nil)
            if !rendered.text.isEmpty { return rendered }
        }
        return ("", nil)
    }

    // MARK: - What is not the article

    /// ARIA roles of the page's frame rather than its content.
    static let frameRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alert",
        "toolbar", "tablist",
    ]

    private func linkDensity(_ index: Int) -> Double {
        Double(linkBytes[index]) / Double(max(1, textBytes[index]))
    }

    /// `true` for an element that is page furniture, not article.
    private func isFurniture(_ index: Int, pageText: Int) -> Bool {
        let node = document.nodes[index]
        if isHidden(index) { return true }
        // The element the page marks as its article, and whatever holds it (broken markup can put it inside a
        // `<header role=banner>`), is not furniture.
        if holdsArticle[index] { return false }
        if node.tag.contains(.neverText) { return true }
        if let role = node.attribute("role")?.lowercased(), Self.frameRoles.contains(role) { return true }
        if node.name == "body" || node.name == "html" || node.name == "article" || node.name == "main" { return false }
        // An element holding most of the page's text is a wrapper, whatever its class says.
        if textBytes[index] * 2 > pageText { return false }
        let signals = signals[index]
        if signals.contains(.furniture) { return true }
        if !signals.isDisjoint(with: [.weakFurniture, .furnitureToken]), textBytes[index] - linkBytes[index] < 1000 || linkDensity(index) > 0.3 {
            return true
        }
        if node.name == "header" && linkDensity(index) > 0.3 { return true }
        // Lists and boxes of links: menus, "related", tag clouds.
        // (Not a box that also holds a fair amount of other text: a page wrapper around a short article.)
        if textBytes[index] > 0, linkDensity(index) > 0.5, textBytes[index] - linkBytes[index] < 400, node.tag.contains(.linkBox) {
            return true
        }
        if isLabelledLink(index) { return true }
        if isTeaserList(index) { return true }
        return false
    }

    /// The shortest text, in non-space bytes, of a link block that counts as a headline: a word or two.
    private static let headlineBytes: Int32 = 6

    /// Whether plain text of this many non-space bytes is a teaser's summary: a sentence to a short paragraph.
    private static func isSummary(_ plainBytes: Int32) -> Bool { plainBytes >= 30 && plainBytes <= 400 }

    /// `true` for a list of other stories: at least three teasers, each a headline (a block that is all link text)
    /// and a short summary, whose summaries make up most of the element's plain text ("B.C. Headlines", "Also in
    /// the news", "In The Australian today"). Pages give these boxes no class name; an article's text is not in
    /// teasers, so an element that also holds the article is not one.
    private func isTeaserList(_ index: Int) -> Bool {
        teasers[index] >= 3 && (textBytes[index] - linkBytes[index] - teaserText[index]) * 4 <= textBytes[index] - linkBytes[index]
    }

    /// Paragraphs, headings and list items that a label then a link to another page make up: "Read more: <a>…</a>",
    /// "Lea también: …", a story's headline after its kicker. Inside an article body they point away from it.
    private static let labelledLinkTags: Set<String> = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6"]

    /// `true` for a short ``labelledLinkTags`` element whose text is a label of a few words ending in a colon,
    /// then a link that ends the element.
    private func isLabelledLink(_ index: Int) -> Bool {
        let label = textBytes[index] - linkBytes[index]
        guard textBytes[index] < 200, label > 0, label <= 48, linkBytes[index] >= 8,
              Self.labelledLinkTags.contains(document.nodes[index].name) else { return false }
        let nodes = document.nodes
        var linkEnd = -1
        var lastLabelByte: UInt8 = 0
        var lastTextInLink = false
        for child in (index + 1)..<Int(subtreeEnd[index]) {
            let node = nodes[child]
            if node.name == "a" { linkEnd = max(linkEnd, Int(subtreeEnd[child])) }
            // (A no-break space, C2 A0, often follows the label's colon.)
            guard node.isText, let last = node.text.utf8.last(where: { $0 > 0x20 && $0 != 0xA0 && $0 != 0xC2 }) else { continue }
            lastTextInLink = child < linkEnd
            if !lastTextInLink { lastLabelByte = last }
        }
        return lastTextInLink && lastLabelByte == UInt8(ascii: ":")
    }

    /// `true` for an element that never shows text: scripts, styles, forms' controls, `hidden` elements. (Inline
    /// styles and `aria-hidden` are not read: pages hide their article that way until a script shows it.)
    private func isHidden(_ index: Int) -> Bool {
        let node = document.nodes[index]
        if node.tag.contains(.opaque) || node.name == "script" { return true }
        // A `<title>` or `<noscript>` left open swallows the page (libxml2 nests the rest of it inside): one
        // that holds most of the page's text is not skipped.
        if node.name == "title" || node.name == "noscript" { return textBytes[index] * 2 < textBytes[0] }
        return node.attribute("hidden") != nil
    }

    // MARK: - Rendering

    /// The text under `root`, removed elements left out, one block per line, spaces collapsed; and the byte range
    /// of the text rendered from the element `marked`.
    private func render(from root: Int, removed: [Bool], marked: Int?) -> (text: String, declaredArticle: Range<Int>?) {
        let nodes = document.nodes
        var out: [UInt8] = []
        var pendingSpace = false
        var breakAt = Set<Int>()
        func newline() {
            pendingSpace = false
            if let last = out.last, last != 0x0A { out.append(0x0A) }
        }
        var index = root
        let end = Int(subtreeEnd[root])
        // Inside `<pre>` (up to this index) a blank line separates paragraphs: text hard-wrapped at 70 columns,
        // such as a wire story, keeps its paragraphs instead of becoming one line.
        var preformattedEnd = -1
        var markedStart: Int?
        var markedEnd: Int?
        while index < end {
            if breakAt.contains(index) { newline() }
            if let marked, markedEnd == nil {
                if markedStart == nil, index >= marked { markedStart = out.count }
                if index >= Int(subtreeEnd[marked]) { markedEnd = out.count }
            }
            let node = nodes[index]
            if removed[index] {
                index = Int(subtreeEnd[index])
                continue
            }
            if node.isText {
                let preformatted = index < preformattedEnd
                var lineFeeds = 0
                for byte in node.text.utf8 {
                    if byte <= 0x20 {
                        pendingSpace = true
                        if preformatted && byte == 0x0A {
                            lineFeeds += 1
                            if lineFeeds == 2 { newline() }
                        }
                        continue
                    }
                    lineFeeds = 0
                    if pendingSpace, let last = out.last, last != 0x0A { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
            } else if node.tag.contains(.block) {
                newline()
                breakAt.insert(Int(subtreeEnd[index]))
                if node.name == "pre" { preformattedEnd = max(preformattedEnd, Int(subtreeEnd[index])) }
            } else if node.name == "img" {
                pendingSpace = true
            }
            index += 1
        }
        while out.last == 0x0A { out.removeLast() }
        // (Trailing line feeds were just dropped: the range may now end, or even start, past the text.)
        let markedUpper = min(out.count, markedEnd ?? out.count)
        let declared = markedStart.flatMap { $0 < markedUpper ? $0..<markedUpper : nil }
        return (String(decoding: out, as: UTF8.self), declared)
    }
}
