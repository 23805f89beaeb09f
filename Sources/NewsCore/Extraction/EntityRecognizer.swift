/// Finds the names in an article's title and paragraphs and what kind of entity each is.
///
/// Rules, in order of precedence, all driven by ``ExtractionLexicon`` data:
/// 1. A gazetteer phrase or word (`Conseil de sécurité`, `Moscou`, `OTAN`); organisations take a
///    following nationality or "de <place>" (`Conseil de sécurité russe`).
/// 2. A run of capitalised words (initials included) is a person when an honorific precedes it (`M.`),
///    it starts with a known given name and has a surname, an office precedes it (`le président russe X`),
///    an office follows it after a comma (`X, secrétaire du…`), or a speech verb is next to it (`said X`).
/// 3. A lone capital word after an organisation cue (`le groupe X`) is an organisation; an acronym too.
/// 4. Anything else capitalised is kept as an unresolved name: ``EntityClusterer`` merges it into a known
///    person (`Poutine` → `Vladimir Poutine`), makes it a place after `à`/`en`/`in`, or drops it.
/// Words of the stopword and not-a-name lists never start a name, which silences sentence-initial words.
struct EntityRecognizer {
    let text: ArticleText
    /// The lexicon's gazetteer and agency entries (``LexiconIndex/entries``): all a finder reads of the index
    /// besides the tokens, held alone so that making the finder retains one array, not the whole index.
    let entries: [LexiconEntry]
    private let neverName = WordInfo.Flags.neverName

    /// The mentions and role references, in text order.
    func recognize() -> (mentions: [EntityMention], roles: [RoleReference]) {
        let tokens = text.tokens
        let end = text.contentEnd
        var mentions: [EntityMention] = []
        var roles: [RoleReference] = []
        mentions.reserveCapacity(64)
        var position = 0
        // Only capitalised words and offices can start anything; a mention skips the words it takes.
        for candidate in text.nameCandidates.lazy.map(Int.init) {
            guard candidate < end else { break }
            guard candidate >= position else { continue }
            position = candidate
            let token = tokens[position]
            if token.info.flags.contains(.role) || token.info.flags.contains(.nationality), let role = roleReference(at: position, end: end) {
                // Reserved at the first role: most articles have a few, growing one by one cost several copies.
                if roles.isEmpty { roles.reserveCapacity(16) }
                roles.append(role)
            }
            guard token.isCapitalisedWord else {
                position += 1
                continue
            }
            // 1. Gazetteer.
            if token.info.flags.contains(.entityPhraseStart), let phrase = text.phrase(at: position, end: end), phrase.entry >= 0,
               !phrase.acronym || token.shape.contains(.allCaps) {
                let stop = position + Int(phrase.length)
                mentions.append(gazetteerMention(position, stop, entry: phrase.entry, end: end))
                position = mentions[mentions.count - 1].tokens.upperBound
                continue
            }
            let flags = token.info.flags
            if flags.contains(.entity), !flags.contains(.acronym) || token.shape.contains(.allCaps) {
                mentions.append(gazetteerMention(position, position + 1, entry: token.info.entry, end: end))
                position = mentions[mentions.count - 1].tokens.upperBound
                continue
            }
            // 2.–4. A run of capitalised words, after an optional honorific.
            var start = position
            let honorific = flags.contains(.honorific)
            if honorific {
                guard position + 1 < end, isNameWord(tokens[position + 1], first: true) else {
                    position += 1
                    continue
                }
                start = position + 1
            } else if !isNameWord(token, first: true) {
                position += 1
                continue
            }
            var stop = start + 1
            while stop < end, isNameWord(tokens[stop], first: false) { stop += 1 }
            let lead = tokens[start]
            if !honorific, stop - start >= 2, lead.shape.contains(.sentenceStart),
               !lead.info.flags.contains(.givenName), !lead.shape.contains(.initial) {
                // A capital that only marks a sentence start: "Pourtant Vladimir Poutine".
                start += 1
            }
            if let mention = classify(name: start..<stop, honorific: honorific ? position : nil, end: end) {
                mentions.append(mention)
            }
            position = stop
        }
        for index in mentions.indices { mentions[index].computeKeys(tokens) }
        return (mentions, roles)
    }

    /// `true` for a word that can be part of a name run.
    private func isNameWord(_ token: Token, first: Bool) -> Bool {
        guard token.isCapitalisedWord else { return false }
        let flags = token.info.flags
        if token.shape.contains(.initial) { return true }
        if flags.contains(.honorific) || flags.contains(.entity) { return false }
        if !first, token.shape.contains(.sentenceStart) { return false }
        return flags.isDisjoint(with: neverName) || (flags.contains(.givenName) && !flags.contains(.stopword))
    }

    private func gazetteerMention(_ start: Int, _ stop: Int, entry: Int32, end: Int) -> EntityMention {
        let tokens = text.tokens
        let kind = entries[Int(entry)].kind
        var mention = EntityMention(tokens: start..<stop, name: start..<stop, kind: kind, entry: entry)
        mention.afterLocative = start > 0 && tokens[start - 1].info.flags.contains(.locative)
        guard kind == .organisation, stop < end else { return mention }
        // "Conseil de sécurité russe", "Conseil national de sécurité de Mongolie".
        let next = tokens[stop]
        if next.kind == .word, next.info.flags.contains(.nationality), !next.shape.contains(.capitalised) {
            mention.tokens = start..<stop + 1
            mention.name = mention.tokens
            mention.entry = -1
        } else if next.kind == .word, next.info.flags.contains(.nameLink), stop + 1 < end {
            let place = tokens[stop + 1]
            if place.isCapitalisedWord, place.info.flags.contains(.entity), entries[Int(place.info.entry)].kind == .place {
                mention.tokens = start..<stop + 2
                mention.name = mention.tokens
                mention.entry = -1
            }
        }
        return mention
    }

    /// Decides what a run of capitalised words is.
    private func classify(name: Range<Int>, honorific: Int?, end: Int) -> EntityMention? {
        let tokens = text.tokens
        // The name's words other than initials: how many, and the last.
        var wordCount = 0
        var lastWord = name.lowerBound
        for position in name where !tokens[position].shape.contains(.initial) {
            wordCount += 1
            lastWord = position
        }
        guard wordCount > 0 else { return nil }
        var mention = EntityMention(tokens: (honorific ?? name.lowerBound)..<name.upperBound, name: name, kind: nil)
        let first = tokens[name.lowerBound]
        let before = name.lowerBound - 1
        mention.afterLocative = before >= 0 && tokens[before].kind == .word && tokens[before].info.flags.contains(.locative)
        let cue = cueBefore(name.lowerBound)
        var person = honorific != nil
        person = person || (wordCount >= 2 && first.info.flags.contains(.givenName))
        person = person || (first.shape.contains(.initial) && lastWord > name.lowerBound)
        person = person || cue == .person || isAppositionRole(after: name.upperBound, end: end)
        person = person || isSpeechNeighbour(name, end: end)
        if person {
            mention.kind = .person
            return mention
        }
        if cue == .organisation {
            mention.kind = .organisation
            return mention
        }
        if name.count == 1, first.shape.contains(.allCaps), first.length <= 6 {
            mention.kind = .organisation
            return mention
        }
        return mention
    }

    private enum Cue { case person, organisation }

    /// An office or organisation noun just before a name, skipping nationalities: "le président russe ▸X".
    private func cueBefore(_ start: Int) -> Cue? {
        let tokens = text.tokens
        var position = start - 1
        var skipped = 0
        while position >= 0, tokens[position].kind == .word, skipped < 3 {
            let flags = tokens[position].info.flags
            if flags.contains(.role) { return .person }
            if flags.contains(.organisationCue) { return .organisation }
            if flags.contains(.nationality) {
                // "Le Chinois Xi Jinping": a capitalised nationality noun works as an office.
                if tokens[position].shape.contains(.capitalised), skipped == 0, !tokens[position].shape.contains(.sentenceStart) || position + 1 == start {
                    return .person
                }
                position -= 1
                skipped += 1
                continue
            }
            return nil
        }
        return nil
    }

    /// "X, secrétaire du Conseil…", "X, the spokesman".
    private func isAppositionRole(after stop: Int, end: Int) -> Bool {
        let tokens = text.tokens
        guard stop + 1 < end, tokens[stop].kind == .comma else { return false }
        var position = stop + 1
        if tokens[position].kind == .word, tokens[position].info.flags.contains(.stopword), position + 1 < end { position += 1 }
        return tokens[position].kind == .word && tokens[position].info.flags.contains(.role)
    }

    /// "said X", "a déclaré X", "X said", "X a déclaré".
    private func isSpeechNeighbour(_ name: Range<Int>, end: Int) -> Bool {
        let tokens = text.tokens
        if name.lowerBound > 0, tokens[name.lowerBound - 1].info.flags.contains(.attributionVerb) { return true }
        var position = name.upperBound
        var skipped = 0
        while position < end, tokens[position].kind == .word, skipped <= 2 {
            if tokens[position].info.flags.contains(.attributionVerb) { return true }
            guard tokens[position].info.flags.contains(.stopword) else { return false }
            position += 1
            skipped += 1
        }
        return false
    }

    /// An office with a nationality at `start`: "président russe", "Chinese leader".
    private func roleReference(at start: Int, end: Int) -> RoleReference? {
        let tokens = text.tokens
        guard start + 1 < end, tokens[start + 1].kind == .word else { return nil }
        let first = tokens[start].info.flags
        let second = tokens[start + 1].info.flags
        let nationality: Int
        if first.contains(.role), second.contains(.nationality) {
            nationality = start + 1
        } else if first.contains(.nationality), second.contains(.role) {
            nationality = start
        } else {
            return nil
        }
        return RoleReference(start: start, end: start + 2, nationality: prefixKey(nationality))
    }

    /// The hash of a word's first four folded letters.
    private func prefixKey(_ position: Int) -> UInt64 {
        let token = text.tokens[position]
        var hasher = FoldHasher()
        var index = Int(token.start)
        var letters = 0
        while index < Int(token.end), letters < 4 {
            index += Folding.fold(text.bytes, at: index, into: &hasher)
            letters += 1
        }
        return hasher.value
    }
}
