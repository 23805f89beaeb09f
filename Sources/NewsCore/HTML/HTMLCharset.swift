/// The character encoding of an HTML page, decided the way browsers do, and never a reason to reject it.
///
/// In order: a byte-order mark; the `charset` of the transport's content type; the page's own
/// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in its first 4 KiB; else
/// UTF-8 when the bytes are valid UTF-8, else windows-1252. A declaration the bytes contradict is overruled:
/// a page declared UTF-8 that is not UTF-8 is read as windows-1252, and a page declared as a single-byte
/// Latin charset whose bytes are valid UTF-8 with non-ASCII characters is read as UTF-8 (a mis-declaration far
/// likelier than Latin text that happens to form valid UTF-8). ISO-8859-1 and ASCII labels mean windows-1252,
/// as in browsers. A page that is UTF-8 but for a few stray bytes (a pasted windows-1252 quote, a cut
/// character) is read as UTF-8, the stray bytes becoming U+FFFD as in browsers, whatever it declares: one bad
/// byte must not turn every other character of the page into mojibake. Other labels (ISO-8859-2, KOI8-R,
/// Shift_JIS, GBK…) are decoded by libxml2 when it knows them.
enum HTMLCharset: Sendable, Hashable {
    case utf8
    /// UTF-8 with a few invalid sequences, each read as U+FFFD (``isMostlyUTF8(_:)``).
    case utf8WithErrors
    case windows1252
    /// UTF-16 announced by a byte-order mark (the mark's name for libxml2).
    case utf16(String)
    /// Another encoding libxml2 decodes, by its label.
    case other(String)

    /// The encoding of `bytes`, and the length of a byte-order mark to skip.
    static func detect(_ bytes: [UInt8], contentType: String?) -> (charset: HTMLCharset, bomLength: Int) {
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16("UTF-16LE"), 0) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16("UTF-16BE"), 0) }
        let scan = InputDecoder.scanUTF8(bytes)
        let validUTF8 = scan.invalidOffset == nil
        let mostlyUTF8 = !validUTF8 && isMostlyUTF8(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (validUTF8 ? .utf8 : .utf8WithErrors, 3) }
        // Text that reads as UTF-8 with non-ASCII characters: UTF-8 whatever a single-byte label says.
        let utf8: HTMLCharset? = validUTF8 ? (scan.isASCII ? nil : .utf8) : mostlyUTF8 ? .utf8WithErrors : nil
        let declared = contentType.flatMap { charsetLabel(in: Array($0.utf8)[...]) }.flatMap(resolve)
            ?? metaCharset(bytes).flatMap(resolve)
        switch declared {
        case .utf8?, .utf8WithErrors?, .utf16?, nil:
            return (validUTF8 ? .utf8 : utf8 ?? .windows1252, 0)
        case .windows1252?:
            return (utf8 ?? .windows1252, 0)
        case .other(let label)?:
            let latin = label.hasPrefix("iso-8859") || label.hasPrefix("windows-125") || label.hasPrefix("cp125")
            return (latin ? utf8 ?? .other(label) : .other(label), 0)
        }
    }

    /// `true` when `bytes`, not valid UTF-8, still read as UTF-8 text with a few stray bytes: at least four
    /// well-formed non-ASCII characters for each invalid sequence. Text in a single-byte charset almost never
    /// forms even one well-formed multi-byte sequence (`Ã©` would be needed for `é`).
    static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var characters = 0
        var errors = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value >= 0x80 { characters += 1 }
            case .error:
                errors += 1
            case .emptyInput:
                break loop
            }
        }
        return errors > 0 && characters >= 4 * errors
    }

    /// The encoding a charset label names, `nil` when neither this type nor libxml2 knows it.
    static func resolve(_ label: String) -> HTMLCharset? {
        let label = label.lowercased()
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return .utf8
        // A page in an ASCII-compatible encoding cannot really be UTF-16: browsers read such a label as UTF-8.
        case "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2":
            return .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252",
            "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100":
            return .windows1252
        default:
            return HTMLDocument.knowsEncoding(label) ? .other(label) : nil
        }
    }

    /// The charset label of the first `<meta>` in the first 4 KiB that declares one.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096)
        var index = head.startIndex
        while let meta = find(Array("<meta".utf8), in: head, from: index) {
            let end = head[meta...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            if let label = charsetLabel(in: head[meta..<end]) { return label }
            index = end
        }
        return nil
    }

    /// The value after `charset=` in `text` (an attribute list or a content type), without quotes.
    static func charsetLabel<C: Collection<UInt8>>(in text: C) -> String? where C.Index == Int {
        guard let at = find(Array("charset".utf8), in: text, from: text.startIndex) else { return nil }
        var i = at + 7
        func skipSpaces() { while i < text.endIndex, text[i] == 0x20 || text[i] == 0x09 { i += 1 } }
        skipSpaces()
        guard i < text.endIndex, text[i] == UInt8(ascii: "=") else { return nil }
        i += 1
        skipSpaces()
        while i < text.endIndex, text[i] == UInt8(ascii: "\"") || text[i] == UInt8(ascii: "'") { i += 1 }
        let start = i
        while i < text.endIndex, isLabelByte(text[i]) { i += 1 }
        return i > start ? String(decoding: text[start..<i], as: UTF8.self) : nil
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
            || byte == 0x2E || byte == 0x3A
    }

    /// The offset of `needle` (ASCII, lower case) in `haystack` at or after `from`, ignoring ASCII case.
    private static func find<C: Collection<UInt8>>(_ needle: [UInt8], in haystack: C, from: Int) -> Int? where C.Index == Int {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = from
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] | 0x20 == first {
                var k = 1
                while k < needle.count, haystack[i + k] | 0x20 == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// UTF-8 of windows-1252 bytes (ISO-8859-1 with printable characters at 0x80…0x9F; the five bytes it leaves
    /// undefined stay the C1 controls, as browsers decode them).
    static func utf8(fromWindows1252 bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return out
    }

    /// Windows-1252 meanings of 0x80…0x9F.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]
}
