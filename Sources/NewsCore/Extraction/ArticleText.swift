/// A cleaned article laid out for extraction: all its lines in one UTF-8 buffer, tokenized once.
///
/// Lines are the title, the paragraphs and then the boilerplate lines; each ends with a
/// ``Token/Kind/lineEnd`` token. Only title and paragraphs are searched for entities, quotes and keywords;
/// boilerplate is searched for bylines, source footers and agency credits.
///
/// A class owning raw buffers, so that the finders' many token reads involve no reference counting; it
/// lives for one ``Extractor/extract(from:published:)`` call.
final class ArticleText {
    /// Where a line comes from.
    enum Part: UInt8 { case title, paragraph, boilerplate }

    /// A line of the article.
    struct Line {
        var part: Part
        /// Its bytes in ``ArticleText/bytes``.
        var bytes: Range<Int>
        /// Its tokens in ``ArticleText/tokens``, the final line end included.
        var tokens: Range<Int>
    }

    /// The text of every line, each followed by a line feed.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Every token, in text order.
    let tokens: UnsafeBufferPointer<Token>
    /// Every line, in text order.
    let lines: [Line]
    /// Tokens before this index are title and paragraphs; from it on, boilerplate.
    let contentEnd: Int
    /// The indices of the quotation mark tokens, in order.
    let quoteMarks: UnsafeBufferPointer<Int32>
    /// The indices of the tokens where a date can start (``Tokenizer/dateCandidates``), in order.
    let dateCandidates: UnsafeBufferPointer<Int32>
    /// The indices of the tokens where a name or an office can be (``Tokenizer/nameCandidates``), in order.
    let nameCandidates: UnsafeBufferPointer<Int32>
    /// The lexicon's phrases (``LexiconIndex/phraseLookup``), for ``phrase(at:end:)``.
    private let phrases: FrozenHashTable<PhraseInfo>
    /// The `String` each line was copied from, by line: ``string(_:)`` slices it, which needs no UTF-8
    /// validation.
    private let sources: [String]

    /// Lays out and tokenizes a cleaned article.
    init(_ cleaned: CleanedText, index: LexiconIndex) {
        var size = (cleaned.title?.utf8.count ?? 0) + 1
        for paragraph in cleaned.paragraphs { size += paragraph.utf8.count + 1 }
        for line in cleaned.boilerplate { size += line.utf8.count + 1 }
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
        var parts: [(Part, Range<Int>)] = []
        parts.reserveCapacity(cleaned.paragraphs.count + cleaned.boilerplate.count + 1)
        var sources: [String] = []
        sources.reserveCapacity(cleaned.paragraphs.count + cleaned.boilerplate.count + 1)
        var offset = 0
        func append(_ text: String, _ part: Part) {
            var text = text
            let start = offset
            text.withUTF8 { utf8 in
                _ = UnsafeMutableBufferPointer(rebasing: bytes[offset..<offset + utf8.count]).initialize(from: utf8)
                offset += utf8.count
            }
            parts.append((part, start..<offset))
            sources.append(text)
            bytes[offset] = 0x0A
            offset += 1
        }
        if let title = cleaned.title { append(title, .title) }
        for paragraph in cleaned.paragraphs { append(paragraph, .paragraph) }
        for line in cleaned.boilerplate { append(line, .boilerplate) }
        let text = UnsafeBufferPointer(rebasing: bytes[..<offset])

        var tokens = TokenBuffer(capacity: offset / 5 + parts.count + 16)
        var lines: [Line] = []
        lines.reserveCapacity(parts.count)
        var contentEnd = 0
        var tokenizer = Tokenizer(index: index, bytes: text)
        for (part, range) in parts {
            let first = tokens.count
            tokenizer.tokenize(range, into: &tokens)
            lines.append(Line(part: part, bytes: range, tokens: first..<tokens.count))
            if part != .boilerplate { contentEnd = tokens.count }
        }
        self.bytes = text
        self.tokens = tokens.finish()
        self.lines = lines
        self.contentEnd = contentEnd
        self.quoteMarks = tokenizer.quoteMarks.finish()
        self.dateCandidates = tokenizer.dateCandidates.finish()
        self.nameCandidates = tokenizer.nameCandidates.finish()
        self.phrases = index.phraseLookup
        self.sources = sources
    }

    deinit {
        UnsafeMutableBufferPointer(mutating: bytes).deallocate()
        UnsafeMutableBufferPointer(mutating: tokens).deallocate()
        UnsafeMutableBufferPointer(mutating: quoteMarks).deallocate()
        UnsafeMutableBufferPointer(mutating: dateCandidates).deallocate()
        UnsafeMutableBufferPointer(mutating: nameCandidates).deallocate()
    }

    /// The text of a byte range.
    func string(_ range: Range<Int>) -> String {
        // Up to 15 bytes (names, surface forms, keywords, dates) a String is stored inline, and this
        // initializer skips UTF-8 validation when the bytes are ASCII, which `String(decoding:as:)` does not;
        // other bytes are validated as usual, so the string is the same.
        if range.count <= 15 {
            let source = UnsafeBufferPointer(rebasing: bytes[range])
            return String(unsafeUninitializedCapacity: source.count) { buffer in
                _ = buffer.initialize(fromContentsOf: source)
                return source.count
            }
        }
        // A long text within one line is sliced from the line's own string: a copy, without validating the
        // bytes again (which is what costs for a quote; for a short name, decoding is cheaper).
        guard range.count >= 64 else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let line = self.line(containing: range.lowerBound)
        if line < lines.count, lines[line].bytes.upperBound >= range.upperBound {
            let utf8 = sources[line].utf8
            let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound - lines[line].bytes.lowerBound)
            let upper = utf8.index(lower, offsetBy: range.count)
            if let text = String(utf8[lower..<upper]) { return text }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The index of the line whose bytes (or following line feed) hold byte `offset`; `lines.count` if none.
    private func line(containing offset: Int) -> Int {
        var low = 0
        var high = lines.count
        while low < high {
            let middle = (low + high) / 2
            if lines[middle].bytes.upperBound < offset { low = middle + 1 } else { high = middle }
        }
        return low < lines.count && lines[low].bytes.lowerBound <= offset ? low : lines.count
    }

    /// The text of a byte range in lower case (`String.lowercased()`), made in one step when it is ASCII or
    /// Latin-1 (U+0080…U+00FF, where lowering `À`…`Þ` but `×` is adding 0x20 to the second byte).
    func lowercasedString(_ range: Range<Int>) -> String {
        let source = UnsafeBufferPointer(rebasing: bytes[range])
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte < 0x80 {
                index += 1
            } else if (byte == 0xC2 || byte == 0xC3) && index + 1 < source.count && source[index + 1] &- 0x80 < 0x40 {
                index += 2
            } else {
                return string(range).lowercased()
            }
        }
        return String(unsafeUninitializedCapacity: source.count) { buffer in
            var index = 0
            while index < source.count {
                let byte = source[index]
                if byte < 0x80 {
                    buffer[index] = Folding.lower(byte)
                    index += 1
                } else {
                    let second = source[index + 1]
                    let upper = byte == 0xC3 && second >= 0x80 && second <= 0x9E && second != 0x97
                    buffer[index] = byte
                    buffer[index + 1] = upper ? second + 0x20 : second
                    index += 2
                }
            }
            return source.count
        }
    }

    /// The text from the first to the last of a range of tokens, as written.
    func text(_ range: Range<Int>) -> String {
        string(Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end))
    }

    /// The text of a range of tokens with quotation marks left out and single spaces between words.
    func words(_ range: Range<Int>) -> String {
        var text = ""
        for index in range where tokens[index].kind != .openQuote && tokens[index].kind != .closeQuote {
            let token = tokens[index]
            let piece = string(Int(token.start)..<Int(token.end))
            if !text.isEmpty, token.kind == .word || token.kind == .number, !(text.last == "'" || text.last == "\u{2019}") {
                text += " "
            }
            text += piece
        }
        return text
    }

    /// The FNV hash of a token range's raw bytes (case and accents kept), to tell surface forms apart.
    func rawHash(_ range: Range<Int>) -> UInt64 {
        var hash = FoldHasher.offset
        for index in Int(tokens[range.lowerBound].start)..<Int(tokens[range.upperBound - 1].end) {
            hash = (hash ^ UInt64(bytes[index])) &* FoldHasher.prime
        }
        return hash
    }

    /// `true` when every word marked in `capitals` is capitalised in the text.
    private func matchesCapitals(_ capitals: UInt16, from start: Int) -> Bool {
        var bits = capitals
        var offset = 0
        while bits != 0 {
            if bits & 1 == 1, !tokens[start + offset].shape.contains(.capitalised) { return false }
            bits >>= 1
            offset += 1
        }
        return true
    }

    /// The phrase of the lexicon starting at token `start`, longest first, and its length in tokens.
    func phrase(at start: Int, end: Int) -> PhraseInfo? {
        let first = tokens[start]
        guard first.info.flags.contains(.phraseStart) else { return nil }
        let longest = min(Int(first.info.phraseLength), end - start)
        guard longest >= 2 else { return nil }
        var key = FoldHasher.offset
        var best: PhraseInfo?
        for offset in 0..<longest {
            let token = tokens[start + offset]
            guard token.kind == .word else { break }
            key = FoldHasher.combine(key, token.hash)
            if offset >= 1, let info = phrases[key], matchesCapitals(info.capitals, from: start) { best = info }
        }
        return best
    }
}

