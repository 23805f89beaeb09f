/// What the lexicon knows about one folded word: its roles as flags, and the values some roles carry.
struct WordInfo: Sendable {
    /// The roles a word plays.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt32
        static let stopword = Flags(rawValue: 1 << 0)
        static let notName = Flags(rawValue: 1 << 1)
        static let honorific = Flags(rawValue: 1 << 2)
        static let role = Flags(rawValue: 1 << 3)
        static let nationality = Flags(rawValue: 1 << 4)
        static let givenName = Flags(rawValue: 1 << 5)
        static let locative = Flags(rawValue: 1 << 6)
        static let preposition = Flags(rawValue: 1 << 7)
        static let attributionVerb = Flags(rawValue: 1 << 8)
        static let pronoun = Flags(rawValue: 1 << 9)
        static let accordingTo = Flags(rawValue: 1 << 10)
        static let bylinePrefix = Flags(rawValue: 1 << 11)
        static let bylineJoiner = Flags(rawValue: 1 << 12)
        static let elision = Flags(rawValue: 1 << 13)
        static let month = Flags(rawValue: 1 << 14)
        static let weekday = Flags(rawValue: 1 << 15)
        static let season = Flags(rawValue: 1 << 16)
        static let relativeDay = Flags(rawValue: 1 << 17)
        static let thisMarker = Flags(rawValue: 1 << 18)
        static let pastMarker = Flags(rawValue: 1 << 19)
        static let nextMarker = Flags(rawValue: 1 << 20)
        static let monthCue = Flags(rawValue: 1 << 21)
        static let ordinalSuffix = Flags(rawValue: 1 << 22)
        static let quantity = Flags(rawValue: 1 << 23)
        static let nameLink = Flags(rawValue: 1 << 24)
        /// A one-word gazetteer or agency entry; see ``WordInfo/entry``.
        static let entity = Flags(rawValue: 1 << 25)
        /// The entry only matches a word written in capitals.
        static let acronym = Flags(rawValue: 1 << 26)
        /// Some phrase of the lexicon starts with this word; see ``WordInfo/phraseLength``.
        static let phraseStart = Flags(rawValue: 1 << 27)
        static let organisationCue = Flags(rawValue: 1 << 28)
        /// Some gazetteer or agency phrase starts with this word.
        static let entityPhraseStart = Flags(rawValue: 1 << 29)
        /// Some relative-year phrase starts with this word (`l'année dernière`).
        static let datePhraseStart = Flags(rawValue: 1 << 30)

        /// Words that are never keywords.
        static let notKeyword: Flags = [.stopword, .honorific, .month, .weekday, .relativeDay, .attributionVerb, .pronoun,
                                        .thisMarker, .pastMarker, .nextMarker, .elision, .ordinalSuffix, .locative, .preposition]
        /// Words that never start a name on their own.
        static let neverName: Flags = [.stopword, .notName, .role, .nationality, .month, .weekday, .season, .relativeDay,
                                       .attributionVerb, .pronoun, .elision, .bylinePrefix]
    }

    var flags: Flags = []
    /// The values below, packed into one word so that a ``Token`` carrying its ``WordInfo`` stays at 40
    /// bytes and the lexicon's table of them at 8 bytes a slot (the tokenizer reads one per word, the
    /// finders scan the tokens): month in bits 0-3, weekday 4-6, season 7-8, relative day 9-12, phrase
    /// length 13-17, entry plus 1 in 18-31. All zero is the empty value (entry -1).
    private var details: UInt32 = 0

    /// The month 1…12 (``Flags/month``).
    var month: Int8 {
        get { Int8(truncatingIfNeeded: field(0, 4)) }
        set { setField(0, 4, Int(newValue)) }
    }
    /// The weekday 0…6, Monday first (``Flags/weekday``).
    var weekday: Int8 {
        get { Int8(truncatingIfNeeded: field(4, 3)) }
        set { setField(4, 3, Int(newValue)) }
    }
    /// The season 0…3 (``Flags/season``).
    var season: Int8 {
        get { Int8(truncatingIfNeeded: field(7, 2)) }
        set { setField(7, 2, Int(newValue)) }
    }
    /// Days from publication, -8…7 (``Flags/relativeDay``), stored as four bits of two's complement.
    var relativeDay: Int8 {
        get { Int8(bitPattern: UInt8(truncatingIfNeeded: field(9, 4) << 4)) >> 4 }
        set {
            precondition(newValue >= -8 && newValue <= 7, "relative day \(newValue) does not fit its 4-bit field")
            setField(9, 4, Int(newValue) & 0xF)
        }
    }
    /// The longest phrase starting here, in words, at most 31 (``Flags/phraseStart``).
    var phraseLength: UInt8 {
        get { UInt8(truncatingIfNeeded: field(13, 5)) }
        set { setField(13, 5, Int(newValue)) }
    }
    /// The index of the gazetteer entry in ``LexiconIndex/entries`` (``Flags/entity``), else -1; at most
    /// 16,382.
    var entry: Int32 {
        get { Int32(truncatingIfNeeded: field(18, 14)) - 1 }
        set { setField(18, 14, Int(newValue) + 1) }
    }

    init(flags: Flags = []) {
        self.flags = flags
    }

    @inline(__always)
    private func field(_ shift: UInt32, _ width: UInt32) -> UInt32 {
        details >> shift & (1 << width - 1)
    }

    /// Sets a field; the lexicon is built once, from data checked here.
    private mutating func setField(_ shift: UInt32, _ width: UInt32, _ value: Int) {
        precondition(value >= 0 && value < 1 << Int(width), "lexicon value \(value) does not fit its \(width)-bit field")
        details = details & ~((1 << width - 1) << shift) | UInt32(value) << shift
    }

    /// Adds what `other` knows, keeping values already set.
    mutating func merge(_ other: WordInfo) {
        flags.formUnion(other.flags)
        if other.flags.contains(.month) { month = other.month }
        if other.flags.contains(.weekday) { weekday = other.weekday }
        if other.flags.contains(.season) { season = other.season }
        if other.flags.contains(.relativeDay) { relativeDay = other.relativeDay }
        phraseLength = max(phraseLength, other.phraseLength)
        if entry < 0 { entry = other.entry }
    }
}

/// What the lexicon knows about a phrase of several words.
struct PhraseInfo: Sendable {
    /// The number of words.
    var length: UInt8
    /// The gazetteer entry the phrase names, or -1.
    var entry: Int32 = -1
    /// The phrase names a year relative to publication (`l'année dernière`).
    var relativeYear: Int8?
    /// The phrase starts a footer naming the original outlet.
    var outletFooter = false
    /// The entry only matches words written in capitals.
    var acronym = false
    /// Bit *n* set: word *n* of the entry is capitalised and must be in the text ("Le Monde", not "le monde").
    var capitals: UInt16 = 0
}

/// A place, organisation or agency of the gazetteer.
struct LexiconEntry: Sendable {
    /// The kind of entity.
    var kind: Entity.Kind
    /// The canonical name.
    var name: String
    /// The entry is a news agency.
    var isAgency: Bool
}
