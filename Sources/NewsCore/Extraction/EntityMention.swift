/// One place in the text where a person, place or organisation is named.
struct EntityMention: Sendable {
    /// The tokens as written, honorific included (`M. Poutine`).
    var tokens: Range<Int>
    /// The tokens of the name itself (`Poutine`).
    var name: Range<Int>
    /// The kind, or `nil` while only the name's shape is known (a capitalised word with no other cue).
    var kind: Entity.Kind?
    /// The gazetteer entry, or -1.
    var entry: Int32 = -1
    /// A preposition of place comes before (`à`, `en`, `in`).
    var afterLocative = false
    /// The cluster (entity) the mention belongs to, once resolved; -1 when dropped.
    var cluster = -1
    /// Folded hash of the first name word that is not an initial.
    var firstWord: UInt64 = 0
    /// Folded hash of the last name word.
    var lastWord: UInt64 = 0
    /// Combined hash of all name words but initials.
    var key: UInt64 = 0
    /// The number of name words, initials left out.
    var wordCount = 0
    /// The first folded letter of the name (of its initial, if it starts with one).
    var letter: UInt8 = 0
    /// The name starts with an initial (`V. Poutine`).
    var startsWithInitial = false

    /// Fills the name keys from the tokens.
    mutating func computeKeys(_ tokens: UnsafeBufferPointer<Token>) {
        key = FoldHasher.offset
        wordCount = 0
        for position in name where !tokens[position].shape.contains(.initial) {
            let hash = tokens[position].hash
            if wordCount == 0 { firstWord = hash }
            lastWord = hash
            key = FoldHasher.combine(key, hash)
            wordCount += 1
        }
        letter = tokens[name.lowerBound].initialLetter
        startsWithInitial = tokens[name.lowerBound].shape.contains(.initial)
    }
}

/// An office and nationality that stands for a person: "le président chinois", "the Russian president".
///
/// Followed by a name it *introduces* the person ("le président chinois Xi Jinping"); alone it *refers*
/// back to the person introduced that way, which resolves who speaks in "le dirigeant chinois a salué «…»".
struct RoleReference: Sendable {
    /// The first token of the phrase.
    var start: Int
    /// The token after the phrase.
    var end: Int
    /// The folded first letters of the nationality, equal for "chinois" and "chinoise".
    var nationality: UInt64
    /// The person cluster, once resolved; -1 when unknown.
    var cluster = -1
}
