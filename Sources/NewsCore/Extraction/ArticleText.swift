/// A cleaned article laid out for extraction: all its lines in one UTF-8 buffer, tokenized once.
///
/// Lines are the title, the paragraphs and then the boilerplate lines; each ends with a
/// ``Token/Kind/lineEnd`` token. Only title and paragraphs are searched for entities, quotes and keywords;
/// boilerplate is searched for bylines, source footers and agency credits.
struct ArticleText {
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
    let bytes: [UInt8]
    /// Every token, in text order.
    let tokens: [Token]
    /// Every line, in text order.
    let lines: [Line]
    /// Tokens before this index are title and paragraphs; from it on, boilerplate.
    let contentEnd: Int

    /// Lays out and tokenizes a cleaned article.
    init(_ cleaned: CleanedText, index: LexiconIndex) {
        var bytes: [UInt8] = []
        var parts: [(Part, Range<Int>)] = []
        var size = (cleaned.title?.utf8.count ?? 0) + 1
        for paragraph in cleaned.paragraphs { size += paragraph.utf8.count + 1 }
        for line in cleaned.boilerplate { size += line.utf8.count + 1 }
        bytes.reserveCapacity(size)
        func append(_ text: String, _ part: Part) {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            parts.append((part, start..<bytes.count))
            bytes.append(0x0A)
        }
        if let title = cleaned.title { append(title, .title) }
        for paragraph in cleaned.paragraphs { append(paragraph, .paragraph) }
        for line in cleaned.boilerplate { append(line, .boilerplate) }

        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 5 + parts.count)
        var lines: [Line] = []
        lines.reserveCapacity(parts.count)
        var contentEnd = 0
        bytes.withUnsafeBufferPointer { buffer in
            var tokenizer = Tokenizer(index: index, bytes: buffer)
            for (part, range) in parts {
                let first = tokens.count
                tokenizer.tokenize(range, into: &tokens)
                lines.append(Line(part: part, bytes: range, tokens: first..<tokens.count))
                if part != .boilerplate { contentEnd = tokens.count }
            }
        }
        self.bytes = bytes
        self.tokens = tokens
        self.lines = lines
        self.contentEnd = contentEnd
    }

    /// The text of a byte range.
    func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
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
    func phrase(at start: Int, end: Int, index: LexiconIndex) -> PhraseInfo? {
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
            if offset >= 1, let info = index.phrases[key], matchesCapitals(info.capitals, from: start) { best = info }
        }
        return best
    }
}
