/// Finds quoted speech (`«…»`, `“…”`, `"…"`) and who said it.
///
/// The speaker comes from the words around the quote, in this order:
/// 1. After it, in the same sentence: a speech verb then a name (`», a déclaré V. Poutine`, `," said X`),
///    a name then a speech verb (`," Smith said`), or an inverted pronoun (`», a-t-il ajouté`).
/// 2. Before it, in the same sentence: `Selon X, «…»`, or a speech verb whose subject is a name
///    (`V. Poutine a soutenu que «…»`).
/// A pronoun, an office alone ("le président a souligné") or "selon lui" resolves to whoever was referred
/// to last: the last speaker, or the subject of a later sentence (a person named first in it, or an office
/// like "le dirigeant chinois" standing for a person introduced as "le président chinois Xi Jinping").
///
/// Kept: quotes of four words or more, and attributed quotes of two or more; single words in quotation
/// marks are emphasis, not speech.
struct QuoteFinder {
    let text: ArticleText
    /// Folded endings of inverted verbs with a pronoun subject (``LexiconIndex/invertedPronouns``).
    let invertedPronouns: [[UInt8]]
    let mentions: [EntityMention]
    let roles: [RoleReference]
    let names: [String]
    /// The entities the mentions belong to (their kind tells who can speak).
    let clusters: [EntityClusterer.Cluster]

    /// A pair of matching quotation marks.
    private struct Span {
        var open: Int
        var close: Int
    }

    func find() -> [Quote] {
        let spans = quoteSpans()
        let subjects = subjectReferences(outside: spans)
        var quotes: [Quote] = []
        // Reserved once (at most one quote per span) rather than grown; nothing reserved when there is no quote.
        if !spans.isEmpty { quotes.reserveCapacity(spans.count) }
        var lastSpeaker: (position: Int, cluster: Int)?
        var subjectCursor = 0
        var lastSubject: (position: Int, cluster: Int)?
        for span in spans {
            while subjectCursor < subjects.count, subjects[subjectCursor].position < span.open {
                lastSubject = subjects[subjectCursor]
                subjectCursor += 1
            }
            var antecedent: Int? {
                switch (lastSpeaker, lastSubject) {
                case let (speaker?, subject?): return speaker.position >= subject.position ? speaker.cluster : subject.cluster
                case let (speaker?, nil): return speaker.cluster
                case let (nil, subject?): return subject.cluster
                case (nil, nil): return nil
                }
            }
            let words = (span.open + 1..<span.close).reduce(0) { count, position in
                let token = text.tokens[position]
                let isWord = (token.kind == .word && !token.info.flags.contains(.elision)) || token.kind == .number
                return count + (isWord ? 1 : 0)
            }
            guard words >= 2 else { continue }
            var attribution = attributionAfter(span)
            if attribution == nil, words >= 4 { attribution = attributionBefore(span) }
            var speaker: Int?
            switch attribution {
            case .cluster(let cluster)?: speaker = cluster
            case .pronoun?: speaker = antecedent
            case .unnamed?, nil: speaker = nil
            }
            guard words >= 4 || attribution != nil else { continue }
            if let speaker { lastSpeaker = (span.open, speaker) }
            quotes.append(Quote(text: quoteText(span), speaker: speaker.map { names[$0] }))
        }
        return quotes
    }

    private enum Attribution {
        case cluster(Int)
        case pronoun
        case unnamed
    }

    /// Matching top-level quotation marks within one line.
    private func quoteSpans() -> [Span] {
        var spans: [Span] = []
        if text.quoteMarks.count >= 2 { spans.reserveCapacity(text.quoteMarks.count / 2) }
        let tokens = text.tokens
        var open: Int?
        var depth = 0
        var line = 0
        // Only the quotation marks matter; a line end between two of them closes everything.
        for position in text.quoteMarks.lazy.map(Int.init) {
            guard position < text.contentEnd else { break }
            if position >= text.lines[line].tokens.upperBound {
                while position >= text.lines[line].tokens.upperBound { line += 1 }
                open = nil
                depth = 0
            }
            switch tokens[position].kind {
            case .openQuote:
                if open == nil { open = position } else { depth += 1 }
            case .closeQuote:
                if depth > 0 {
                    depth -= 1
                } else if let start = open {
                    spans.append(Span(open: start, close: position))
                    open = nil
                }
            default:
                break
            }
        }
        return spans
    }

    private func quoteText(_ span: Span) -> String {
        var start = Int(text.tokens[span.open].end)
        var end = Int(text.tokens[span.close].start)
        let bytes = text.bytes
        func isSpace(_ index: Int) -> Bool {
            bytes[index] == 0x20 || (bytes[index] == 0xA0 && index > 0 && bytes[index - 1] == 0xC2)
                || (bytes[index] == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0)
                || (bytes[index] == 0xAF && index > 1 && bytes[index - 1] == 0x80 && bytes[index - 2] == 0xE2)
                || (bytes[index] == 0x80 && index > 0 && bytes[index - 1] == 0xE2 && index + 1 < bytes.count && bytes[index + 1] == 0xAF)
                || (bytes[index] == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF)
        }
        while start < end, isSpace(start) { start += 1 }
        while end > start, isSpace(end - 1) { end -= 1 }
        if end > start, bytes[end - 1] == 0x2C { end -= 1 }  // "…," said X
        return text.string(start..<end)
    }

    /// The mention starting at token `position`, if any. Every mention starts at a capitalised word (a name
    /// or an honorific, see ``EntityRecognizer``), so any other token is answered without a search.
    private func mention(at position: Int) -> EntityMention? {
        guard text.tokens[position].isCapitalisedWord else { return nil }
        return mention(at: position, byEnd: false)
    }

    /// The mention ending just before token `position`, if any.
    private func mention(endingAt position: Int) -> EntityMention? {
        mention(at: position, byEnd: true)
    }

    /// Binary search of the mentions by one bound of their token range: the start, or the end when `byEnd`.
    /// Mentions do not overlap, so they are sorted by end as well as by start. (A flag, not a key path: a key
    /// path is read through the runtime, which cost more than the search itself.)
    @inline(__always)
    private func mention(at position: Int, byEnd: Bool) -> EntityMention? {
        mentions.withUnsafeBufferPointer { mentions in
            func bound(_ index: Int) -> Int { byEnd ? mentions[index].tokens.upperBound : mentions[index].tokens.lowerBound }
            var low = 0
            var high = mentions.count
            while low < high {
                let middle = (low &+ high) >> 1
                if bound(middle) < position { low = middle + 1 } else { high = middle }
            }
            guard low < mentions.count, bound(low) == position, mentions[low].cluster >= 0 else { return nil }
            return mentions[low]
        }
    }

    private func isSpeaker(_ mention: EntityMention) -> Bool {
        clusters[mention.cluster].kind == .person || clusters[mention.cluster].kind == .organisation
    }

    private func attributionAfter(_ span: Span) -> Attribution? {
        let tokens = text.tokens
        var position = span.close + 1
        let end = text.contentEnd
        if position < end, tokens[position].kind == .comma { position += 1 }
        var scanned = 0
        while position < end, scanned < 6 {
            let token = tokens[position]
            if token.kind == .comma {
                position += 1
                continue
            }
            guard token.kind == .word else { return nil }
            if hasInvertedPronoun(token) { return .pronoun }
            if token.info.flags.contains(.attributionVerb) {
                if position + 1 < end, let mention = mention(at: position + 1), isSpeaker(mention) {
                    return .cluster(mention.cluster)
                }
                if position + 1 < end, tokens[position + 1].info.flags.contains(.pronoun) { return .pronoun }
                return .unnamed
            }
            if let mention = mention(at: position), isSpeaker(mention) {
                var after = mention.tokens.upperBound
                var skipped = 0
                while after < end, tokens[after].kind == .word, skipped <= 2 {
                    if tokens[after].info.flags.contains(.attributionVerb) { return .cluster(mention.cluster) }
                    guard tokens[after].info.flags.contains(.stopword) else { break }
                    after += 1
                    skipped += 1
                }
                return nil
            }
            if token.info.flags.contains(.pronoun), position + 1 < end {
                var after = position + 1
                while after < end, after <= position + 3, tokens[after].kind == .word {
                    if tokens[after].info.flags.contains(.attributionVerb) { return .pronoun }
                    after += 1
                }
                return nil
            }
            position += 1
            scanned += 1
        }
        return nil
    }

    private func attributionBefore(_ span: Span) -> Attribution? {
        let tokens = text.tokens
        let sentence = tokens[span.open].sentence
        var position = span.open - 1
        // "Selon lui, «…»", "According to Smith, "…"".
        var look = position
        while look >= 0, look >= span.open - 4, tokens[look].sentence == sentence {
            if tokens[look].info.flags.contains(.accordingTo) {
                var next = look + 1
                if next < span.open, tokens[next].kind == .word, tokens[next].info.flags.contains(.preposition), mention(at: next) == nil { next += 1 }
                if let mention = mention(at: next), isSpeaker(mention) { return .cluster(mention.cluster) }
                if next < span.open, tokens[next].kind == .word, tokens[next].info.flags.contains(.stopword) { return .pronoun }
                return nil
            }
            look -= 1
        }
        var steps = 0
        while position >= 0, tokens[position].sentence == sentence, !tokens[position].endsSentence, steps < 20 {
            let token = tokens[position]
            if token.kind == .closeQuote || token.kind == .openQuote {
                position -= 1
                steps += 1
                continue
            }
            if token.kind == .word, token.info.flags.contains(.attributionVerb) {
                return subject(before: position, sentence: sentence)
            }
            position -= 1
            steps += 1
        }
        return nil
    }

    /// Who does the verb at `verb`: the nearest name before it, or a pronoun or office standing for someone.
    private func subject(before verb: Int, sentence: Int32) -> Attribution {
        let tokens = text.tokens
        var position = verb - 1
        // The subject sits between the verb and the previous comma: "En évoquant X, la chaîne s'est enthousiasmée".
        while position >= 0, tokens[position].sentence == sentence, !tokens[position].endsSentence, tokens[position].kind != .comma {
            if let mention = mention(endingAt: position + 1), isSpeaker(mention) { return .cluster(mention.cluster) }
            let flags = tokens[position].info.flags
            if flags.contains(.pronoun) || flags.contains(.role) { return .pronoun }
            position -= 1
        }
        return .unnamed
    }

    /// `true` when a word ends like an inverted verb with a pronoun subject (`a-t-il`).
    private func hasInvertedPronoun(_ token: Token) -> Bool {
        let length = Int(token.end - token.start)
        for suffix in invertedPronouns where suffix.count < length {
            var matches = true
            for offset in 0..<suffix.count where text.bytes[Int(token.end) - suffix.count + offset] | 0x20 != suffix[offset] {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }

    /// Person references that are the subject of their sentence: the first in it, not after a preposition.
    private func subjectReferences(outside spans: [Span]) -> [(position: Int, cluster: Int)] {
        var subjects: [(position: Int, cluster: Int)] = []
        if !mentions.isEmpty || !roles.isEmpty { subjects.reserveCapacity(mentions.count + roles.count) }
        var spanIndex = 0
        var lastSentence: Int32 = -1
        let tokens = text.tokens
        // The person mentions and the resolved offices, in text order: both lists are in text order already,
        // so they are merged as they are read (a mention first on a tie) rather than collected and sorted.
        var mentionIndex = 0
        var roleIndex = 0
        func nextReference() -> (position: Int, cluster: Int)? {
            while mentionIndex < mentions.count, mentions[mentionIndex].cluster < 0 || clusters[mentions[mentionIndex].cluster].kind != .person {
                mentionIndex += 1
            }
            while roleIndex < roles.count, roles[roleIndex].cluster < 0 { roleIndex += 1 }
            let mention = mentionIndex < mentions.count ? mentions[mentionIndex].tokens.lowerBound : Int.max
            let role = roleIndex < roles.count ? roles[roleIndex].start : Int.max
            if mention == Int.max, role == Int.max { return nil }
            if mention <= role {
                mentionIndex += 1
                return (mention, mentions[mentionIndex - 1].cluster)
            }
            roleIndex += 1
            return (role, roles[roleIndex - 1].cluster)
        }
        while let reference = nextReference() {
            while spanIndex < spans.count, spans[spanIndex].close < reference.position { spanIndex += 1 }
            if spanIndex < spans.count, spans[spanIndex].open < reference.position { continue }
            let sentence = tokens[reference.position].sentence
            guard sentence != lastSentence else { continue }
            lastSentence = sentence
            var before = reference.position - 1
            // Skip the determiner of an office: "le dirigeant chinois".
            if before >= 0, tokens[before].kind == .word, tokens[before].info.flags.contains(.stopword), !tokens[before].info.flags.contains(.preposition) {
                before -= 1
            }
            if before >= 0, tokens[before].kind == .word, tokens[before].info.flags.contains(.preposition) { continue }
            subjects.append(reference)
        }
        return subjects
    }
}
