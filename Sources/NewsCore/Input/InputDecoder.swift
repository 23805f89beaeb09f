#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns payload bytes into ``DecodedInput``: size and encoding checks, JSON envelope, HTML pages (``HTMLReader``).
///
/// Never traps: any input yields a value or a ``ParseError`` whose message says what was wrong and where.
struct InputDecoder: Sendable {
    /// Largest payload accepted, in bytes.
    var maxBytes: Int

    func decode(_ raw: RawArticle) throws(ParseError) -> DecodedInput {
        let bytes = raw.bytes
        guard bytes.count <= maxBytes else {
            throw ParseError(.tooLarge, stage: .decode, "payload is \(bytes.count) bytes, limit is \(maxBytes)")
        }
        let start = bytes.firstIndex { !Self.isSpace($0) }
        guard let start else {
            throw ParseError(.empty, stage: .decode, bytes.isEmpty ? "payload is empty" : "payload is only whitespace")
        }
        let contentType = raw.hints.contentType?.lowercased() ?? ""
        let declaredHTML = !contentType.isEmpty && contentType.contains("html")
        let declaredOther = !contentType.isEmpty && (contentType.contains("plain") || contentType.contains("json"))
        var input: DecodedInput
        var declared = Declaration()
        if declaredHTML || (!declaredOther && HTMLReader.looksLikeHTML(bytes)) {
            // HTML in any charset, straight from the bytes.
            input = try HTMLReader.read(bytes, contentType: raw.hints.contentType)
        } else {
            // Binary first: random bytes are rarely valid UTF-8 either, and `binary` is what they are.
            if let offset = Self.firstBinaryControlOffset(bytes) {
                throw ParseError(.binary, stage: .decode, "control byte 0x\(String(bytes[offset], radix: 16)) at byte \(offset): not text")
            }
            let isASCII = try Self.validateUTF8(bytes)
            let looksJSON = bytes[start] == UInt8(ascii: "{")
            // (`contains` only on a declared type: it is costly even on an empty string.)
            if (!contentType.isEmpty && contentType.contains("json")) || (contentType.isEmpty && looksJSON) {
                let envelope = try Self.decodeEnvelope(bytes)
                declared = try envelope.declaration()
                input = try envelope.content()
                input.id = envelope.id.flatMap { $0.isEmpty ? nil : $0 }
            } else {
                // The text String only here: an envelope is decoded from the bytes, its body is the text.
                input = DecodedInput(text: bytes.withUnsafeBufferPointer { String(wellFormedUTF8: $0, isASCII: isASCII) })
            }
        }
        // Who says what about the article, strongest first: the envelope, then the transport (Kafka headers,
        // the caller), then the page about itself.
        let transport = Declaration(
            url: raw.hints.url, source: raw.hints.source,
            published: raw.hints.publishedAt.flatMap { PartialDate(iso8601: $0) }, language: raw.hints.language
        )
        input.title = declared.title ?? input.title
        input.url = declared.url ?? transport.url ?? input.url
        input.source = declared.source ?? transport.source ?? input.source
        input.published = declared.published ?? transport.published ?? input.published
        input.language = (declared.language ?? transport.language)?.lowercased()
        return input
    }

    /// What an envelope or the transport declares about an article (each field optional).
    private struct Declaration {
        var title: String?
        var url: String?
        var source: String?
        var published: PartialDate?
        var language: String?
    }

    /// The JSON form crawlers emit: every field but `body` optional, unknown fields ignored.
    private struct Envelope: Decodable {
        var id: String?
        var url: String?
        var source: String?
        var published_at: String?
        var fetched_at: String?
        var language: String?
        var title: String?
        /// The article as text; this or `html` is required.
        var body: String?
        /// The page as HTML (the article is extracted from it); used when there is no `body`.
        var html: String?

        /// The article's content: `body` (read as a page when it is HTML), else `html`.
        func content() throws(ParseError) -> DecodedInput {
            if let body {
                guard body.contains(where: { !$0.isWhitespace }) else {
                    throw ParseError(.empty, stage: .decode, "field 'body' is empty")
                }
                // A body in HTML is read as a page, as a bare HTML payload is.
                return HTMLReader.looksLikeHTML(body.utf8) ? try HTMLReader.read(Array(body.utf8), contentType: nil, isUTF8: true) : DecodedInput(text: body)
            }
            guard let html else {
                throw ParseError(.malformedEnvelope, stage: .decode, "missing required field 'body' (or 'html')")
            }
            guard html.contains(where: { !$0.isWhitespace }) else {
                throw ParseError(.empty, stage: .decode, "field 'html' is empty")
            }
            return try HTMLReader.read(Array(html.utf8), contentType: nil, isUTF8: true)
        }

        /// What the envelope's fields declare about the article.
        func declaration() throws(ParseError) -> Declaration {
            var published: PartialDate?
            if let published_at {
                guard let date = PartialDate(iso8601: published_at) else {
                    throw ParseError(.malformedEnvelope, stage: .decode, "field 'published_at': not an ISO 8601 date: \(published_at.prefix(64))")
                }
                published = date
            }
            return Declaration(title: title.flatMap(singleLine), url: url, source: source, published: published, language: language)
        }
    }

    private static func decodeEnvelope(_ bytes: [UInt8]) throws(ParseError) -> Envelope {
        do {
            return try JSONDecoder().decode(Envelope.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ParseError(.malformedEnvelope, stage: .decode, describe(error))
        } catch {
            throw ParseError(.malformedEnvelope, stage: .decode, "not valid JSON: \(error)")
        }
    }

    /// A text as one line (a crawler's title, a page's meta value): runs of whitespace (line breaks too) made one space, ends trimmed;
    /// `nil` when nothing is left.
    static func singleLine(_ title: String) -> String? {
        if isSingleLine(title.utf8) { return title }
        let words = title.split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// `true` when `text` is non-empty and already one line as ``singleLine(_:)`` makes it, judged on its bytes
    /// (most meta values and titles are: the split into Characters is then skipped): no control byte, no
    /// byte that may start a Unicode space (0xC2, 0xE1-0xE3), and every space single, between two
    /// non-spaces, and followed by an ASCII byte (not by a combining mark, which would join it).
    static func isSingleLine(_ text: String.UTF8View) -> Bool {
        guard let first = text.first, first != 0x20 else { return false }
        var previousSpace = false
        for byte in text {
            if previousSpace && (byte <= 0x20 || byte >= 0x80) { return false }
            if byte < 0x20 || byte == 0x7F || byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3) { return false }
            previousSpace = byte == 0x20
        }
        return !previousSpace
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map(\.stringValue).joined(separator: ".")
            return keys.isEmpty ? "" : "field '\(keys)': "
        }
        switch error {
        case .keyNotFound(let key, _): return "missing required field '\(key.stringValue)'"
        case .typeMismatch(let type, let context): return "\(path(context))expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context))expected \(type), found null"
        case .dataCorrupted(let context): return "\(path(context))not valid JSON: \(context.debugDescription)"
        @unknown default: return "not a valid envelope"
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// NUL and C0 controls other than tab, line feed, form feed and carriage return mark binary data.
    static func isBinaryControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D
    }

    /// The offset of the first ``isBinaryControl(_:)`` byte, or `nil`.
    ///
    /// Sixteen bytes at a time, compared at once as a vector: text has a line feed every line or so, but most
    /// blocks of sixteen bytes have no byte below 0x20 at all; a block that has one is looked at through the
    /// exact mask of such bytes.
    static func firstBinaryControlOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let n = buffer.count
            guard let base = buffer.baseAddress else { return nil }
            let space = SIMD16<UInt8>(repeating: 0x20)
            var i = 0
            while i + 16 <= n {
                let block = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                if any(block .< space) {
                    let first = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let second = UnsafeRawPointer(base + i + 8).loadUnaligned(as: UInt64.self)
                    if let offset = firstBinaryControl(in: first, at: i, base) ?? firstBinaryControl(in: second, at: i + 8, base) {
                        return offset
                    }
                }
                i += 16
            }
            while i < n {
                if isBinaryControl(base[i]) { return i }
                i += 1
            }
            return nil
        }
    }

    /// The offset of the first ``isBinaryControl(_:)`` byte among the eight of `word`, loaded from `base + offset`.
    @inline(__always)
    private static func firstBinaryControl(in word: UInt64, at offset: Int, _ base: UnsafePointer<UInt8>) -> Int? {
        var below = EightBytes.controls(word)
        while below != 0 {
            let k = offset + below.trailingZeroBitCount / 8
            if isBinaryControl(base[k]) { return k }
            below &= below &- 1
        }
        return nil
    }
}
