/// Renders HTML to plain text with one block element per line, the way the cleaner expects its input.
///
/// A single forward pass over the UTF-8 bytes, linear in the input whatever its shape (unclosed tags,
/// stray `<`, unterminated comments or scripts): `script`, `style`, `noscript`, `template`, `svg`, `head`
/// (except its `title`), `nav` and `iframe` are dropped with their content; block elements (`p`, `div`,
/// `li`, `h1`…, `br`, `tr`…) break lines; runs of whitespace become one space; entities are decoded.
enum HTMLText {
    /// `true` when the text starts like an HTML document or fragment.
    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.utf8.prefix(512)
        guard let first = head.firstIndex(where: { $0 > 0x20 }), head[first] == UInt8(ascii: "<") else { return false }
        let lowered = String(decoding: head, as: UTF8.self).lowercased()
        return lowered.contains("<html") || lowered.contains("<!doctype html") || lowered.contains("<body")
            || lowered.contains("<p>") || lowered.contains("<div")
    }

    /// Strips tags, drops `script`/`style`/`nav`, breaks lines at block elements and decodes entities.
    static func render(_ html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            var renderer = Renderer(bytes: bytes)
            renderer.run()
            return String(decoding: renderer.out, as: UTF8.self)
        }
    }

    /// Elements whose content is never text.
    static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "nav", "iframe", "object", "select", "math"]
    /// Elements that start and end a line.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "thead", "tbody", "tfoot", "section", "article", "aside", "header", "footer", "main", "blockquote", "pre",
        "figure", "figcaption", "hr", "title", "form", "fieldset", "address", "center", "caption", "td", "th",
        "body", "html", "head", "option", "legend", "details", "summary",
    ]

    private struct Renderer {
        let bytes: UnsafeBufferPointer<UInt8>
        var out: [UInt8] = []
        var pendingSpace = false
        var inHead = false
        var inTitle = false
        /// Once a search for `>` failed from some offset, it fails from every later one: remember it.
        var noCloseFrom = Int.max

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            out.reserveCapacity(bytes.count / 2)
        }

        mutating func newline() {
            pendingSpace = false
            if let last = out.last, last != 0x0A { out.append(0x0A) }
        }

        mutating func text(_ byte: UInt8) {
            if inHead && !inTitle { return }
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C {
                pendingSpace = true
                return
            }
            if pendingSpace, let last = out.last, last != 0x0A { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }

        mutating func text(scalar: UInt32) {
            if scalar == 0xA0 {
                text(0x20)
                return
            }
            var utf8: [UInt8] = []
            if let s = Unicode.Scalar(scalar), s.value != 0 {
                utf8.append(contentsOf: UTF8.encode(s)!)
            } else {
                utf8 = [0xEF, 0xBF, 0xBD]
            }
            for b in utf8 { text(b) }
        }

        func find(_ byte: UInt8, from: Int) -> Int? {
            var i = from
            while i < bytes.count {
                if bytes[i] == byte { return i }
                i += 1
            }
            return nil
        }

        /// The offset of `</name` (case-insensitive) at or after `from`.
        func findClose(_ name: [UInt8], from: Int) -> Int? {
            var i = from
            let n = bytes.count
            while i + 1 < n {
                if bytes[i] == 0x3C, bytes[i + 1] == 0x2F, i + 2 + name.count <= n {
                    var match = true
                    for k in name.indices where bytes[i + 2 + k] | 0x20 != name[k] { match = false; break }
                    if match { return i }
                }
                i += 1
            }
            return nil
        }

        /// The offset of `-->` at or after `from`.
        func findCommentEnd(from: Int) -> Int? {
            var i = from
            while i + 2 < bytes.count {
                if bytes[i] == 0x2D, bytes[i + 1] == 0x2D, bytes[i + 2] == 0x3E { return i }
                i += 1
            }
            return nil
        }

        mutating func run() {
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0x3C {
                    i = tag(at: i)
                } else if b == 0x26 {
                    i = entity(at: i)
                } else {
                    text(b)
                    i += 1
                }
            }
            while out.last == 0x0A { out.removeLast() }
        }

        /// Handles the markup starting at `start` (a `<`) and returns where text resumes.
        mutating func tag(at start: Int) -> Int {
            let n = bytes.count
            guard start + 1 < n else { text(0x3C); return start + 1 }
            let next = bytes[start + 1]
            if next == 0x21 {  // <!-- comment --> or <!DOCTYPE …>
                if start + 3 < n, bytes[start + 2] == 0x2D, bytes[start + 3] == 0x2D {
                    guard let end = findCommentEnd(from: start + 4) else { return n }
                    return end + 3
                }
                return skipToClose(from: start)
            }
            if next == 0x3F { return skipToClose(from: start) }  // <?xml …?>
            let closing = next == 0x2F
            var i = start + (closing ? 2 : 1)
            guard i < n, (bytes[i] | 0x20) >= 0x61, (bytes[i] | 0x20) <= 0x7A else {
                text(0x3C)  // a stray "<", as in "a < b"
                return start + 1
            }
            var name: [UInt8] = []
            while i < n, name.count < 16 {
                let c = bytes[i]
                let isName = ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || (c >= 0x30 && c <= 0x39)
                if !isName { break }
                name.append(c | 0x20)
                i += 1
            }
            let end = skipToClose(from: i)
            let tagName = String(decoding: name, as: UTF8.self)
            if !closing, HTMLText.skipped.contains(tagName) {
                if end >= n { return n }
                // The element's content is dropped up to its closing tag (to the end when unclosed).
                guard let close = findClose(name, from: end) else { return n }
                return skipToClose(from: close + 2)
            }
            if tagName == "head" { inHead = !closing }
            if tagName == "title" { inTitle = !closing }
            if tagName == "body" { inHead = false }
            if HTMLText.blocks.contains(tagName) { newline() } else if tagName == "img" || tagName == "td" { pendingSpace = true }
            return end
        }

        /// The offset just past the next `>` from `from`, or the end of the input.
        mutating func skipToClose(from: Int) -> Int {
            if from >= noCloseFrom { return bytes.count }
            if let close = find(0x3E, from: from) { return close + 1 }
            noCloseFrom = from
            return bytes.count
        }

        /// Decodes the entity at `start` (a `&`) and returns where text resumes.
        mutating func entity(at start: Int) -> Int {
            let n = bytes.count
            var i = start + 1
            if i < n, bytes[i] == 0x23 {  // &#123; or &#x1F;
                i += 1
                var hex = false
                if i < n, bytes[i] | 0x20 == 0x78 { hex = true; i += 1 }
                var value: UInt32 = 0
                let digitsStart = i
                while i < n {
                    let c = bytes[i]
                    let digit: UInt32
                    if c >= 0x30 && c <= 0x39 { digit = UInt32(c - 0x30) }
                    else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { digit = UInt32((c | 0x20) - 0x61 + 10) }
                    else { break }
                    // Saturates: any out-of-range reference becomes U+FFFD below.
                    value = min(value * (hex ? 16 : 10) + digit, 0x110000)
                    i += 1
                }
                guard i > digitsStart else { text(0x26); return start + 1 }
                if i < n, bytes[i] == 0x3B { i += 1 }
                // Windows-1252 code points that pages send as numeric references.
                let mapped = (0x80...0x9F).contains(value) ? HTMLText.windows1252[Int(value - 0x80)] : value
                text(scalar: mapped == 0 || mapped > 0x10FFFF ? 0xFFFD : mapped)
                return i
            }
            var name: [UInt8] = []
            while i < n, name.count < 10 {
                let c = bytes[i]
                if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A) || (c >= 0x30 && c <= 0x39) { name.append(c); i += 1 } else { break }
            }
            if let scalar = HTMLText.entities[String(decoding: name, as: UTF8.self)] {
                if i < n, bytes[i] == 0x3B { i += 1 }
                text(scalar: scalar)
                return i
            }
            text(0x26)
            return start + 1
        }
    }

    /// Windows-1252 meanings of 0x80…0x9F.
    static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    /// Named entities seen on news pages.
    static let entities: [String: UInt32] = {
        var table: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "copy": 0xA9, "reg": 0xAE,
            "laquo": 0xAB, "raquo": 0xBB, "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D,
            "sbquo": 0x201A, "bdquo": 0x201E, "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "bull": 0x2022,
            "middot": 0xB7, "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "deg": 0xB0, "times": 0xD7,
            "divide": 0xF7, "trade": 0x2122, "sect": 0xA7, "para": 0xB6, "iexcl": 0xA1, "iquest": 0xBF, "szlig": 0xDF,
            "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003, "shy": 0xAD, "oelig": 0x153, "OElig": 0x152,
            "aelig": 0xE6, "AElig": 0xC6, "ccedil": 0xE7, "Ccedil": 0xC7, "ntilde": 0xF1, "Ntilde": 0xD1,
            "eth": 0xF0, "thorn": 0xFE, "oslash": 0xF8, "Oslash": 0xD8, "aring": 0xE5, "Aring": 0xC5, "prime": 0x2032,
            "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE, "plusmn": 0xB1, "micro": 0xB5, "zwj": 0x200D, "zwnj": 0x200C,
        ]
        // Accented vowels: &eacute; &Egrave; &ocirc; &uuml; &atilde; …
        let accents: [(String, [Character: UInt32])] = [
            ("grave", ["a": 0xE0, "e": 0xE8, "i": 0xEC, "o": 0xF2, "u": 0xF9]),
            ("acute", ["a": 0xE1, "e": 0xE9, "i": 0xED, "o": 0xF3, "u": 0xFA, "y": 0xFD]),
            ("circ", ["a": 0xE2, "e": 0xEA, "i": 0xEE, "o": 0xF4, "u": 0xFB]),
            ("tilde", ["a": 0xE3, "o": 0xF5]),
            ("uml", ["a": 0xE4, "e": 0xEB, "i": 0xEF, "o": 0xF6, "u": 0xFC, "y": 0xFF]),
        ]
        for (suffix, letters) in accents {
            for (letter, value) in letters {
                table[String(letter) + suffix] = value
                if letter != "y" || suffix == "acute" { table[letter.uppercased() + suffix] = value - 0x20 }
            }
        }
        table["Yuml"] = 0x178
        return table
    }()
}
