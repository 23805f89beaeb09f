/// What an element's tag says about its content, worked out once per element when the tree is built.
struct HTMLTag: OptionSet, Sendable {
    let rawValue: UInt8

    /// Content never kept in the tree: styles, embedded media, form controls (and scripts, but JSON-LD).
    static let opaque = HTMLTag(rawValue: 1)
    /// Never article text: navigation, asides, footers, figures and captions, scripts…
    static let neverText = HTMLTag(rawValue: 2)
    /// Starts and ends a line of the rendered text.
    static let block = HTMLTag(rawValue: 4)
    /// A list or box that is a link list when its text is mostly links.
    static let linkBox = HTMLTag(rawValue: 8)

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The flags of a (lower-case) tag name.
    init(_ name: String) {
        self = Self.table[name] ?? []
    }

    private static let table: [String: HTMLTag] = {
        var table: [String: HTMLTag] = [:]
        for (names, flag) in [(opaqueNames, HTMLTag.opaque), (neverTextNames, .neverText), (blockNames, .block), (linkBoxNames, .linkBox)] {
            for name in names { table[name, default: []].insert(flag) }
        }
        return table
    }()

    private static let opaqueNames: [String] = [
        "style", "template", "svg", "iframe", "object", "embed", "select", "math", "canvas", "video", "audio",
        "textarea", "button", "map",
    ]

    private static let neverTextNames: [String] = [
        "script", "style", "template", "svg", "iframe", "object", "embed", "select", "math", "canvas", "video",
        "audio", "textarea", "button", "map", "input", "nav", "aside", "footer", "figure", "figcaption", "menu",
        "dialog", "label", "option",
    ]

    private static let blockNames: [String] = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "thead", "tbody", "tfoot", "section", "article", "header", "main", "blockquote", "pre", "hr", "form",
        "fieldset", "address", "center", "caption", "td", "th", "body", "html", "legend", "details", "summary",
    ]

    private static let linkBoxNames: [String] = [
        "ul", "ol", "dl", "div", "section", "table", "tr", "td", "p", "li", "span", "header", "center", "font",
    ]
}
