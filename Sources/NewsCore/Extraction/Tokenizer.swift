/// Splits UTF-8 text into ``Token``s in one pass, folding and looking up each word as it goes.
///
/// Words keep inner hyphens (`Saint-Pétersbourg`, `a-t-il`) and inner apostrophes (`aujourd'hui`), but an
/// elided article is its own token (`l'` + `Ukraine`) and so is an English possessive (`Biden` + `'s`).
/// A single capital or an honorific keeps its period (`V.`, `M.`), which then ends no sentence.
struct Tokenizer {
    let index: LexiconIndex
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var sentence: Int32 = 0
    private var atSentenceStart = true
    private var quoteOpen = false

    init(index: LexiconIndex, bytes: UnsafeBufferPointer<UInt8>) {
        self.index = index
        self.bytes = bytes
    }

    /// Appends the tokens of one line, `range` of ``bytes``, followed by a ``Token/Kind/lineEnd``.
    mutating func tokenize(_ range: Range<Int>, into tokens: inout [Token]) {
        var position = range.lowerBound
        let end = range.upperBound
        atSentenceStart = true
        quoteOpen = false
        while position < end {
            let byte = bytes[position]
            if byte < 0x80 {
                if Self.isAlphanumeric(byte) {
                    position = word(at: position, end: end, into: &tokens)
                    continue
                }
                switch byte {
                case 0x20, 0x09, 0x0D, 0x0C:
                    position += 1
                case 0x0A:
                    punctuation(.sentenceEnd, position, 1, into: &tokens)
                    position += 1
                case 0x2E, 0x21, 0x3F:  // . ! ?
                    punctuation(.sentenceEnd, position, 1, into: &tokens)
                    position += 1
                case 0x2C:
                    punctuation(.comma, position, 1, into: &tokens)
                    position += 1
                case 0x3A:
                    punctuation(.colon, position, 1, into: &tokens)
                    position += 1
                case 0x22:
                    punctuation(.straightQuote, position, 1, into: &tokens)
                    position += 1
                case 0x23, 0x40:  // # @: a tag runs to the next space or punctuation other than _
                    var stop = position + 1
                    while stop < end, Self.isAlphanumeric(bytes[stop]) || bytes[stop] == 0x5F || bytes[stop] >= 0x80 {
                        if bytes[stop] >= 0x80, Self.punctuationKind(bytes, stop) != nil { break }
                        stop += 1
                    }
                    var token = Token(start: Int32(position), end: Int32(stop), kind: .word)
                    token.shape = [.tag]
                    token.sentence = sentence
                    tokens.append(token)
                    position = stop
                default:
                    punctuation(.other, position, 1, into: &tokens)
                    position += 1
                }
                continue
            }
            let length = min(Folding.scalarLength(byte), end - position)
            if let kind = Self.punctuationKind(bytes, position) {
                if kind != .lineEnd {  // lineEnd here means "a space"
                    punctuation(kind, position, length, into: &tokens)
                }
                position += length
            } else {
                position = word(at: position, end: end, into: &tokens)
            }
        }
        tokens.append(Token(start: Int32(end), end: Int32(end), kind: .lineEnd, sentence: sentence))
        sentence += 1
        atSentenceStart = true
    }

    private mutating func punctuation(_ kind: Token.Kind, _ position: Int, _ length: Int, into tokens: inout [Token]) {
        var kind = kind
        if kind == .straightQuote {
            // Straight quotes alternate within a line: the first opens, the next closes.
            kind = quoteOpen ? .closeQuote : .openQuote
        }
        if kind == .openQuote { quoteOpen = true }
        if kind == .closeQuote { quoteOpen = false }
        tokens.append(Token(start: Int32(position), end: Int32(position + length), kind: kind, sentence: sentence))
        switch kind {
        case .sentenceEnd:
            sentence += 1
            atSentenceStart = true
        case .colon, .openQuote:
            atSentenceStart = true
        default:
            break
        }
    }

    /// Scans a word or number starting at `start`; returns the position after it.
    private mutating func word(at start: Int, end: Int, into tokens: inout [Token]) -> Int {
        var hasher = FoldHasher()
        var suffix = FoldHasher()
        let numeric = bytes[start] >= 0x30 && bytes[start] <= 0x39
        var number: Int64 = 0
        var digits = 0
        var separated = false
        var position = start
        var hasLower = false
        var letters = 0
        let capitalised = Folding.isUpper(bytes, at: start)
        while position < end {
            let byte = bytes[position]
            if byte < 0x80 {
                if Self.isAlphanumeric(byte) {
                    if numeric {
                        if byte <= 0x39, suffix.count == 0, !separated {
                            number = number &* 10 &+ Int64(byte - 0x30)
                            digits += 1
                        } else {
                            suffix.add(Folding.asciiLower[Int(byte)])
                        }
                    }
                    if byte >= 0x61 { hasLower = true }
                    if byte >= 0x41 { letters += 1 }
                    hasher.add(Folding.asciiLower[Int(byte)])
                    position += 1
                    continue
                }
                let next = position + 1 < end ? bytes[position + 1] : 0
                let nextIsWord = Self.isAlphanumeric(next) || (next >= 0xC0 && Self.punctuationKind(bytes, position + 1) == nil)
                if byte == 0x2D, nextIsWord {  // inner hyphen
                    if numeric { separated = true }
                    hasher.add(byte)
                    position += 1
                    continue
                }
                if (byte == 0x2E || byte == 0x2C), numeric, suffix.count == 0, next >= 0x30, next <= 0x39 {  // 1.5, 25,3
                    separated = true
                    hasher.add(byte)
                    position += 1
                    continue
                }
                if byte == 0x27, nextIsWord, !numeric {
                    if let split = apostrophe(at: position, width: 1, hasher: hasher, end: end) {
                        if split { return finishElision(start, position + 1, hasher, capitalised, into: &tokens) }
                        break
                    }
                    hasher.add(0x27)
                    position += 1
                    continue
                }
                if byte == 0x2E, !numeric, next >= 0x61, next <= 0x7A, position > start, bytes[position - 1] >= 0x41 {
                    // Domain names: "BFMTV.com".
                    hasher.add(byte)
                    position += 1
                    continue
                }
                break
            }
            if let kind = Self.punctuationKind(bytes, position) {
                // ’ inside a word is an apostrophe.
                if kind == .other, byte == 0xE2, position + 3 < end, bytes[position + 1] == 0x80, bytes[position + 2] == 0x99, !numeric {
                    let next = bytes[position + 3]
                    let nextIsWord = Self.isAlphanumeric(next) || (next >= 0xC0 && Self.punctuationKind(bytes, position + 3) == nil)
                    if nextIsWord {
                        if let split = apostrophe(at: position, width: 3, hasher: hasher, end: end) {
                            if split { return finishElision(start, position + 3, hasher, capitalised, into: &tokens) }
                            break
                        }
                        hasher.add(0x27)
                        position += 3
                        continue
                    }
                }
                break
            }
            if Folding.isLower(bytes, at: position) { hasLower = true }
            letters += 1
            if numeric { suffix.add(0xFF) }
            position += Folding.fold(bytes, at: position, into: &hasher)
        }
        var token = Token(start: Int32(start), end: Int32(position), kind: numeric ? .number : .word)
        token.sentence = sentence
        token.length = UInt16(min(hasher.count, Int(UInt16.max)))
        token.initialLetter = Folding.asciiLower[Int(bytes[start])]
        if numeric {
            token.number = digits <= 9 ? Int32(number) : -1
            token.hash = separated ? 1 : (suffix.count == 0 ? 0 : suffix.value)
            token.length = UInt16(digits)
            if suffix.count > 0 { token.info = index.info(suffix.value) }
        } else {
            var shape: Token.Shape = []
            if capitalised { shape.insert(.capitalised) }
            if !hasLower && letters >= 2 { shape.insert(.allCaps) }
            // Keep the period of an initial ("V.") or an honorific ("M.", "Mr.").
            if position < end, bytes[position] == 0x2E {
                var dotted = hasher
                dotted.add(0x2E)
                if capitalised && letters == 1 {
                    shape.insert(.initial)
                    hasher = dotted
                    position += 1
                } else if index.info(dotted.value).flags.contains(.honorific) {
                    hasher = dotted
                    position += 1
                }
                token.end = Int32(position)
            }
            if atSentenceStart { shape.insert(.sentenceStart) }
            token.shape = shape
            token.hash = hasher.value
            token.stem = hasher.stem
            token.info = index.info(hasher.value)
        }
        atSentenceStart = false
        tokens.append(token)
        return position
    }

    /// At an inner apostrophe: `true` to end an elided word here (`l'`), `false` to end the word before a
    /// possessive `'s`, `nil` to keep going (`aujourd'hui`).
    private func apostrophe(at position: Int, width: Int, hasher: FoldHasher, end: Int) -> Bool? {
        var elided = hasher
        elided.add(0x27)
        if index.info(elided.value).flags.contains(.elision) { return true }
        let after = position + width
        if after < end, bytes[after] | 0x20 == 0x73, after + 1 >= end || !Self.isAlphanumeric(bytes[after + 1]) && bytes[after + 1] < 0x80 {
            return false
        }
        return nil
    }

    private mutating func finishElision(_ start: Int, _ stop: Int, _ hasher: FoldHasher, _ capitalised: Bool, into tokens: inout [Token]) -> Int {
        var hasher = hasher
        hasher.add(0x27)
        var token = Token(start: Int32(start), end: Int32(stop), kind: .word)
        token.sentence = sentence
        token.hash = hasher.value
        token.stem = hasher.value
        token.length = UInt16(hasher.count)
        token.initialLetter = Folding.asciiLower[Int(bytes[start])]
        token.info = index.info(hasher.value)
        if capitalised { token.shape.insert(.capitalised) }
        // An elided article at a sentence start passes the start on to the next word ("L'Ukraine").
        tokens.append(token)
        return stop
    }

    @inline(__always)
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// The kind of a non-ASCII punctuation scalar at `position`, `.lineEnd` for a space, `nil` for a letter.
    static func punctuationKind(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Token.Kind? {
        let lead = bytes[position]
        guard position + 1 < bytes.count else { return lead >= 0x80 ? .other : nil }
        let second = bytes[position + 1]
        switch lead {
        case 0xC2:
            switch second {
            case 0xA0: return .lineEnd
            case 0xAB: return .openQuote
            case 0xBB: return .closeQuote
            case 0xAA, 0xB5, 0xBA: return nil
            default: return .other
            }
        case 0xE2:
            guard second == 0x80, position + 2 < bytes.count else { return .other }
            let third = bytes[position + 2]
            switch third {
            case 0x80...0x8B, 0xAF: return .lineEnd
            case 0x9C, 0x9E: return .openQuote
            case 0x9D: return .closeQuote
            case 0xA6: return .sentenceEnd
            default: return .other
            }
        case 0xE3:
            return second == 0x80 ? .other : nil
        case 0xEF:
            return second == 0xBB || second == 0xBC || second == 0xBD ? .other : nil
        default:
            return nil
        }
    }
}
