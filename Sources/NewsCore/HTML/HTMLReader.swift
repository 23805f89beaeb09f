#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads an HTML page into ``DecodedInput``: charset, DOM, the article's text as lines, the page's metadata.
///
/// A page is never rejected for its charset or for stray bytes (control bytes become spaces, as they render);
/// only a page with no article text at all is, with ``ParseError/Code/noContent``.
enum HTMLReader {
    /// Reads a page.
    /// - Parameters:
    ///   - bytes: The page as received, in any charset (``HTMLCharset`` decides which).
    ///   - contentType: The transport's content type, whose `charset` comes first after a byte-order mark.
    ///   - isUTF8: `true` when `bytes` are known to be UTF-8 (a JSON envelope's string): no charset detection.
    static func read(_ bytes: [UInt8], contentType: String?, isUTF8: Bool = false) throws(ParseError) -> DecodedInput {
        let charset = isUTF8 ? (charset: HTMLCharset.utf8, bomLength: 0) : HTMLCharset.detect(bytes, contentType: contentType)
        guard let document = parse(bytes, charset: charset.charset, skipping: charset.bomLength) else {
            throw ParseError(.noContent, stage: .decode, "HTML page: the parser found no document in \(bytes.count) bytes")
        }
        let metadata = HTMLMetadata(document, today: today())
        let (text, declaredArticle) = HTMLContent(document).text()
        guard text.utf8.contains(where: { $0 > 0x20 }) else {
            throw ParseError(.noContent, stage: .decode, "HTML page: no text outside scripts, navigation and page furniture")
        }
        var input = DecodedInput(text: text, title: metadata.title, url: metadata.url, source: metadata.siteName, published: metadata.published)
        input.author = metadata.author
        input.pageLanguage = metadata.language
        input.declaredArticle = declaredArticle
        return input
    }

    /// The DOM of the page decoded as `charset`; a page libxml2 cannot decode in its declared charset is read
    /// as windows-1252 (every byte is a character there).
    private static func parse(_ bytes: [UInt8], charset: HTMLCharset, skipping bom: Int) -> HTMLDocument? {
        var utf8: [UInt8]
        switch charset {
        case .utf8:
            utf8 = bom > 0 ? Array(bytes[bom...]) : bytes
        case .utf8WithErrors:
            // Each invalid sequence becomes U+FFFD (libxml2 would give up on UTF-8 at the first one).
            utf8 = Array(String(decoding: bytes[bom...], as: UTF8.self).utf8)
        case .windows1252:
            utf8 = HTMLCharset.utf8(fromWindows1252: bytes)
        case .utf16(let name), .other(let name):
            utf8 = HTMLDocument.utf8(bytes, from: name) ?? HTMLCharset.utf8(fromWindows1252: bytes)
        }
        // Control bytes other than tab, line feed, form feed and carriage return become spaces (libxml2 stops
        // at a NUL).
        if InputDecoder.firstBinaryControlOffset(utf8) != nil {
            for index in utf8.indices where InputDecoder.isBinaryControl(utf8[index]) {
                utf8[index] = 0x20
            }
        }
        return utf8.withUnsafeBufferPointer { HTMLDocument.parse(utf8: $0) }
    }

    /// Tomorrow in UTC: the latest publication date believed (a day's grace for time zones).
    private static func today() -> PartialDate {
        PartialDate(daysSinceEpoch: Int(Date.now.timeIntervalSince1970 / 86_400) + 1)
    }

    /// Tags that only HTML starts with.
    private static let htmlStarts: [StaticString] = ["<html", "<!doctype html", "<head", "<body", "<p>", "<div", "<meta", "<title"]

    /// `true` when the bytes start like an HTML document or fragment (after a byte-order mark and spaces).
    static func looksLikeHTML<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        // Text (the common case) is told apart at its first visible byte, before anything is copied.
        var start = bytes.startIndex
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = bytes.index(start, offsetBy: 3) }
        guard let first = bytes[start...].firstIndex(where: { $0 > 0x20 }), bytes[first] == UInt8(ascii: "<") else { return false }
        let head = bytes[first...].prefix(2048)
        return Self.htmlStarts.contains { ASCIIBytes.contains(head, lowercased: $0) }
    }
}
