internal import CLibXML2

/// An HTML page as a tree of elements and text nodes, parsed by libxml2's HTML parser into Swift values (the
/// only place NewsCore touches libxml2).
///
/// libxml2 recovers from broken markup the way browsers do (unclosed tags, stray `<`, misnested blocks). It is
/// called safely: no network, no external entities or DTDs, no error output (each call has its own parser
/// context; errors stay in it), and the library's one-time initialisation runs once per process before the
/// first parse, so any number of threads may parse at once. The tree keeps what extraction needs: element
/// names, a few attributes, text. Its depth is limited (``maxDepth``): the text of elements nested deeper is
/// added to their deepest kept ancestor, and every walk over the tree is a loop, never a recursion.
struct HTMLDocument: Sendable {
    /// One element or text node.
    struct Node: Sendable {
        /// The lower-cased tag name of an element; empty for a text node.
        var name: String
        /// What the tag says about the element's content.
        var tag: HTMLTag = []
        /// The text of a text node; empty for an element.
        var text: String = ""
        /// The element's attributes that extraction reads (``keptAttributes``), names lower-cased.
        var attributes: [(name: String, value: String)] = []
        /// The parent's index, -1 for the root.
        var parent: Int32
        /// The first child's index, -1 when none.
        var firstChild: Int32 = -1
        /// The next sibling's index, -1 when none.
        var nextSibling: Int32 = -1

        /// `true` for a text node.
        var isText: Bool { name.isEmpty }

        /// The value of an attribute, if present.
        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }
    }

    /// Nodes in document order; index 0 is the root element.
    var nodes: [Node]

    /// Elements nested deeper than this are not copied, only their text (no article is that deep).
    static let maxDepth = 256

    /// Attributes copied from the page: the ones extraction and metadata read.
    static let keptAttributes: [String] = [
        "class", "id", "role", "itemprop", "itemtype", "property", "name", "content", "rel", "href", "charset",
        "http-equiv", "type", "datetime", "lang", "hidden", "aria-hidden", "style",
    ]

    /// ``keptAttributes`` by their length in bytes, as bytes and as the String kept.
    private static let keptAttributesByLength: [[(bytes: [UInt8], name: String)]] = {
        var table = [[(bytes: [UInt8], name: String)]](repeating: [], count: (keptAttributes.map(\.utf8.count).max() ?? 0) + 1)
        for name in keptAttributes { table[name.utf8.count].append((Array(name.utf8), name)) }
        return table
    }()

    /// The kept attribute (``keptAttributes``) that the NUL-terminated `name` spells, if any: compared as bytes,
    /// so that no String is made for the many attributes not kept (`src`, `data-…`, `alt`…).
    static func keptAttribute(_ name: UnsafePointer<UInt8>) -> String? {
        let table = keptAttributesByLength
        var length = 0
        while name[length] != 0 {
            length += 1
            if length == table.count { return nil }
        }
        for candidate in table[length] {
            var k = 0
            while k < length, name[k] == candidate.bytes[k] { k += 1 }
            if k == length { return candidate.name }
        }
        return nil
    }

    /// Parses a page.
    /// - Parameter bytes: The page in UTF-8 (the caller has decided its charset, so the page's own `<meta charset>`
    ///   is ignored).
    /// - Returns: `nil` when libxml2 reported no element at all (it recovers from almost everything).
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> HTMLDocument? {
        prepareThread()
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max) else { return nil }
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        // libxml2 reports the page as events (SAX), recovering from broken markup as it does for its own tree;
        // the tree is built here, without libxml2's (half the parse time).
        var events = htmlSAXHandler()
        events.startElement = { context, name, attributes in
            guard let context, let name else { return }
            TreeBuilder.from(context).pointee.start(name, attributes)
        }
        events.endElement = { context, _ in
            guard let context else { return }
            TreeBuilder.from(context).pointee.end()
        }
        let text: charactersSAXFunc = { context, characters, length in
            guard let context, let characters, length > 0 else { return }
            TreeBuilder.from(context).pointee.text(UnsafeBufferPointer(start: characters, count: Int(length)))
        }
        events.characters = text
        events.ignorableWhitespace = text
        events.cdataBlock = text
        events.initialized = 1
        context.pointee.sax.pointee = events
        // HUGE lifts libxml2's nesting limit of 256, past which it silently stops parsing (the rest of the page
        // would be lost); its parse loop is iterative, and the input is bounded by the caller's limit.
        let options = [HTML_PARSE_RECOVER, HTML_PARSE_NONET, HTML_PARSE_NOERROR, HTML_PARSE_NOWARNING, HTML_PARSE_IGNORE_ENC]
            .reduce(Int32(0)) { $0 | Int32($1.rawValue) } | Int32(XML_PARSE_HUGE.rawValue)
        // The builder is reached through a pointer that lives for the parse: each event is a plain call, with
        // no reference counting or exclusivity check per event.
        var builder = TreeBuilder()
        withUnsafeMutablePointer(to: &builder) { builder in
            context.pointee.userData = UnsafeMutableRawPointer(builder)
            let document = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                htmlCtxtReadMemory(context, $0, Int32(bytes.count), nil, "UTF-8", options)
            }
            context.pointee.userData = nil
            if let document { xmlFreeDoc(document) }
        }
        return builder.nodes.isEmpty ? nil : HTMLDocument(nodes: builder.nodes)
    }

    /// `true` when libxml2 can decode `encoding` (through iconv for most names).
    static func knowsEncoding(_ encoding: String) -> Bool {
        prepareThread()
        guard let handler = xmlFindCharEncodingHandler(encoding) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    /// `bytes` decoded from `encoding` to UTF-8 by libxml2's converters; `nil` when the encoding is unknown or
    /// the bytes are not valid in it.
    static func utf8(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        prepareThread()
        guard bytes.count < Int(Int32.max) / 4, let handler = xmlFindCharEncodingHandler(encoding) else { return nil }
        defer { xmlCharEncCloseFunc(handler) }
        guard let input = xmlBufferCreateSize(bytes.count + 1), let output = xmlBufferCreateSize(4 * bytes.count + 16) else { return nil }
        defer {
            xmlBufferFree(input)
            xmlBufferFree(output)
        }
        guard xmlBufferAdd(input, bytes, Int32(bytes.count)) == 0, xmlCharEncInFunc(handler, output, input) >= 0,
              input.pointee.use == 0, let content = xmlBufferContent(output) else { return nil }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(output))))
    }

    /// Runs libxml2's one-time initialisation and silences its errors on this thread (libxml2 keeps its error
    /// handler per thread): errors of a page are the page's, never lines on the worker's stderr.
    private static func prepareThread() {
        _ = libxml2Initialized
        xmlSetStructuredErrorFunc(nil, { _, _ in })
    }

    /// A JSON-LD script (its text is kept for ``HTMLMetadata``).
    static func isJSONLD(_ node: Node) -> Bool {
        node.attribute("type").map { ASCIIBytes.contains($0.utf8, lowercased: "ld+json") } == true
    }
}

/// Builds ``HTMLDocument/nodes`` from libxml2's parse events, in document order.
private struct TreeBuilder {
    var nodes: [HTMLDocument.Node] = []
    /// The chain of open elements: their index and their last child.
    var open: [(index: Int32, lastChild: Int32)] = []
    /// Elements opened beyond ``HTMLDocument/maxDepth`` (not copied; their text goes to the deepest open one).
    var deepElements = 0
    /// While > 0, events are inside an element whose content is not copied (``HTMLTag/opaque``, scripts).
    var skipping = 0
    /// Whether the element being skipped was copied (it is then the innermost open one).
    var skippingOpened = false

    /// The builder that a parse's events are for (its parser context's user data).
    static func from(_ context: UnsafeMutableRawPointer) -> UnsafeMutablePointer<TreeBuilder> {
        context.assumingMemoryBound(to: TreeBuilder.self)
    }

    mutating func start(_ rawName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if skipping > 0 {
            skipping += 1
            return
        }
        if open.count >= HTMLDocument.maxDepth {
            let name = String(cString: rawName)
            if HTMLTag(name).contains(.opaque) || name == "script" {
                skipping = 1
                skippingOpened = false
            } else {
                deepElements += 1
            }
            return
        }
        // (libxml2 gives HTML tag and attribute names in lower case.)
        var node = HTMLDocument.Node(name: String(cString: rawName), parent: open.last?.index ?? -1)
        node.tag = HTMLTag(node.name)
        if var pair = attributes {
            while let name = pair[0] {
                if let attributeName = HTMLDocument.keptAttribute(name) {
                    node.attributes.append((attributeName, pair[1].map { String(cString: $0) } ?? ""))
                }
                pair += 2
            }
        }
        let index = append(node)
        open.append((index, -1))
        if node.tag.contains(.opaque) || (node.name == "script" && !HTMLDocument.isJSONLD(node)) {
            skipping = 1
            skippingOpened = true
        }
    }

    mutating func end() {
        if skipping > 0 {
            skipping -= 1
            if skipping > 0 || !skippingOpened { return }
        } else if deepElements > 0 {
            deepElements -= 1
            return
        }
        if !open.isEmpty { open.removeLast() }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard skipping == 0, let parent = open.last else { return }
        // libxml2 may report one text in pieces: they join the text node they continue.
        if parent.lastChild >= 0, nodes[Int(parent.lastChild)].isText {
            nodes[Int(parent.lastChild)].text += String(decoding: bytes, as: UTF8.self)
            return
        }
        _ = append(HTMLDocument.Node(name: "", text: String(decoding: bytes, as: UTF8.self), parent: parent.index))
    }

    /// Appends `node` as the last child of the innermost open element.
    private mutating func append(_ node: consuming HTMLDocument.Node) -> Int32 {
        let index = Int32(nodes.count)
        nodes.append(node)
        if let last = open.last {
            if last.lastChild >= 0 { nodes[Int(last.lastChild)].nextSibling = index } else { nodes[Int(last.index)].firstChild = index }
            open[open.count - 1].lastChild = index
        }
        return index
    }
}

/// libxml2's one-time global initialisation, run before the first parse (Swift runs a global's initialiser
/// exactly once, whichever thread gets there first).
private let libxml2Initialized: Void = xmlInitParser()
