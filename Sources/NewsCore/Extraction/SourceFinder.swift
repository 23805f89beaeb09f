/// Finds who an article credits: news agencies, the byline and the original outlet.
///
/// - Agencies: any agency of the lexicon named in the title, paragraphs (as an entity mention) or boilerplate (bylines, photo
///   credits like "ALEXEI DRUZHININ/AFP", "selon l'AFP", "rapporte l'agence Chine nouvelle"), canonical
///   names (`Chine nouvelle` → `Xinhua`), in order of first mention. Acronyms must be written in capitals.
/// - Byline: a short line (≤ 8 words, no sentence punctuation) starting with a byline word (`Par`, `By`).
///   "Par euronews avec AFP" also gives the outlet `euronews` when the first credited name is one word that
///   is not a given name or an agency.
/// - Outlet: the rest of a footer line such as "Article original publié sur BFMTV.com".
struct SourceFinder {
    let text: ArticleText
    /// The lexicon's gazetteer and agency entries (``LexiconIndex/entries``): all a finder reads of the index
    /// besides the tokens, held alone so that making the finder retains one array, not the whole index.
    let entries: [LexiconEntry]

    struct Result {
        var agencies: [String] = []
        var byline: String?
        var outlet: String?
    }

    /// Finds the credits.
    /// - Parameter mentions: The entity mentions of title and paragraphs: agencies named there are among them.
    func find(mentions: [EntityMention]) -> Result {
        var result = Result()
        let tokens = text.tokens
        var agencyEntries: [Int32] = []
        func credit(_ entry: Int32) {
            if entries[Int(entry)].isAgency, !agencyEntries.contains(entry) { agencyEntries.append(entry) }
        }
        for mention in mentions where mention.entry >= 0 { credit(mention.entry) }
        var position = text.contentEnd
        while position < tokens.count {
            let token = tokens[position]
            guard token.kind == .word else {
                position += 1
                continue
            }
            if token.info.flags.contains(.entityPhraseStart), let phrase = text.phrase(at: position, end: tokens.count),
               phrase.entry >= 0, !phrase.acronym || token.shape.contains(.allCaps) {
                credit(phrase.entry)
                position += Int(phrase.length)
                continue
            }
            if token.info.flags.contains(.entity), !token.info.flags.contains(.acronym) || token.shape.contains(.allCaps) {
                credit(token.info.entry)
            }
            position += 1
        }
        result.agencies = agencyEntries.map { entries[Int($0)].name }

        for line in text.lines where line.part != .title {
            let first = line.tokens.lowerBound
            guard first < line.tokens.upperBound, tokens[first].kind == .word else { continue }
            if result.byline == nil, isByline(line) {
                result.byline = text.string(line.bytes).trimmingSpaces()
                if result.outlet == nil { result.outlet = bylineOutlet(line) }
            }
            if let phrase = text.phrase(at: first, end: line.tokens.upperBound), phrase.outletFooter {
                let rest = first + Int(phrase.length)
                guard rest < line.tokens.upperBound, tokens[rest].kind != .lineEnd else { continue }
                let outlet = text.string(Int(tokens[rest].start)..<line.bytes.upperBound).trimmingSpaces()
                if !outlet.isEmpty { result.outlet = outlet }
            }
        }
        return result
    }

    private func isByline(_ line: ArticleText.Line) -> Bool {
        let tokens = text.tokens
        let first = tokens[line.tokens.lowerBound]
        guard first.info.flags.contains(.bylinePrefix), first.shape.contains(.capitalised) else { return false }
        var words = 0
        for position in line.tokens {
            switch tokens[position].kind {
            case .word: words += 1
            case .sentenceEnd, .comma, .colon, .openQuote, .closeQuote: return false
            default: break
            }
        }
        return words >= 2 && words <= 8
    }

    /// "Par euronews avec AFP" → "euronews".
    private func bylineOutlet(_ line: ArticleText.Line) -> String? {
        let tokens = text.tokens
        let start = line.tokens.lowerBound + 1
        var stop = start
        while stop < line.tokens.upperBound, tokens[stop].kind == .word, !tokens[stop].info.flags.contains(.bylineJoiner) { stop += 1 }
        guard stop == start + 1, stop < line.tokens.upperBound, tokens[stop].info.flags.contains(.bylineJoiner) else { return nil }
        let name = tokens[start]
        guard !name.info.flags.contains(.givenName), !name.info.flags.contains(.entity) || !entries[Int(name.info.entry)].isAgency else {
            return nil
        }
        return text.string(Int(name.start)..<Int(name.end))
    }
}

extension String {
    /// The text without surrounding spaces and trailing periods.
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace || last == "." { scalars.removeLast() }
        return String(scalars)
    }
}
