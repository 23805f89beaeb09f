/// Splits UTF-8 text into ``Token``s in one pass, folding and looking up each word as it goes.
///
/// Words keep inner hyphens (`Saint-Pétersbourg`, `a-t-il`) and inner apostrophes (`aujourd'hui`), but an
/// elided article is its own token (`l'` + `Ukraine`) and so is an English possessive (`Biden` + `'s`).
/// A single capital or an honorific keeps its period (`V.`, `M.`), which then ends no sentence.
struct Tokenizer {
    let index: LexiconIndex
    let bytes: UnsafeBufferPointer<UInt8>
    /// ``AlphanumericRun/folded``, read once.
    private let folded = AlphanumericRun.folded
    /// ``Folding/latin1Letters``, read once.
    private let latin1 = Folding.latin1Letters
    private(set) var sentence: Int32 = 0
    /// The token indices of the quotation marks, in order (for ``QuoteFinder``, which needs nothing else).
    /// These lists are handed over to ``ArticleText``, which frees them.
    private(set) var quoteMarks: TokenIndexBuffer
    /// The token indices of the numbers and of the words with a ``dateCues`` flag, in order: the tokens
    /// where ``DateFinder`` can find a date.
    private(set) var dateCandidates: TokenIndexBuffer
    /// The token indices of the words that are capitalised (tags aside) or name an office or a
    /// nationality, in order: the tokens where ``EntityRecognizer`` can find something.
    private(set) var nameCandidates: TokenIndexBuffer
    /// The flags of a word that can start a date.
    static let dateCues: WordInfo.Flags = [.month, .season, .weekday, .relativeDay, .thisMarker, .pastMarker, .nextMarker, .datePhraseStart]
    private var atSentenceStart = true
    private var quoteOpen = false

    init(index: LexiconIndex, bytes: UnsafeBufferPointer<UInt8>) {
        self.index = index
        self.bytes = bytes
        // Byte offsets and token indices are stored as Int32 (see ``offset(_:)``).
        precondition(bytes.count <= Int(Int32.max), "an article must be smaller than 2 GiB")
        // Enough for most articles, so that the lists rarely grow.
        quoteMarks = TokenIndexBuffer(capacity: 64)
        dateCandidates = TokenIndexBuffer(capacity: bytes.count / 32 + 16)
        nameCandidates = TokenIndexBuffer(capacity: bytes.count / 16 + 16)
    }

    /// Appends the tokens of one line, `range` of ``bytes``, followed by a ``Token/Kind/lineEnd``.
    /// - Precondition: A line feed follows the line in ``bytes`` (it stops the scan of a last word).
    mutating func tokenize(_ range: Range<Int>, into tokens: inout TokenBuffer) {
        var position = range.lowerBound
        let end = range.upperBound
        precondition(end < bytes.count && bytes[end] == 0x0A, "a line must be followed by a line feed")
        atSentenceStart = true
        quoteOpen = false
        while position < end {
            let byte = bytes[position]
            if byte == 0x20 {  // by far the commonest byte between tokens
                position += 1
                continue
            }
            if folded[Int(byte)] != 0 {  // an ASCII letter or digit
                if byte < 0x3A {
                    position = number(at: position, end: end, into: &tokens)
                } else {
                    position = plainWord(at: position, end: end, into: &tokens)
                }
                continue
            }
            if byte < 0x80 {
                switch byte {
                case 0x20, 0x09, 0x0D, 0x0C:
                    position += 1
                case 0x0A, 0x2E, 0x21, 0x3F:  // . ! ? (as ``punctuation(_:_:_:into:)`` does, without the call)
                    tokens.append(Token(start: Self.offset(position), end: Self.offset(position + 1), kind: .sentenceEnd, sentence: sentence))
                    sentence += 1
                    atSentenceStart = true
                    position += 1
                case 0x2C:
                    tokens.append(Token(start: Self.offset(position), end: Self.offset(position + 1), kind: .comma, sentence: sentence))
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
                    var token = Token(start: Self.offset(position), end: Self.offset(stop), kind: .word)
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
                position = word(at: position, end: end, into: &tokens, resuming: position, hash: FoldHasher.offset)
            }
        }
        tokens.append(Token(start: Self.offset(end), end: Self.offset(end), kind: .lineEnd, sentence: sentence))
        sentence += 1
        atSentenceStart = true
    }

    private mutating func punctuation(_ kind: Token.Kind, _ position: Int, _ length: Int, into tokens: inout TokenBuffer) {
        var kind = kind
        if kind == .straightQuote {
            // Straight quotes alternate within a line: the first opens, the next closes.
            kind = quoteOpen ? .closeQuote : .openQuote
        }
        if kind == .openQuote { quoteOpen = true }
        if kind == .closeQuote { quoteOpen = false }
        if kind == .openQuote || kind == .closeQuote { quoteMarks.append(index: tokens.count) }
        tokens.append(Token(start: Self.offset(position), end: Self.offset(position + length), kind: kind, sentence: sentence))
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

    /// Scans a number starting at `start` (`2022`, `1er`, `25,3`, `2022-02-04`); returns the position after it.
    private mutating func number(at start: Int, end: Int, into tokens: inout TokenBuffer) -> Int {
        var value: Int64 = 0
        var digits = 0
        var separated = false
        var suffix = FoldHasher()
        var position = start
        while position < end {
            let byte = bytes[position]
            if byte &- 0x30 < 10 {
                if suffix.count == 0, !separated {
                    value = value &* 10 &+ Int64(byte &- 0x30)
                    digits += 1
                } else if suffix.count > 0 {
                    suffix.add(byte)
                }
                position += 1
            } else if (byte | 0x20) &- 0x61 < 26 {
                suffix.add(byte | 0x20)
                position += 1
            } else if byte == 0x2D || byte == 0x2E || byte == 0x2C, position + 1 < end, bytes[position + 1] &- 0x30 < 10, suffix.count == 0 {
                separated = true
                position += 1
            } else if byte >= 0xC0, Self.punctuationKind(bytes, position) == nil {
                suffix.add(0xFF)
                position += Folding.scalarLength(byte)
            } else {
                break
            }
        }
        position = min(position, end)
        var token = Token(start: Self.offset(start), end: Self.offset(position), kind: .number)
        token.sentence = sentence
        token.number = digits <= 9 ? Int32(value) : -1
        token.length = UInt16(digits)
        token.hash = separated ? 1 : (suffix.count == 0 ? 0 : suffix.value)
        if suffix.count > 0 { token.info = index.info(suffix.value) }
        atSentenceStart = false
        dateCandidates.append(index: tokens.count)
        tokens.append(token)
        return position
    }

    /// Scans a word starting at `start`, an ASCII letter; returns the position after it.
    ///
    /// The common word, ASCII letters and digits ended by a space or punctuation (not a hyphen or an
    /// apostrophe, nor a period before a letter), is finished here; a word going on with an accented letter
    /// in ``accentedWord(at:end:into:resuming:hash:)``; any other in ``word(at:end:into:resuming:hash:)``.
    ///
    /// Plain words one space apart are taken in turn here, without going back to the loop of
    /// ``tokenize(_:into:)`` (where a space only moves on); returns the position after the last.
    @inline(__always)
    private mutating func plainWord(at start: Int, end: Int, into tokens: inout TokenBuffer) -> Int {
        let base = bytes.baseAddress!
        var start = start
        while true {
            var hash = FoldHasher.offset
            // It stops at the line feed after the line at the latest.
            let stop = AlphanumericRun.scan(base, from: start, hash: &hash, table: folded)
            let next = base[stop]
            if next == 0xC3 { return accentedWord(at: start, end: end, into: &tokens, resuming: stop, hash: hash) }
            if next == 0x27 || next == 0xE2 { return apostropheWord(at: start, end: end, into: &tokens, resuming: stop, hash: hash) }
            guard endsWord(at: stop) else { return word(at: start, end: end, into: &tokens, resuming: stop, hash: hash) }
            let after = finishWord(start, stop, hash: hash, count: stop - start, last: base[stop - 1] | 0x20, letters: nil, into: &tokens)
            // An ASCII letter after one space starts another word. The line feed after the line stops this.
            guard base[after] == 0x20, folded[Int(base[after + 1])] >= 0x61 else { return after }
            start = after + 1
        }
    }

    /// Goes on with a word from an ASCII letter at `start` at the accented letter at `resuming` (a 0xC3 byte),
    /// with `hash` the hash of the bytes before: folds the common accented letters (U+00C0…U+00FF but æ, ß, ×
    /// and ÷) as ``word(at:end:into:resuming:hash:)`` does, and finishes a word ended like a plain one; any
    /// other is scanned again by ``word(at:end:into:resuming:hash:)``.
    private mutating func accentedWord(at start: Int, end: Int, into tokens: inout TokenBuffer, resuming: Int, hash: UInt64) -> Int {
        let base = bytes.baseAddress!
        var hash = hash
        var last = base[resuming - 1] | 0x20  // the last folded byte
        var count = resuming - start
        var lowerSeen = false  // a non-ASCII lower-case letter
        var otherLetters = 0  // non-ASCII letters
        var stop = resuming
        // A line feed follows the line: the byte after a lead byte is in the buffer.
        while base[stop] == 0xC3 {
            let second = base[stop + 1]
            let letter = second &- 0x80 < 0x40 ? latin1[Int(second &- 0x80)] : 0
            guard letter != 0, second != 0x86, second != 0xA6, second != 0x9F else { break }
            if second >= 0x9F && second != 0xB7 { lowerSeen = true }
            otherLetters += 1
            hash = (hash ^ UInt64(letter)) &* FoldHasher.prime
            last = letter
            count &+= 1
            let next = stop + 2
            stop = AlphanumericRun.scan(base, from: next, hash: &hash, table: folded)
            if stop > next {
                last = base[stop - 1] | 0x20
                count &+= stop - next
            }
        }
        guard endsWord(at: stop) else {
            return word(at: start, end: end, into: &tokens, resuming: start, hash: FoldHasher.offset)
        }
        return finishWord(start, stop, hash: hash, count: count, last: last, letters: lowerSeen ? -1 : otherLetters, into: &tokens)
    }

    /// Goes on with a word of ASCII letters and digits from `start` at an apostrophe or a 0xE2 byte at
    /// `resuming`, with `hash` the hash of the bytes before: an elided word before a letter or digit
    /// (`l'Ukraine`, `d’une`) is finished here, as ``word(at:end:into:resuming:hash:)`` would, and so is a
    /// word ended by other punctuation (`”`, `…`); any other goes on in ``word(at:end:into:resuming:hash:)``.
    private mutating func apostropheWord(at start: Int, end: Int, into tokens: inout TokenBuffer, resuming stop: Int,
                                         hash: UInt64) -> Int {
        let base = bytes.baseAddress!
        // A line feed follows the line: the bytes read after a 0x27 or a lead byte 0xE2 0x80 are in the buffer.
        let width = base[stop] == 0x27 ? 1 : base[stop + 1] == 0x80 && base[stop + 2] == 0x99 ? 3 : 0
        if width > 0 {
            let after = stop + width
            if after < end, Self.isAlphanumeric(base[after]),
               index.info((hash ^ 0x27) &* FoldHasher.prime).flags.contains(.elision) {
                return finishElision(start, after, hash, stop - start, base[start] &- 0x41 < 26, into: &tokens)
            }
        } else if endsWord(at: stop) {
            return finishWord(start, stop, hash: hash, count: stop - start, last: base[stop - 1] | 0x20, letters: nil, into: &tokens)
        }
        return word(at: start, end: end, into: &tokens, resuming: stop, hash: hash)
    }

    /// `true` when the byte at `position`, after a letter or digit, ends the word for sure: a space or
    /// punctuation other than a hyphen, an apostrophe (’ included) or a period before a letter or digit.
    @inline(__always)
    private func endsWord(at position: Int) -> Bool {
        let base = bytes.baseAddress!
        let byte = base[position]
        switch byte {
        case 0x2D, 0x27:
            return false
        case 0x2E:  // "BFMTV.com" goes on; a line feed follows the line, so the next byte is in the buffer
            let after = base[position + 1]
            return !Self.isAlphanumeric(after) && after < 0x80
        case 0x80...:
            guard let kind = Self.punctuationKind(bytes, position) else { return false }
            return kind != .other || byte != 0xE2 || base[position + 1] != 0x80 || base[position + 2] != 0x99
        default:
            return true
        }
    }

    /// Appends a word from an ASCII letter at `start` to `stop`, ended by a byte for which ``endsWord(at:)`` holds,
    /// and returns the position after it (after the period of an initial or an honorific).
    /// - Parameters:
    ///   - count: Its folded bytes.
    ///   - last: Its last folded byte.
    ///   - letters: Its non-ASCII letters, `-1` when one of them is lower case, `nil` for none.
    @inline(__always)
    private mutating func finishWord(_ start: Int, _ stop: Int, hash: UInt64, count: Int, last: UInt8, letters: Int?,
                                     into tokens: inout TokenBuffer) -> Int {
        let base = bytes.baseAddress!
        let first = base[start]
        let capitalised = first &- 0x41 < 26
        var shape: Token.Shape = []
        if capitalised {
            shape.insert(.capitalised)
            // No lower-case letter: all capitals if there are two letters or more.
            if (letters ?? 0) >= 0 && !AlphanumericRun.hasLower(bytes, start..<stop),
               (letters ?? 0) + AlphanumericRun.letters(bytes, start..<stop) >= 2 {
                shape.insert(.allCaps)
            }
        }
        return appendWord(start, stop, hash: hash, count: count, last: last, shape: shape, capitalised: capitalised,
                          initialLetter: first | 0x20, periodFollows: base[stop] == 0x2E, into: &tokens)
    }

    /// Appends a word from `start` to `stop` whose folded hash, byte count, last folded byte and shape are
    /// known; with `periodFollows`, first takes in the period of an initial ("V.") or an honorific ("M.",
    /// "Mr."). Notes the word for the date and name finders. Returns the position after the token.
    @inline(__always)
    private mutating func appendWord(_ start: Int, _ stop: Int, hash: UInt64, count: Int, last: UInt8, shape: Token.Shape,
                                     capitalised: Bool, initialLetter: UInt8, periodFollows: Bool, into tokens: inout TokenBuffer) -> Int {
        var stop = stop
        var hash = hash
        var last = last
        var shape = shape
        if periodFollows {
            let dotted = (hash ^ 0x2E) &* FoldHasher.prime
            // A capital is a letter, and letters fold to one byte or more: one folded byte is one letter.
            if capitalised && count == 1 {
                shape.insert(.initial)
                hash = dotted
                last = 0x2E
                stop += 1
            } else if index.info(dotted).flags.contains(.honorific) {
                hash = dotted
                last = 0x2E
                stop += 1
            }
        }
        if atSentenceStart { shape.insert(.sentenceStart) }
        atSentenceStart = false
        let info = index.info(hash)
        if !info.flags.isDisjoint(with: Self.dateCues) { dateCandidates.append(index: tokens.count) }
        if capitalised || !info.flags.isDisjoint(with: [.role, .nationality]) { nameCandidates.append(index: tokens.count) }
        tokens.append(Token(start: Self.offset(start), end: Self.offset(stop), kind: .word, shape: shape,
                            length: UInt16(truncatingIfNeeded: min(count, Int(UInt16.max))), initialLetter: initialLetter,
                            last: last, sentence: sentence, hash: hash, info: info))
        return stop
    }

    /// Scans a word starting at `start` (a letter); returns the position after it.
    /// - Parameters:
    ///   - resuming: Where to go on: `start`, or the end of the word's leading run of ASCII letters and
    ///     digits when ``plainWord(at:end:into:)`` has already hashed it into `hash`.
    ///   - hash: The hash of the bytes before `resuming`.
    private mutating func word(at start: Int, end: Int, into tokens: inout TokenBuffer, resuming: Int, hash: UInt64) -> Int {
        let base = bytes.baseAddress!
        // Hash state in locals keeps the per-byte loop in registers.
        var hash = hash
        var last: UInt8 = resuming > start ? base[resuming - 1] | 0x20 : 0  // the last folded byte
        var count = resuming - start
        var lowerSeen = false  // a non-ASCII lower-case letter
        var otherLetters = 0  // non-ASCII letters
        var position = resuming
        let capitalised = Folding.isUpper(bytes, at: start)
        scan: while position < end {
            // The common case: a run of ASCII letters and digits.
            // It stops at the line feed after the line at the latest.
            let stop = AlphanumericRun.scan(base, from: position, hash: &hash, table: folded)
            if stop > position {
                last = base[stop - 1] | 0x20
                count &+= stop - position
                position = stop
                if position == end { break scan }
            }
            let byte = base[position]
            if byte < 0x80 {
                // Only a hyphen, an apostrophe or a period can continue a word; anything else ends it.
                guard byte == 0x2D || byte == 0x27 || byte == 0x2E else { break }
                let next = position + 1 < end ? base[position + 1] : 0
                let nextIsWord = Self.isAlphanumeric(next) || (next >= 0xC0 && Self.punctuationKind(bytes, position + 1) == nil)
                guard nextIsWord else { break }
                switch byte {
                case 0x2D:  // inner hyphen
                    hash = (hash ^ 0x2D) &* FoldHasher.prime
                    last = 0x2D
                    count += 1
                    position += 1
                case 0x27:  // inner apostrophe
                    if let split = apostrophe(at: position, width: 1, hash: hash, end: end) {
                        if split { return finishElision(start, position + 1, hash, count, capitalised, into: &tokens) }
                        break scan
                    }
                    hash = (hash ^ 0x27) &* FoldHasher.prime
                    last = 0x27
                    count += 1
                    position += 1
                case 0x2E where next &- 0x61 < 26 && base[position - 1] >= 0x41:  // "BFMTV.com"
                    hash = (hash ^ 0x2E) &* FoldHasher.prime
                    last = 0x2E
                    count += 1
                    position += 1
                default:
                    break scan
                }
                continue
            }
            if byte == 0xC3, position + 1 < end {
                // The common accented letters (é, à, ç…: U+00C0…U+00FF), folded here rather than by ``Folding``;
                // æ, ß and the signs × ÷ take the general way below.
                let second = base[position + 1]
                let letter = second &- 0x80 < 0x40 ? latin1[Int(second &- 0x80)] : 0
                if letter != 0, second != 0x86, second != 0xA6, second != 0x9F {
                    if second >= 0x9F && second != 0xB7 { lowerSeen = true }
                    otherLetters += 1
                    hash = (hash ^ UInt64(letter)) &* FoldHasher.prime
                    last = letter
                    count &+= 1
                    position += 2
                    continue
                }
            }
            if let kind = Self.punctuationKind(bytes, position) {
                // ’ inside a word is an apostrophe.
                guard kind == .other, byte == 0xE2, position + 3 < end, bytes[position + 1] == 0x80, bytes[position + 2] == 0x99 else { break }
                let next = bytes[position + 3]
                guard Self.isAlphanumeric(next) || (next >= 0xC0 && Self.punctuationKind(bytes, position + 3) == nil) else { break }
                if let split = apostrophe(at: position, width: 3, hash: hash, end: end) {
                    if split { return finishElision(start, position + 3, hash, count, capitalised, into: &tokens) }
                    break
                }
                hash = (hash ^ 0x27) &* FoldHasher.prime
                last = 0x27
                count += 1
                position += 3
                continue
            }
            if Folding.isLower(bytes, at: position) { lowerSeen = true }
            otherLetters += 1
            var folded = FoldHasher(value: hash)
            position += Folding.fold(bytes, at: position, into: &folded)
            hash = folded.value
            last = folded.last
            count &+= folded.count
        }
        position = min(position, end)
        var shape: Token.Shape = []
        if capitalised { shape.insert(.capitalised) }
        // Looked at only now, from the bytes: most words show a lower-case letter in their first two bytes.
        if !lowerSeen && !AlphanumericRun.hasLower(bytes, start..<position) {
            // No lower-case letter: all capitals if there are two letters or more.
            let letters = otherLetters + AlphanumericRun.letters(bytes, start..<position)
            if letters >= 2 { shape.insert(.allCaps) }
        }
        return appendWord(start, position, hash: hash, count: count, last: last, shape: shape, capitalised: capitalised,
                          initialLetter: Folding.lower(base[start]), periodFollows: position < end && base[position] == 0x2E, into: &tokens)
    }

    /// At an inner apostrophe: `true` to end an elided word here (`l'`), `false` to end the word before a
    /// possessive `'s`, `nil` to keep going (`aujourd'hui`).
    private func apostrophe(at position: Int, width: Int, hash: UInt64, end: Int) -> Bool? {
        let elided = (hash ^ 0x27) &* FoldHasher.prime
        if index.info(elided).flags.contains(.elision) { return true }
        let after = position + width
        if after < end, bytes[after] | 0x20 == 0x73, after + 1 >= end || !Self.isAlphanumeric(bytes[after + 1]) && bytes[after + 1] < 0x80 {
            return false
        }
        return nil
    }

    private mutating func finishElision(_ start: Int, _ stop: Int, _ hash: UInt64, _ count: Int, _ capitalised: Bool, into tokens: inout TokenBuffer) -> Int {
        let hash = (hash ^ 0x27) &* FoldHasher.prime
        var token = Token(start: Self.offset(start), end: Self.offset(stop), kind: .word)
        token.sentence = sentence
        token.hash = hash
        token.last = 0x27
        token.length = UInt16(count + 1)
        token.initialLetter = Folding.lower(bytes[start])
        token.info = index.info(hash)
        if capitalised { token.shape.insert(.capitalised) }
        if !token.info.flags.isDisjoint(with: Self.dateCues) { dateCandidates.append(index: tokens.count) }
        if capitalised || !token.info.flags.isDisjoint(with: [.role, .nationality]) { nameCandidates.append(index: tokens.count) }
        // An elided article at a sentence start passes the start on to the next word ("L'Ukraine").
        tokens.append(token)
        return stop
    }

    /// A byte offset as stored in a ``Token``; `init` checked that every offset fits.
    @inline(__always)
    static func offset(_ position: Int) -> Int32 {
        Int32(truncatingIfNeeded: position)
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
