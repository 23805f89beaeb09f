#if canImport(Glibc)
internal import Glibc
#elseif canImport(Musl)
internal import Musl
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Shallow text features of one line of a page, computed in a single pass over its UTF-8 bytes.
///
/// These are Kohlschütter's features for text-only boilerplate detection: word counts, sentence
/// punctuation, capitalisation, link-list separators, stopword density, plus hits in the cruft
/// phrase tables of ``LanguageProfile``.
struct PageLine: Sendable {
    /// Byte range in the page, whitespace trimmed.
    var start: Int
    var end: Int
    /// Words (each ideograph counts as one).
    var words: Int32 = 0
    /// Words starting with an upper-case letter.
    var capitalized: Int32 = 0
    /// Words made only of digits.
    var numbers: Int32 = 0
    /// Sentence-ending punctuation followed by a space or the end of the line.
    var sentenceEnds: Int32 = 0
    /// Menu separators: `|`, `•`, `·`, `»`, `›`, `>` between words.
    var separators: Int32 = 0
    /// The line ends like a sentence (`.`, `!`, `?`, `…`, `。`, possibly before a closing quote).
    var terminal = false
    /// The first letter is lower case.
    var lowerStart = false
    /// Starts with `#`, `@` or `©`.
    var markerStart = false
    /// Contains a URL or an e-mail address.
    var url = false
    /// Cruft phrase kinds matched (``LanguageTables/PhraseKind`` bits).
    var phrase: UInt32 = 0
    /// Stopword hits per profile, in the bit order of ``LanguageTables/stopwords`` values (16 at most).
    /// A vector in the line, not an array per page: copied with two loads.
    var stopwordHits = SIMD16<UInt16>()
    /// A blank line precedes this line.
    var blankBefore = false
    /// Holds tabs, non-breaking or other Unicode spaces, or runs of spaces (to be made single spaces).
    /// Vertical tabs and form feeds alone do not count (they are left as they are then).
    var oddSpaces = false
    /// Where the line's word hashes start in the page's (``PageScanner/scan(_:from:)``), `words` of them;
    /// -1 when the line has more than ``PageScanner/phraseWindow`` words (its hashes are not kept).
    var hashStart: Int32 = -1

    /// `true` when the line matched a cruft phrase as a whole line, a prefix or a fragment.
    var isCruftPhrase: Bool { phrase & 0b111 != 0 }
    /// `true` when the line announces a list of links ("Related", "À découvrir également").
    var isSectionBreak: Bool { phrase & LanguageTables.PhraseKind.sectionBreak.rawValue != 0 }
}

/// Splits a page into ``PageLine``s and gathers the language evidence on the way.
struct PageScanner {
    let tables: LanguageTables
    /// Words of a line looked at for phrase matching.
    static let phraseWindow = 48

    /// The lines of `bytes` (non-empty only), the page's language evidence, and the word hashes of the
    /// lines of at most ``phraseWindow`` words (as ``Words/hashes(of:)`` has them; ``PageLine/hashStart``
    /// says where), already computed here for the phrase tables: the title search need not hash again.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> (
        lines: [PageLine], evidence: LanguageDetector.Evidence, wordHashes: [UInt64]
    ) {
        var lines: [PageLine] = []
        // Room for lines of 128 bytes on average (pages average about 200): one allocation for most pages,
        // instead of growing (and copying the large lines) five or six times.
        lines.reserveCapacity((bytes.count - from) / 128 + 16)
        var evidence = LanguageDetector.Evidence()
        var wordHashes: [UInt64] = []
        // Room for a word every six bytes.
        wordHashes.reserveCapacity((bytes.count - from) / 6 + 16)
        Words.asciiFold.withUnsafeBufferPointer { fold in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.phraseWindow) { hashes in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.phraseWindow) { ends in
                    var lineStart = from
                    var blank = false
                    let count = bytes.count
                    // Most pages have no CR: look for the next one only once the previous one is passed.
                    var nextCarriageReturn = -1
                    while lineStart < count {
                        if nextCarriageReturn < lineStart {
                            nextCarriageReturn = Self.firstIndex(of: 0x0D, in: bytes, from: lineStart)
                        }
                        let lineEnd = min(Self.firstIndex(of: 0x0A, in: bytes, from: lineStart), nextCarriageReturn)
                        let (start, end) = Self.trim(bytes, lineStart, lineEnd)
                        if start < end {
                            var line = PageLine(start: start, end: end)
                            line.blankBefore = blank
                            measure(&line, bytes, fold, hashes, ends, evidence: &evidence)
                            if line.words <= Self.phraseWindow {
                                line.hashStart = Int32(wordHashes.count)
                                wordHashes.append(contentsOf: hashes[0..<Int(line.words)])
                            }
                            lines.append(line)
                            blank = false
                        } else {
                            blank = true
                        }
                        lineStart = lineEnd + 1
                    }
                }
            }
        }
        return (lines, evidence, wordHashes)
    }

    /// The index of the first line break (LF or CR) at or after `from`, or `bytes.count`.
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        min(firstIndex(of: 0x0A, in: bytes, from: from), firstIndex(of: 0x0D, in: bytes, from: from))
    }

    /// The index of the first `byte` at or after `from`, or `max(from, bytes.count)` when there is none:
    /// `memchr`, vectorised in the C library.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let count = bytes.count
        guard let base = bytes.baseAddress, from < count else { return max(from, count) }
        let start = UnsafeRawPointer(base + from)
        guard let found = memchr(start, Int32(byte), count - from) else { return count }
        return from + start.distance(to: UnsafeRawPointer(found))
    }

    /// Trims ASCII whitespace, NBSP, Unicode spaces and BOM at both ends.
    static func trim(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        while s < e {
            let width = spaceWidth(bytes, at: s, end: e)
            if width == 0 { break }
            s += width
        }
        while e > s {
            let b = bytes[e - 1]
            if b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0B { e -= 1; continue }
            // NBSP C2 A0, U+2000…U+200B and U+202F, U+205F, U+3000, U+FEFF end in 0x80…0xBF bytes.
            if e - s >= 2, bytes[e - 2] == 0xC2, b == 0xA0 { e -= 2; continue }
            if e - s >= 3, spaceWidth(bytes, at: e - 3, end: e) == 3 { e -= 3; continue }
            break
        }
        return (s, e)
    }

    /// The byte width of the space at `index`, or 0 when it is not a space.
    @inline(__always)
    static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Int {
        let b = bytes[index]
        if b == 0x20 || b == 0x09 || b == 0x0C || b == 0x0B { return 1 }
        if b == 0xC2, index + 1 < end, bytes[index + 1] == 0xA0 { return 2 }
        if b == 0xE2, index + 2 < end {
            let b1 = bytes[index + 1], b2 = bytes[index + 2]
            if b1 == 0x80, (b2 >= 0x80 && b2 <= 0x8B) || b2 == 0xAF { return 3 }
            if b1 == 0x81, b2 == 0x9F { return 3 }
        }
        if b == 0xE3, index + 2 < end, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { return 3 }
        if b == 0xEF, index + 2 < end, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return 3 }
        return 0
    }

    @inline(__always)
    static func isSentenceEnd(_ s: UInt32) -> Bool {
        s == 0x2E || s == 0x21 || s == 0x3F || s == 0x2026 || s == 0x3002 || s == 0xFF01 || s == 0xFF1F || s == 0x61F || s == 0x964
    }

    @inline(__always)
    static func isClosing(_ s: UInt32) -> Bool {
        s == 0x22 || s == 0x27 || s == 0x29 || s == 0x5D || s == 0xBB || s == 0x2019 || s == 0x201D || s == 0x300D || s == 0x300F || s == 0xFF09
    }

    /// Measures one line (`line.start..<line.end`): its features, the hashes and ends of its first
    /// ``phraseWindow`` words, its stopword hits per profile, and its language evidence.
    /// `fold` is ``Words/asciiFold``.
    private func measure(
        _ line: inout PageLine, _ bytes: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>,
        _ hashes: UnsafeMutableBufferPointer<UInt64>,
        _ ends: UnsafeMutableBufferPointer<Int>,
        evidence: inout LanguageDetector.Evidence
    ) {
        var counter = WordCounter(bytes: bytes, fold: fold, tables: tables, hashes: hashes, ends: ends)
        var index = line.start
        let end = line.end
        var sentenceEnds: Int32 = 0
        var separators: Int32 = 0
        var url = false
        var previous: UInt32 = 0x20
        let first = bytes[index]
        line.markerStart = first == 0x23 || first == 0x40 || (first == 0xC2 && index + 1 < end && bytes[index + 1] == 0xA9)
        let countEvidence = evidence.words < 4000

        while index < end {
            let b = bytes[index]
            if fold[Int(b)] != 0 || b &- 0xC3 < 3 {
                let next = counter.readWords(from: index, to: end)
                if next > index {
                    index = next
                    // The last scalar read: ASCII, or a two-byte letter.
                    if bytes[index - 1] < 0x80 {
                        previous = UInt32(bytes[index - 1])
                    } else {
                        var start = index - 2
                        previous = Words.decode(bytes, &start, end: end)
                    }
                    continue
                }
            }
            let scalarStart = index
            let scalar: UInt32
            if b < 0x80 {
                // Not a letter or digit (those are in `fold`).
                scalar = UInt32(b)
                index += 1
            } else {
                scalar = Words.decode(bytes, &index, end: end)
                if Words.isWordScalar(scalar) {
                    if scalar < 0x250 { counter.latin += 1 } else if countEvidence { evidence.add(scalar: scalar) }
                    if Words.isIdeographic(scalar) {
                        if counter.inWord { counter.end(at: scalarStart) }
                        counter.word = WordHasher()
                        counter.word.add(scalar: scalar)
                        counter.digitsOnly = false
                        counter.end(at: index)
                    } else {
                        if !counter.inWord {
                            counter.start(upper: Words.isUpper(scalar), digit: false, isLatin: scalar < 0x250)
                            counter.word = WordHasher()
                        } else {
                            counter.digitsOnly = false
                        }
                        counter.word.add(scalar: Words.lower(scalar))
                    }
                    previous = scalar
                    continue
                }
            }
            if counter.inWord { counter.end(at: scalarStart) }
            switch scalar {
            case 0x20, 0xA0:
                counter.afterSlash = false
                if scalar == 0xA0 || previous == 0x20 { line.oddSpaces = true }
                if Self.isSentenceEnd(previous) { sentenceEnds += 1 }
            case 0x09, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF:
                line.oddSpaces = true
            case 0x7C, 0x2022, 0xB7, 0x203A:
                separators += 1
            case 0xBB:
                if previous == 0x20 { separators += 1 }
            case 0x2F:
                if previous == 0x2F { url = true }
                if counter.lastWord != 0, Words.isWordScalar(previous) { counter.checkCredit(counter.lastWord) }
                counter.afterSlash = true
            case 0x3A:
                // "Crédits photos : X", "… Foto: Andina"; not a speaker's label opening the line ("AP: Why?") nor
                // a dateline's bracketed agency ("NEW YORK (AFP): …").
                if counter.count > 1, Words.isWordScalar(previous) || previous == 0x20 || previous == 0xA0 {
                    counter.checkCredit(counter.lastWord)
                }
            case 0x40:
                url = true
            case 0x2E:
                // "www."
                if scalarStart - line.start >= 3, bytes[scalarStart - 1] | 0x20 == 0x77,
                   bytes[scalarStart - 2] | 0x20 == 0x77, bytes[scalarStart - 3] | 0x20 == 0x77 {
                    url = true
                }
            default:
                break
            }
            previous = scalar
        }
        if counter.inWord { counter.end(at: end) }
        let words = counter.count
        // The line ends like a sentence: a terminal, possibly followed by closing quotes and brackets.
        var back = end
        var terminal = false
        var steps = 0
        while back > line.start && steps < 8 {
            var start = back - 1
            while start > line.start && bytes[start] & 0xC0 == 0x80 { start -= 1 }
            var cursor = start
            let scalar = Words.decode(bytes, &cursor, end: back)
            if Self.isSentenceEnd(scalar) { terminal = true; break }
            if !Self.isClosing(scalar) && scalar != 0x20 && scalar != 0xA0 { break }
            back = start
            steps += 1
        }
        if terminal {
            line.terminal = true
            sentenceEnds += 1
        }
        if countEvidence {
            evidence.words += words
            evidence.latin += counter.latin
            // All sixteen counters at once: those past the profiles stay zero (no stopword has their bits).
            evidence.add(stopwordHits: counter.stopwordHits)
        }
        line.words = Int32(clamping: words)
        line.stopwordHits = counter.stopwordHits
        line.lowerStart = counter.lowerStart
        line.capitalized = counter.capitalized
        line.numbers = counter.numbers
        line.sentenceEnds = sentenceEnds
        line.separators = separators
        line.url = url
        line.phrase = matchPhrases(UnsafeBufferPointer(hashes), UnsafeBufferPointer(ends), words: words, bytes: bytes, lineEnd: end)
        if counter.credit && words <= 40 { line.phrase |= LanguageTables.PhraseKind.fragment.rawValue }
    }

    /// Looks the line's words up in the phrase table: whole line, prefixes, and fragments of short lines.
    private func matchPhrases(_ hashes: UnsafeBufferPointer<UInt64>, _ ends: UnsafeBufferPointer<Int>, words: Int, bytes: UnsafeBufferPointer<UInt8>, lineEnd: Int) -> UInt32 {
        typealias Kind = LanguageTables.PhraseKind
        guard words > 0 else { return 0 }
        let window = min(words, Self.phraseWindow)
        let longest = tables.longestPhrase
        var found: UInt32 = 0
        var prefix = Words.seed
        let starts = tables.phraseStarts
        let prefixLimit = starts.value(hashes[0]) != 0 ? min(window, longest) : 0
        for k in 0..<prefixLimit {
            prefix = Words.combine(prefix, hashes[k])
            let bits = tables.phrases.value(prefix)
            if bits == 0 { continue }
            if k + 1 == words {
                found |= bits & (Kind.line.rawValue | Kind.sectionBreak.rawValue | Kind.prefix.rawValue)
            } else if words <= 60 {
                found |= bits & Kind.prefix.rawValue
            }
            if bits & (Kind.colonPrefix.rawValue | Kind.dashPrefix.rawValue | Kind.dotPrefix.rawValue) != 0, words <= 60 {
                var i = ends[k]
                while i < lineEnd, bytes[i] == 0x20 || bytes[i] == 0xC2 || bytes[i] == 0xA0 { i += 1 }
                if i < lineEnd {
                    let c = bytes[i]
                    let dash = c == 0x2D || c == 0x7C || (c == 0xE2 && i + 2 < lineEnd && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x93 || bytes[i + 2] == 0x94))
                    if (c == 0x3A && bits & Kind.colonPrefix.rawValue != 0) || (dash && bits & Kind.dashPrefix.rawValue != 0)
                        || (c == 0x2E && bits & Kind.dotPrefix.rawValue != 0) {
                        found |= Kind.prefix.rawValue
                    }
                }
            }
        }
        if words <= 15 {
            for i in 0..<words where starts.value(hashes[i]) != 0 {
                var phrase = Words.seed
                for k in i..<min(words, i + longest) {
                    phrase = Words.combine(phrase, hashes[k])
                    let bits = tables.phrases.value(phrase)
                    found |= bits & LanguageTables.PhraseKind.fragment.rawValue
                }
            }
        }
        return found
    }
}
