#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns payload bytes into ``DecodedInput``: size and encoding checks, JSON envelope, HTML rendering.
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
        // Binary first: random bytes are rarely valid UTF-8 either, and `binary` is what they are.
        if let offset = Self.firstBinaryControlOffset(bytes) {
            throw ParseError(.binary, stage: .decode, "control byte 0x\(String(bytes[offset], radix: 16)) at byte \(offset): not text")
        }
        let isASCII = try Self.validateUTF8(bytes)
        let declared = raw.hints.contentType?.lowercased() ?? ""
        let looksJSON = bytes[start] == UInt8(ascii: "{")
        var input: DecodedInput
        // (`contains` only on a declared type: it is costly even on an empty string.)
        if (!declared.isEmpty && declared.contains("json")) || (declared.isEmpty && looksJSON) {
            input = try Self.decodeEnvelope(bytes)
        } else {
            // The text String only here: an envelope is decoded from the bytes, its body is the text.
            input = DecodedInput(text: bytes.withUnsafeBufferPointer { String(wellFormedUTF8: $0, isASCII: isASCII) })
        }
        let declaredHTML = !declared.isEmpty && declared.contains("html")
        let declaredPlain = !declared.isEmpty && declared.contains("plain")
        if declaredHTML || (!declaredPlain && HTMLText.looksLikeHTML(input.text)) {
            input.text = HTMLText.render(input.text)
        }
        input.url = input.url ?? raw.hints.url
        input.source = input.source ?? raw.hints.source
        input.published = input.published ?? raw.hints.publishedAt.flatMap { PartialDate(iso8601: $0) }
        input.language = (input.language ?? raw.hints.language)?.lowercased()
        return input
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
        var body: String
    }

    private static func decodeEnvelope(_ bytes: [UInt8]) throws(ParseError) -> DecodedInput {
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ParseError(.malformedEnvelope, stage: .decode, describe(error))
        } catch {
            throw ParseError(.malformedEnvelope, stage: .decode, "not valid JSON: \(error)")
        }
        var published: PartialDate?
        if let text = envelope.published_at {
            guard let date = PartialDate(iso8601: text) else {
                throw ParseError(.malformedEnvelope, stage: .decode, "field 'published_at': not an ISO 8601 date: \(text.prefix(64))")
            }
            published = date
        }
        guard envelope.body.contains(where: { !$0.isWhitespace }) else {
            throw ParseError(.empty, stage: .decode, "field 'body' is empty")
        }
        return DecodedInput(
            id: envelope.id.flatMap { $0.isEmpty ? nil : $0 },
            text: envelope.body,
            title: envelope.title.flatMap(singleLine),
            url: envelope.url,
            source: envelope.source,
            published: published,
            language: envelope.language
        )
    }

    /// A crawler's title as one line: runs of whitespace (line breaks too) made one space, ends trimmed;
    /// `nil` when nothing is left.
    private static func singleLine(_ title: String) -> String? {
        let words = title.split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : words.joined(separator: " ")
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
    private static func isBinaryControl(_ byte: UInt8) -> Bool {
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
