/// The language data of every ``LanguageProfile`` compiled into hash tables, once per process.
struct LanguageTables: Sendable {
    /// What a phrase hash is, as bits of a ``WordTable`` value.
    struct PhraseKind: OptionSet, Sendable {
        let rawValue: UInt32
        /// The whole line is cruft.
        static let line = PhraseKind(rawValue: 1)
        /// A line starting with these words is cruft.
        static let prefix = PhraseKind(rawValue: 2)
        /// A short line containing these words is cruft.
        static let fragment = PhraseKind(rawValue: 4)
        /// A header after which links follow.
        static let sectionBreak = PhraseKind(rawValue: 8)
        /// A prefix that counts only when a colon follows it (`Photo:`).
        static let colonPrefix = PhraseKind(rawValue: 16)
        /// A prefix that counts only when a dash follows it (`VIDÉO -`).
        static let dashPrefix = PhraseKind(rawValue: 32)
        /// A prefix that counts only when a full stop follows it (`fot.`).
        static let dotPrefix = PhraseKind(rawValue: 64)
        /// A photo credit word (`Photo`, `AFP`) when a colon follows it or a slash touches it.
        static let credit = PhraseKind(rawValue: 128)
    }

    /// The profiles, in bit order of ``stopwords`` values.
    let profiles: [LanguageProfile]
    /// Word hash → bit `i` set when the word is a stopword of `profiles[i]`, 0 for other words. Looked up
    /// without a branch on the word: half the words of a text are stopwords, so a "found?" branch would be
    /// mispredicted on every other word. Counting a word's hits per profile is then one vector addition
    /// (``stopwordHits(_:)``).
    let stopwords: FrozenHashTable<UInt32>
    /// Phrase hash → ``PhraseKind`` bits.
    let phrases: WordTable
    /// Word hash → 1 when a phrase starts with the word: lines whose words start no phrase skip the lookups.
    let phraseStarts: WordTable
    /// Longest phrase, in words.
    let longestPhrase: Int

    /// The shared tables of ``LanguageProfile/all``.
    static let shared = LanguageTables(profiles: LanguageProfile.all)

    init(profiles: [LanguageProfile]) {
        precondition(profiles.count <= 16, "stopword hits are counted in sixteen lanes")
        self.profiles = profiles
        var words = 0
        var phraseCount = 0
        for profile in profiles {
            words += profile.stopwords.utf8.count / 3
            phraseCount += profile.lines.count + profile.prefixes.count + profile.fragments.count + profile.sectionBreaks.count
                + profile.credits.count
        }
        var stopwordBits = HashTable<UInt32>(capacity: words + 16)
        for (index, profile) in profiles.enumerated() {
            for word in Words.hashes(of: profile.stopwords) {
                stopwordBits.insert(word, 1 << UInt32(index)) { $0 |= $1 }
            }
        }
        var phrases = WordTable(capacity: phraseCount + 16)
        var phraseStarts = WordTable(capacity: phraseCount + 16)
        var longest = 1
        for profile in profiles {
            for (list, kind) in [
                (profile.lines, PhraseKind.line), (profile.prefixes, .prefix), (profile.fragments, .fragment),
                (profile.sectionBreaks, .sectionBreak), (profile.credits, .credit),
            ] {
                for phrase in list {
                    let hashes = Words.hashes(of: phrase)
                    guard !hashes.isEmpty else { continue }
                    longest = max(longest, hashes.count)
                    var kind = kind
                    if kind == .prefix {
                        // "Photo:" only with its colon, "VIDÉO -" only with its dash: plain words are too common.
                        switch phrase.unicodeScalars.last {
                        case ":": kind = .colonPrefix
                        case "-": kind = .dashPrefix
                        case ".": kind = .dotPrefix
                        default: break
                        }
                    }
                    phrases.insert(Words.phraseHash(hashes), bits: kind.rawValue)
                    phraseStarts.insert(hashes[0], bits: 1)
                }
            }
        }
        stopwords = stopwordBits.frozen(empty: 0)
        self.phrases = phrases
        self.phraseStarts = phraseStarts
        self.longestPhrase = longest
    }

    /// The bit of each profile, by lane: profile `i` in lane `i`.
    private static var laneBits: SIMD16<UInt16> { SIMD16(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768) }

    /// The hits per profile of a word with ``stopwords`` value `bits`: a one in the lane of each bit. Worked
    /// out in vector registers (the bits in every lane, each lane's own bit tested), not read from a table:
    /// no load that could miss the cache on every word.
    @inline(__always)
    func stopwordHits(_ bits: UInt32) -> SIMD16<UInt16> {
        // Each lane holds 0 or its own bit; adding 0x7FFF carries a set bit into bit 15 (a lane's own bit
        // 0x8000 is there already), and the shift keeps that carry: 1 for a hit, 0 for none.
        let spread = SIMD16<UInt16>(repeating: UInt16(truncatingIfNeeded: bits)) & Self.laneBits
        return (spread &+ 0x7FFF) &>> 15
    }
}
