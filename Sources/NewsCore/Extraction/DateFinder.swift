/// Finds the dates an article mentions and normalises them.
///
/// Recognised, in every language of the lexicon: day–month–year (`4 février 2022`, `March 4, 2022`,
/// `1er mars`), month–year (`février 2022`), a cued bare month (`en mars`, `in March`), ISO dates
/// (`2022-02-04`), seasons with a year or a relative marker (`au printemps 2023`, `next spring`), years
/// (`en 2020`, unless a quantity follows: `2024 dollars`), relative years (`l'année dernière`), relative
/// days (`hier`, `yesterday`) and weekdays (`ce vendredi`, `mardi`, `last Tuesday`).
///
/// Resolution against the publication date:
/// - A weekday is the most recent such day on or before publication (news is told in the past); with
///   "last"/"dernier" strictly before, with "next"/"prochain" strictly after.
/// - A month without a year takes the publication year.
/// - Weekdays and relative days need a publication date known to the day; relative years and months need the
///   year. What cannot be resolved is left out rather than guessed.
struct DateFinder {
    let text: ArticleText
    let published: PartialDate?

    /// The dates mentioned in title and paragraphs, once each, in order of first mention, then full dates
    /// written in boilerplate lines (captions).
    func find() -> [MentionedDate] {
        var found: [MentionedDate] = []
        let tokens = text.tokens
        let end = text.contentEnd
        // Only the candidates (numbers and date cue words) can start a date; a match skips what it consumed.
        let candidates = text.dateCandidates
        var cursor = 0
        var index = 0
        while cursor < candidates.count, Int(candidates[cursor]) < end {
            let position = Int(candidates[cursor])
            cursor += 1
            guard position >= index else { continue }
            if let (date, consumed) = match(at: position, end: end) {
                if !found.contains(where: { $0.date == date.date && $0.season == date.season }) {
                    // Reserved at the first date: growing one by one cost several copies.
                    if found.isEmpty { found.reserveCapacity(8) }
                    found.append(date)
                }
                index = position + max(consumed, 1)
            } else {
                index = position + 1
            }
        }
        // Photo captions often land in boilerplate ("Rencontre entre X et Y, 4 février 2022"): full dates
        // written out there count too; nothing relative or vaguer is taken from boilerplate.
        index = end
        while cursor < candidates.count {
            let position = Int(candidates[cursor])
            cursor += 1
            let kind = tokens[position].kind
            guard position >= index, kind == .number || (kind == .word && tokens[position].info.flags.contains(.month)),
                  let (date, consumed) = match(at: position, end: tokens.count) else {
                continue
            }
            if date.date.day != nil, !date.relative, !found.contains(where: { $0.date == date.date && $0.season == nil }) {
                found.append(date)
            }
            index = position + max(consumed, 1)
        }
        return found
    }

    /// The date starting at token `index`, and the number of tokens it spans.
    private func match(at index: Int, end: Int) -> (MentionedDate, Int)? {
        let tokens = text.tokens
        let token = tokens[index]
        switch token.kind {
        case .number:
            return numeric(at: index, end: end)
        case .word:
            let flags = token.info.flags
            if flags.contains(.datePhraseStart), let phrase = text.phrase(at: index, end: end),
               let offset = phrase.relativeYear {
                guard let year = published?.year, let date = PartialDate(year: year + Int(offset)) else { return nil }
                let length = Int(phrase.length)
                return (MentionedDate(text: text.text(index..<index + length), date: date, relative: true), length)
            }
            if flags.contains(.month) { return month(at: index, end: end) }
            if flags.contains(.season) { return season(at: index, end: end) }
            if flags.contains(.weekday) { return weekday(at: index, end: end, marker: nil) }
            if flags.contains(.thisMarker) || flags.contains(.pastMarker) || flags.contains(.nextMarker),
               index + 1 < end {
                let next = tokens[index + 1]
                if next.info.flags.contains(.weekday) { return weekday(at: index + 1, end: end, marker: index) }
                if next.info.flags.contains(.season) { return season(at: index + 1, end: end, marker: index) }
            }
            if flags.contains(.relativeDay) {
                guard let day = publishedDay else { return nil }
                let date = PartialDate(daysSinceEpoch: day + Int(token.info.relativeDay))
                return (MentionedDate(text: text.text(index..<index + 1), date: date, relative: true), 1)
            }
            return nil
        default:
            return nil
        }
    }

    private var publishedDay: Int? {
        guard let published, published.day != nil else { return nil }
        return published.daysSinceEpoch
    }

    /// The next word or number after `index`, skipping quotation marks and commas; `nil` at a sentence end.
    private func next(after index: Int, end: Int, skippingCommas: Bool = false) -> Int? {
        var position = index + 1
        while position < end {
            let kind = text.tokens[position].kind
            if kind == .word || kind == .number { return position }
            if kind == .openQuote || kind == .closeQuote || (skippingCommas && kind == .comma) {
                position += 1
                continue
            }
            return nil
        }
        return nil
    }

    private func year(at index: Int?) -> Int? {
        guard let index else { return nil }
        let token = text.tokens[index]
        guard token.isPlainNumber, token.length == 4, (1000...2999).contains(token.number) else { return nil }
        return Int(token.number)
    }

    private func day(_ token: Token) -> Int? {
        guard token.kind == .number, token.length <= 2, (1...31).contains(token.number) else { return nil }
        guard token.hash == 0 || token.info.flags.contains(.ordinalSuffix) else { return nil }
        return Int(token.number)
    }

    /// `4 février 2022`, `1er mars`, ISO `2022-02-04`, or a year.
    private func numeric(at index: Int, end: Int) -> (MentionedDate, Int)? {
        let tokens = text.tokens
        let token = tokens[index]
        if token.hash == 1, token.end - token.start == 10, let iso = iso(token) {
            return (MentionedDate(text: text.text(index..<index + 1), date: iso), 1)
        }
        if let day = day(token), let monthIndex = next(after: index, end: end),
           tokens[monthIndex].info.flags.contains(.month) {
            let month = Int(tokens[monthIndex].info.month)
            let yearIndex = next(after: monthIndex, end: end, skippingCommas: true)
            if let year = year(at: yearIndex), let date = PartialDate(year: year, month: month, day: day) {
                return (MentionedDate(text: text.joinedWords(index..<yearIndex! + 1), date: date), yearIndex! + 1 - index)
            }
            guard let published, let date = PartialDate(year: published.year, month: month, day: day) else { return nil }
            return (MentionedDate(text: text.joinedWords(index..<monthIndex + 1), date: date, relative: true), monthIndex + 1 - index)
        }
        if let year = year(at: index), isYearContext(index, end: end), let date = PartialDate(year: year) {
            return (MentionedDate(text: text.text(index..<index + 1), date: date), 1)
        }
        return nil
    }

    /// A lone four-digit number is a year unless a quantity word or a percent sign follows it.
    private func isYearContext(_ index: Int, end: Int) -> Bool {
        let tokens = text.tokens
        guard index + 1 < end else { return true }
        let next = tokens[index + 1]
        if next.kind == .word, next.info.flags.contains(.quantity) { return false }
        if next.kind == .other, text.bytes[Int(next.start)] == 0x25 { return false }
        if next.kind == .number { return false }
        if index > 0, tokens[index - 1].kind == .number { return false }
        return true
    }

    private func iso(_ token: Token) -> PartialDate? {
        let start = Int(token.start)
        let bytes = text.bytes
        guard bytes[start + 4] == 0x2D, bytes[start + 7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[start + index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        return PartialDate(year: year, month: month, day: day)
    }

    /// `March 4, 2022`, `February 2022`, `en mars`.
    private func month(at index: Int, end: Int) -> (MentionedDate, Int)? {
        let tokens = text.tokens
        let month = Int(tokens[index].info.month)
        let after = next(after: index, end: end)
        if let after, let day = day(tokens[after]) {
            let yearIndex = next(after: after, end: end, skippingCommas: true)
            if let year = year(at: yearIndex), let date = PartialDate(year: year, month: month, day: day) {
                return (MentionedDate(text: text.text(index..<yearIndex! + 1), date: date), yearIndex! + 1 - index)
            }
            if let published, let date = PartialDate(year: published.year, month: month, day: day) {
                return (MentionedDate(text: text.text(index..<after + 1), date: date, relative: true), after + 1 - index)
            }
            return nil
        }
        if let year = year(at: after), let date = PartialDate(year: year, month: month) {
            return (MentionedDate(text: text.joinedWords(index..<after! + 1), date: date), after! + 1 - index)
        }
        // A bare month needs a cue before it ("en mars", "in March") and a known publication year.
        guard index > 0, tokens[index - 1].info.flags.contains(.monthCue), let published else { return nil }
        var year = published.year
        if let after, tokens[after].info.flags.contains(.nameLink) || tokens[after].info.flags.contains(.datePhraseStart),
           let phrase = text.phrase(at: after + 1 < end && tokens[after].info.flags.contains(.nameLink) ? after + 1 : after, end: end),
           let offset = phrase.relativeYear {
            // "en février de l'année dernière".
            year += Int(offset)
        }
        guard let date = PartialDate(year: year, month: month) else { return nil }
        return (MentionedDate(text: text.text(index..<index + 1), date: date, relative: true), 1)
    }

    /// `au printemps 2023`, `spring of 2023`, `next spring`, `au printemps prochain`.
    private func season(at index: Int, end: Int, marker: Int? = nil) -> (MentionedDate, Int)? {
        let tokens = text.tokens
        let season = Season.allCases[Int(tokens[index].info.season)]
        var yearIndex = next(after: index, end: end)
        if let link = yearIndex, tokens[link].info.flags.contains(.nameLink) {
            yearIndex = next(after: link, end: end)
        }
        if let year = year(at: yearIndex), let date = PartialDate(year: year) {
            let start = marker ?? index
            return (MentionedDate(text: text.joinedWords(start..<yearIndex! + 1), date: date, season: season.rawValue), yearIndex! + 1 - start)
        }
        var offset: Int?
        var last = index
        if let marker {
            offset = offsetOf(tokens[marker])
        } else if let after = next(after: index, end: end), let value = offsetOf(tokens[after]), value != 0 {
            offset = value
            last = after
        }
        guard let offset, let published, let date = PartialDate(year: published.year + offset) else { return nil }
        let start = marker ?? index
        return (MentionedDate(text: text.joinedWords(start..<last + 1), date: date, season: season.rawValue, relative: true), last + 1 - start)
    }

    private func offsetOf(_ token: Token) -> Int? {
        let flags = token.info.flags
        if flags.contains(.pastMarker) { return -1 }
        if flags.contains(.nextMarker) { return 1 }
        if flags.contains(.thisMarker) { return 0 }
        return nil
    }

    /// `ce vendredi`, `mardi`, `vendredi dernier`, `last Tuesday`, `next Friday`.
    private func weekday(at index: Int, end: Int, marker: Int?) -> (MentionedDate, Int)? {
        let tokens = text.tokens
        // "mardi 4 février 2022": the full date follows and is read on its own.
        if let after = next(after: index, end: end), day(tokens[after]) != nil { return nil }
        var direction = marker.flatMap { offsetOf(tokens[$0]) } ?? 0
        var last = index
        if marker == nil, let after = next(after: index, end: end), let value = offsetOf(tokens[after]), value != 0 {
            direction = value
            last = after
        }
        guard let day = publishedDay else { return nil }
        let target = Int(tokens[index].info.weekday)
        let weekday = ((day % 7) + 7 + 3) % 7  // 1970-01-01 was a Thursday (3, Monday first)
        let resolved: Int
        switch direction {
        case 1:
            let ahead = (target - weekday + 7) % 7
            resolved = day + (ahead == 0 ? 7 : ahead)
        case -1:
            let back = (weekday - target + 7) % 7
            resolved = day - (back == 0 ? 7 : back)
        default:
            resolved = day - (weekday - target + 7) % 7
        }
        let start = marker ?? index
        return (MentionedDate(text: text.text(start..<last + 1), date: PartialDate(daysSinceEpoch: resolved), relative: true), last + 1 - start)
    }
}

/// The four seasons, as encoded in ``MentionedDate/season``.
enum Season: String, CaseIterable, Sendable {
    case spring, summer, autumn, winter
}

extension ArticleText {
    /// The same text as ``words(_:)`` (quotation marks left out, a space before each word or number but
    /// after an apostrophe), joined as bytes and made into a `String` once: `words(_:)` appends piece by
    /// piece and reads the last `Character` each time, several times the cost for a date.
    fileprivate func joinedWords(_ range: Range<Int>) -> String {
        var joined: [UInt8] = []
        joined.reserveCapacity(Int(tokens[range.upperBound - 1].end - tokens[range.lowerBound].start) + range.count)
        for index in range where tokens[index].kind != .openQuote && tokens[index].kind != .closeQuote {
            let token = tokens[index]
            if !joined.isEmpty, token.kind == .word || token.kind == .number, !endsWithApostrophe(joined) {
                joined.append(0x20)
            }
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]))
        }
        return String(decoding: joined, as: UTF8.self)
    }

    /// `true` when the last `Character` of UTF-8 `text` is `'` or `’`, as `words(_:)` tests it. The last
    /// byte tells, except when a non-ASCII scalar comes before the apostrophe: a prepended mark could then
    /// join it into one `Character`, which only the `String` can tell.
    private func endsWithApostrophe(_ text: [UInt8]) -> Bool {
        let count = text.count
        let length: Int
        if text[count - 1] == 0x27 {
            length = 1
        } else if count >= 3, text[count - 3] == 0xE2, text[count - 2] == 0x80, text[count - 1] == 0x99 {
            length = 3
        } else {
            return false
        }
        guard count > length, text[count - length - 1] >= 0x80 else { return true }
        let last = String(decoding: text, as: UTF8.self).last
        return last == "'" || last == "\u{2019}"
    }
}
