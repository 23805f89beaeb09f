/// Guesses the language of a text from its stopwords and its script: ISO 639-1, `und` when unsure.
///
/// Latin-script languages are told apart by the share of their stopwords (data in ``LanguageProfile``);
/// other scripts by their Unicode blocks. Linear in the text, reads at most ``maxWords`` words.
public struct LanguageDetector: Sendable {
    /// Words read at most. Default: `4000`
    public var maxWords: Int = 4000

    /// Creates a detector.
    public init() {}

    /// The language of `text`.
    public func detect(_ text: String) -> String {
        var evidence = Evidence()
        var text = text
        text.withUTF8 { bytes in
            evidence.scan(bytes, from: 0, to: bytes.count, tables: .shared, maxWords: maxWords)
        }
        return evidence.language(tables: .shared)
    }

    /// Counts gathered over a text: stopword hits per profile and letters per script.
    struct Evidence {
        /// Stopword hits per profile, in the bit order of ``LanguageTables/stopwords`` values: a vector, so a
        /// page line's sixteen counters are added at once (and no array is allocated per page).
        var hits = SIMD16<Int32>()
        var words = 0
        var latin = 0
        var cyrillic = 0
        var greek = 0
        var arabic = 0
        var hebrew = 0
        var han = 0
        var kana = 0
        var hangul = 0
        var devanagari = 0
        var bengali = 0
        var thai = 0

        /// Adds a word's stopword hits (``LanguageTables/stopwordHits(_:)``).
        @inline(__always)
        mutating func add(stopwordHits: SIMD16<UInt16>) {
            hits &+= SIMD16<Int32>(truncatingIfNeeded: stopwordHits)
        }

        /// Counts one letter's script.
        @inline(__always)
        mutating func add(scalar s: UInt32) {
            if s < 0x250 { latin += 1; return }
            switch s {
            case 0x370...0x3FF: greek += 1
            case 0x400...0x4FF: cyrillic += 1
            case 0x590...0x5FF: hebrew += 1
            case 0x600...0x6FF, 0x750...0x77F: arabic += 1
            case 0x900...0x97F: devanagari += 1
            case 0x980...0x9FF: bengali += 1
            case 0xE00...0xE7F: thai += 1
            case 0x3040...0x30FF: kana += 1
            case 0x3400...0x9FFF, 0xF900...0xFAFF: han += 1
            case 0xAC00...0xD7AF: hangul += 1
            default: break
            }
        }

        /// Scans `bytes[from..<to]`.
        mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, tables: LanguageTables, maxWords: Int) {
            var index = from
            var word = WordHasher()
            var inWord = false
            while index < end && words < maxWords {
                let scalar = Words.decode(bytes, &index, end: end)
                if Words.isWordScalar(scalar) {
                    if scalar >= 0x80 { add(scalar: scalar) } else if scalar > 0x40 { latin += 1 }
                    if !inWord { word = WordHasher() }
                    word.add(scalar: Words.lower(scalar))
                    inWord = true
                } else if inWord {
                    words += 1
                    add(stopwordHits: tables.stopwordHits(tables.stopwords.value(word.finish)))
                    inWord = false
                }
            }
            if inWord {
                words += 1
                add(stopwordHits: tables.stopwordHits(tables.stopwords.value(word.finish)))
            }
        }

        /// The decision.
        func language(tables: LanguageTables) -> String {
            let letters = latin + cyrillic + greek + arabic + hebrew + han + kana + hangul + devanagari + bengali + thai
            guard letters >= 20 else { return "und" }
            if kana * 10 > letters { return "ja" }
            // With Latin letters the majority, no other script can be (the common case skips the list).
            guard latin * 2 > letters else {
                if han * 2 > letters { return "zh" }
                let scripts: [(Int, String)] = [
                    (kana, "ja"), (hangul, "ko"), (arabic, "ar"), (hebrew, "he"), (devanagari, "hi"),
                    (bengali, "bn"), (thai, "th"), (greek, "el"),
                ]
                for (count, code) in scripts where count * 2 > letters { return code }
                return cyrillic * 2 > letters ? "ru" : "und"
            }
            var best = -1
            var second = 0
            for index in tables.profiles.indices {
                if best < 0 || hits[index] > hits[best] {
                    if best >= 0 { second = max(second, Int(hits[best])) }
                    best = index
                } else {
                    second = max(second, Int(hits[index]))
                }
            }
            guard best >= 0 else { return "und" }
            let top = Int(hits[best])
            // At least a few stopwords, a clear share of the words, and a margin over the runner-up.
            guard top >= 3, top * 10 >= words, top * 4 >= second * 5 else { return "und" }
            return tables.profiles[best].code
        }
    }
}
