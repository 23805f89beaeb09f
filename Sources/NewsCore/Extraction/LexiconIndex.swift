/// One or more ``ExtractionLexicon``s compiled into hash tables keyed by folded words and phrases.
///
/// Built once per language (static), then only read: tokenizing an article looks each word up once.
struct LexiconIndex: Sendable {
    /// Single words.
    private(set) var words = HashTable<WordInfo>(capacity: 1024)
    /// Phrases of two or more words, keyed by ``FoldHasher/combine(_:_:)`` of their word hashes.
    private(set) var phrases = HashTable<PhraseInfo>(capacity: 128)
    /// Gazetteer and agency entries.
    private(set) var entries: [LexiconEntry] = []
    /// Folded endings of inverted verbs with a pronoun subject (`-t-il`), longest first.
    private(set) var invertedPronouns: [[UInt8]] = []

    /// ``words`` frozen for lookups without reference counting.
    private(set) var wordLookup: FrozenHashTable<WordInfo>
    /// ``phrases`` frozen for lookups without reference counting.
    private(set) var phraseLookup: FrozenHashTable<PhraseInfo>

    /// What the lexicon knows about a folded word hash.
    @inline(__always)
    func info(_ hash: UInt64) -> WordInfo {
        wordLookup.value(hash)
    }

    /// The index for a language code; unknown or undetermined languages get every lexicon merged.
    static func forLanguage(_ code: String) -> LexiconIndex {
        byLanguage[code] ?? merged
    }

    static let merged = LexiconIndex(ExtractionLexicon.all)
    static let byLanguage: [String: LexiconIndex] = Dictionary(
        uniqueKeysWithValues: ExtractionLexicon.all.map { ($0.language, LexiconIndex([$0])) }
    )

    /// Compiles lexicons into one index.
    init(_ lexicons: [ExtractionLexicon]) {
        wordLookup = HashTable<WordInfo>(capacity: 1).frozen(empty: WordInfo())
        phraseLookup = HashTable<PhraseInfo>(capacity: 1).frozen(empty: PhraseInfo(length: 0))
        // Elisions first: phrases containing "l'" are split with them.
        for lexicon in lexicons {
            add(lexicon.elisions, [.elision, .stopword])
        }
        for lexicon in lexicons {
            for (month, names) in lexicon.months.enumerated() {
                var info = WordInfo(flags: [.month])
                info.month = Int8(month + 1)
                add([names], info)
            }
            for (day, names) in lexicon.weekdays.enumerated() {
                var info = WordInfo(flags: [.weekday])
                info.weekday = Int8(day)
                add([names], info)
            }
            for (season, names) in lexicon.seasons.enumerated() {
                var info = WordInfo(flags: [.season])
                info.season = Int8(season)
                add([names], info)
            }
            for (word, offset) in lexicon.relativeDays {
                var info = WordInfo(flags: [.relativeDay])
                info.relativeDay = Int8(offset)
                add([word], info)
            }
            for (phrase, offset) in lexicon.relativeYears {
                addPhrase(phrase, PhraseInfo(length: 0, relativeYear: Int8(offset)))
            }
            add(lexicon.thisMarkers, [.thisMarker])
            add(lexicon.pastMarkers, [.pastMarker])
            add(lexicon.nextMarkers, [.nextMarker])
            add(lexicon.monthCues, [.monthCue])
            add(lexicon.ordinalSuffixes, [.ordinalSuffix])
            add(lexicon.quantityWords, [.quantity])
            add(lexicon.honorifics, [.honorific])
            add(lexicon.roles, [.role])
            add(lexicon.nationalities, [.nationality])
            add(lexicon.givenNames, [.givenName])
            add(lexicon.locatives, [.locative])
            add(lexicon.prepositions, [.preposition])
            add(lexicon.notNames, [.notName])
            add(lexicon.nameLinks, [.nameLink])
            add(lexicon.organisationCues, [.organisationCue])
            add(lexicon.attributionVerbs, [.attributionVerb])
            add(lexicon.pronouns, [.pronoun])
            invertedPronouns += lexicon.invertedPronouns.map { Array($0.utf8) }
            add(lexicon.accordingTo, [.accordingTo])
            add(lexicon.bylinePrefixes, [.bylinePrefix])
            add(lexicon.bylineJoiners, [.bylineJoiner])
            add(lexicon.stopwords, [.stopword])
            for footer in lexicon.outletFooters {
                addPhrase(footer, PhraseInfo(length: 0, outletFooter: true))
            }
            addEntries(lexicon.places, kind: .place, agency: false)
            addEntries(lexicon.organisations, kind: .organisation, agency: false)
            addEntries(lexicon.agencies, kind: .organisation, agency: true)
        }
        invertedPronouns.sort { $0.count > $1.count }
        // Built once per language for the life of the process (static), so the frozen copies are never freed.
        wordLookup = words.frozen(empty: WordInfo())
        phraseLookup = phrases.frozen(empty: PhraseInfo(length: 0))
    }

    private mutating func add(_ names: [String], _ flags: WordInfo.Flags) {
        add(names, WordInfo(flags: flags))
    }

    /// Adds each `|`-separated spelling of each name.
    private mutating func add(_ names: [String], _ info: WordInfo) {
        for name in names {
            for spelling in name.split(separator: "|") {
                let words = wordHashes(String(spelling))
                if words.count == 1 {
                    self.words.insert(words[0], info) { $0.merge($1) }
                } else if words.count > 1 {
                    // A multi-word cue ("cette année"): known only as a phrase without payload.
                    addPhrase(String(spelling), PhraseInfo(length: 0))
                }
            }
        }
    }

    private mutating func addEntries(_ names: [String], kind: Entity.Kind, agency: Bool) {
        for line in names {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            let alias = parts[0]
            let canonical = parts.count > 1 ? parts[1] : alias
            let index: Int32
            if let existing = entries.firstIndex(where: { $0.name == canonical && $0.kind == kind }) {
                index = Int32(existing)
                if agency { entries[existing].isAgency = true }
            } else {
                index = Int32(entries.count)
                entries.append(LexiconEntry(kind: kind, name: canonical, isAgency: agency))
            }
            let letters = alias.unicodeScalars.filter(\.properties.isAlphabetic)
            let acronym = letters.count >= 2 && letters.allSatisfy(\.properties.isUppercase)
            let words = wordHashes(alias)
            if words.count == 1 {
                var info = WordInfo(flags: acronym ? [.entity, .acronym] : [.entity])
                info.entry = index
                self.words.insert(words[0], info) { $0.merge($1) }
            } else {
                var capitals: UInt16 = 0
                for (position, word) in alias.split(separator: " ").enumerated() where position < 16 {
                    if word.first?.isUppercase == true { capitals |= 1 << UInt16(position) }
                }
                addPhrase(alias, PhraseInfo(length: 0, entry: index, acronym: acronym, capitals: capitals))
            }
        }
    }

    private mutating func addPhrase(_ phrase: String, _ info: PhraseInfo) {
        let words = wordHashes(phrase)
        guard words.count > 1, words.count < 16 else { return }
        var info = info
        info.length = UInt8(words.count)
        var key = FoldHasher.offset
        for word in words { key = FoldHasher.combine(key, word) }
        phrases.insert(key, info) { old, new in
            if old.entry < 0 { old.entry = new.entry }
            if old.relativeYear == nil { old.relativeYear = new.relativeYear }
            old.outletFooter = old.outletFooter || new.outletFooter
        }
        var flags: WordInfo.Flags = [.phraseStart]
        if info.entry >= 0 { flags.insert(.entityPhraseStart) }
        if info.relativeYear != nil { flags.insert(.datePhraseStart) }
        var start = WordInfo(flags: flags)
        start.phraseLength = UInt8(words.count)
        self.words.insert(words[0], start) { $0.merge($1) }
    }

    /// The folded hashes of a phrase's words, split as the tokenizer splits them (spaces, elisions).
    private func wordHashes(_ phrase: String) -> [UInt64] {
        var hashes: [UInt64] = []
        for word in phrase.split(separator: " ") {
            let word = String(word).replacingApostrophes()
            if let apostrophe = word.firstIndex(of: "'"), apostrophe != word.startIndex {
                let head = String(word[...apostrophe])
                let tail = String(word[word.index(after: apostrophe)...])
                if !tail.isEmpty, words[FoldHasher.hash(head)]?.flags.contains(.elision) == true {
                    hashes.append(FoldHasher.hash(head))
                    hashes.append(FoldHasher.hash(tail))
                    continue
                }
            }
            hashes.append(FoldHasher.hash(word))
        }
        return hashes
    }
}

extension String {
    /// The text with typographic apostrophes made straight.
    fileprivate func replacingApostrophes() -> String {
        String(unicodeScalars.map { $0 == "\u{2019}" ? "'" : Character($0) })
    }
}
