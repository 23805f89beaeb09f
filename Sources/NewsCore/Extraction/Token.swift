/// One word, number or punctuation mark of an ``ArticleText``: byte offsets plus what the lexicon knows.
///
/// No `String` is made per token: text is only materialised for the few spans that reach the output.
struct Token: Sendable {
    /// What a token is.
    enum Kind: UInt8, Sendable {
        case word, number
        /// `«`, `“`, `„`.
        case openQuote
        /// `»`, `”`.
        case closeQuote
        /// `"`, opening or closing by position.
        case straightQuote
        /// `.`, `!`, `?`, `…`.
        case sentenceEnd
        /// The end of a title, paragraph or boilerplate line.
        case lineEnd
        case comma, colon
        /// Any other punctuation or symbol.
        case other
    }

    /// How a word is written.
    struct Shape: OptionSet, Sendable {
        let rawValue: UInt8
        /// The first letter is upper case.
        static let capitalised = Shape(rawValue: 1 << 0)
        /// At least two letters, none lower case.
        static let allCaps = Shape(rawValue: 1 << 1)
        /// A single capital letter with its period (`V.`).
        static let initial = Shape(rawValue: 1 << 2)
        /// The first word of a sentence, a line or a quotation.
        static let sentenceStart = Shape(rawValue: 1 << 3)
        /// A hashtag or handle (`#Libération_Palestine`): never a name.
        static let tag = Shape(rawValue: 1 << 4)
    }

    /// The first byte in ``ArticleText/bytes``.
    var start: Int32
    /// One past the last byte.
    var end: Int32
    var kind: Kind
    var shape: Shape = []
    /// The number of folded bytes (letters, roughly).
    var length: UInt16 = 0
    /// The first folded byte (`v` for "V.", "Vladimir").
    var initialLetter: UInt8 = 0
    /// The last folded byte of ``hash``'s key (`s` for "relations", `.` for "M."); 0 for a number.
    var last: UInt8 = 0
    /// The index of the sentence the token belongs to.
    var sentence: Int32 = 0
    /// The value of a number's leading digits (-1 when not a number or too long).
    var number: Int32 = -1
    /// The folded hash of a word (``FoldHasher``); of a number's letter suffix (`er` in "1er").
    var hash: UInt64 = 0
    /// What the lexicon knows about the word.
    var info = WordInfo()

    @inline(__always) var isWord: Bool { kind == .word }
    @inline(__always) var isCapitalisedWord: Bool { kind == .word && shape.contains(.capitalised) && !shape.contains(.tag) }
    @inline(__always) func has(_ flags: WordInfo.Flags) -> Bool { !info.flags.isDisjoint(with: flags) }
    /// `true` for punctuation that ends a sentence or a line.
    @inline(__always) var endsSentence: Bool { kind == .sentenceEnd || kind == .lineEnd }
    /// A number of digits only (no suffix, no separator), with its digit count in ``length``.
    var isPlainNumber: Bool { kind == .number && hash == 0 && number >= 0 }
}
