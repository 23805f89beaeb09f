internal import CLibXML2

/// An HTML page as a tree of elements and text nodes, parsed by libxml2's HTML parser and copied into Swift
/// values (the only place NewsCore touches libxml2).
///
/// libxml2 recovers from broken markup the way browsers do (unclosed tags, stray `<`, misnested blocks). It is
/// called safely: no network, no external entities or DTDs, no error output (each call has its own parser
/// context; errors stay in it), and the library's one-time initialisation runs once per process before the
/// first parse, so any number of threads may parse at once. The copy keeps what extraction needs: element
/// names, a few attributes, text. Its depth is limited (``maxDepth``): the text of elements nested deeper is
/// added to their deepest copied ancestor, and every walk over the tree is a loop, never a recursion.
struct HTMLDocument: Sendable {
    /// One element or text node.
    struct Node: Sendable {
        /// The lower-cased tag name of an element; empty for a text node.
        var name: String
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
    static let keptAttributes: Set<String> = [
        "class", "id", "role", "itemprop", "itemtype", "property", "name", "content", "rel", "href", "charset",
        "http-equiv", "type", "datetime", "lang", "hidden", "aria-hidden", "style",
    ]

    /// Elements whose content is never article text: their children are not copied.
    static let opaque: Set<String> = [
        "style", "template", "svg", "iframe", "object", "embed", "select", "math", "canvas", "video",
        "audio", "textarea", "button", "map",
    ]

    /// Parses a page.
    /// - Parameter bytes: The page in UTF-8 (the caller has decided its charset, so the page's own `<meta charset>`
    ///   is ignored).
    /// - Returns: `nil` when libxml2 produced no document at all (it recovers from almost everything).
    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> HTMLDocument? {
        prepareThread()
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max) else { return nil }
        guard let context = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(context) }
        // HUGE lifts libxml2's nesting limit of 256, past which it silently stops parsing (the rest of the page
        // would be lost); its parse loop and free are iterative, and the input is bounded by the caller's limit.
        let options = [HTML_PARSE_RECOVER, HTML_PARSE_NONET, HTML_PARSE_NOERROR, HTML_PARSE_NOWARNING, HTML_PARSE_COMPACT, HTML_PARSE_IGNORE_ENC]
            .reduce(Int32(0)) { $0 | Int32($1.rawValue) } | Int32(XML_PARSE_HUGE.rawValue)
        let document = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            htmlCtxtReadMemory(context, $0, Int32(bytes.count), nil, "UTF-8", options)
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return HTMLDocument(copying: root)
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

    /// Copies the tree under `root` in document order: a loop over libxml2's child, sibling and parent links.
    private init(copying root: xmlNodePtr) {
        var nodes: [Node] = []
        // The chain of open elements: their index here and their last copied child.
        var open: [(index: Int32, lastChild: Int32)] = []
        // For each libxml2 element descended into: whether it is one of `open` (below the depth limit elements
        // are not copied, their text is added to the deepest open element).
        var levels: [Bool] = []
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            var opened = false
            if open.count >= Self.maxDepth, current.pointee.type == XML_ELEMENT_NODE {
                let name = current.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                descend = current.pointee.children != nil && !Self.opaque.contains(name) && name != "script"
            } else if let copy = Self.copy(current, parent: open.last?.index ?? -1) {
                let index = Int32(nodes.count)
                nodes.append(copy)
                if let last = open.last {
                    if last.lastChild >= 0 { nodes[Int(last.lastChild)].nextSibling = index } else { nodes[Int(last.index)].firstChild = index }
                    open[open.count - 1].lastChild = index
                }
                descend = !copy.isText && current.pointee.children != nil && !Self.opaque.contains(copy.name)
                    && (copy.name != "script" || Self.isJSONLD(copy))
                if descend {
                    open.append((index, -1))
                    opened = true
                }
            }
            if descend {
                levels.append(opened)
                node = current.pointee.children
                continue
            }
            // Next: the sibling, else the next sibling of the nearest ancestor that has one (never past the root).
            var here = current
            while true {
                if here == root { node = nil; break }
                if let sibling = here.pointee.next { node = sibling; break }
                guard let parent = here.pointee.parent, let wasOpened = levels.popLast() else { node = nil; break }
                if wasOpened { open.removeLast() }
                here = parent
            }
        }
        self.nodes = nodes
    }

    /// A JSON-LD script (its text is kept for ``HTMLMetadata``).
    private static func isJSONLD(_ node: Node) -> Bool {
        node.attribute("type")?.lowercased().contains("ld+json") == true
    }

    /// The Swift copy of an element or text node; `nil` for comments, processing instructions and the like.
    private static func copy(_ node: xmlNodePtr, parent: Int32) -> Node? {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            guard let name = node.pointee.name else { return nil }
            var copy = Node(name: String(cString: name).lowercased(), parent: parent)
            var attribute = node.pointee.properties
            while let current = attribute {
                attribute = current.pointee.next
                guard let rawName = current.pointee.name else { continue }
                let attributeName = String(cString: rawName).lowercased()
                guard keptAttributes.contains(attributeName) else { continue }
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                copy.attributes.append((attributeName, value))
            }
            return copy
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return nil }
            return Node(name: "", text: String(cString: content), parent: parent)
        default:
            return nil
        }
    }
}

/// libxml2's one-time global initialisation, run before the first parse (Swift runs a global's initialiser
/// exactly once, whichever thread gets there first).
private let libxml2Initialized: Void = xmlInitParser()
