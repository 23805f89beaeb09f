/// Word-level scanning of UTF-8 bytes shared by the language detector and the cleaner.
///
/// Works on Unicode scalars decoded straight from the bytes (no `Character`, no allocation): a word is a
/// run of letters and digits; apostrophes and every other punctuation split words; each CJK ideograph,
/// kana or hangul syllable is a word of its own. Words are compared through a 64-bit hash of their
/// lower-cased UTF-8 (``WordHasher``), so tables built from the language data and words read from a page
/// agree.
enum Words {
    /// The hash of the empty phrase, which ``combine(_:_:)`` starts from.
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// By byte value: the lower-cased ASCII letter or digit, 0 for every other byte (non-ASCII included).
    /// The ASCII fast path of word scanning: one load tells whether a byte continues a word and what to hash.
    static let asciiFold: [UInt8] = (0..<256).map { b in
        if b >= 0x30 && b <= 0x39 || b >= 0x61 && b <= 0x7A { return UInt8(b) }
        if b >= 0x41 && b <= 0x5A { return UInt8(b | 0x20) }
        return 0
    }

    /// Decodes the scalar starting at `index` and advances past it. Never reads out of bounds; a
    /// malformed sequence yields U+FFFD and one byte.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, end: Int) -> UInt32 {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { index += 1; return b0 }
        if b0 >= 0xC2, b0 < 0xE0, index + 1 < end {
            let b1 = UInt32(bytes[index + 1])
            if b1 & 0xC0 == 0x80 { index += 2; return (b0 & 0x1F) << 6 | (b1 & 0x3F) }
        } else if b0 >= 0xE0, b0 < 0xF0, index + 2 < end {
            let b1 = UInt32(bytes[index + 1]), b2 = UInt32(bytes[index + 2])
            if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 {
                index += 3
                return (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
            }
        } else if b0 >= 0xF0, b0 < 0xF5, index + 3 < end {
            let b1 = UInt32(bytes[index + 1]), b2 = UInt32(bytes[index + 2]), b3 = UInt32(bytes[index + 3])
            if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 {
                index += 4
                return (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
            }
        }
        index += 1
        return 0xFFFD
    }

    /// The scalar lower-cased for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic; others unchanged.
    @inline(__always)
    static func lower(_ s: UInt32) -> UInt32 {
        if s < 0x80 { return s &- 0x41 < 26 ? s | 0x20 : s }
        if s < 0x100 { return (s >= 0xC0 && s <= 0xDE && s != 0xD7) ? s + 0x20 : s }
        if s < 0x180 {
            if s <= 0x137 || (s >= 0x14A && s <= 0x177) { return s | 1 }
            if (s >= 0x139 && s <= 0x148) || (s >= 0x179 && s <= 0x17E) { return s & 1 == 1 ? s + 1 : s }
            return s
        }
        if s >= 0x391 && s <= 0x3A9 { return s + 0x20 }
        if s >= 0x410 && s <= 0x42F { return s + 0x20 }
        if s >= 0x400 && s <= 0x40F { return s + 0x50 }
        return s
    }

    /// `true` for an upper-case letter (same scripts as ``lower(_:)``).
    @inline(__always)
    static func isUpper(_ s: UInt32) -> Bool {
        if s < 0x80 { return s &- 0x41 < 26 }
        return lower(s) != s
    }

    /// `true` for scalars that belong to words: letters, digits, combining marks.
    @inline(__always)
    static func isWordScalar(_ s: UInt32) -> Bool {
        if s < 0x80 { return (s &- 0x30 < 10) || ((s | 0x20) &- 0x61 < 26) }
        if s < 0xC0 { return s == 0xAA || s == 0xB5 || s == 0xBA }
        if s == 0xD7 || s == 0xF7 { return false }
        if s >= 0x2000 && s <= 0x2BFF { return false }  // punctuation, symbols, arrows, box drawing
        if s >= 0x3000 && s <= 0x303F { return false }  // CJK punctuation
        if s >= 0xFE30 && s <= 0xFE4F { return false }
        if s >= 0xFF00 && s <= 0xFF0F { return false }
        if s >= 0xFF1A && s <= 0xFF20 { return false }
        if s >= 0xD800 && s <= 0xDFFF { return false }
        if s == 0xFFFD || s == 0xFEFF || (s >= 0xE000 && s <= 0xF8FF) { return false }
        if s >= 0x1F000 && s <= 0x1FAFF { return false }  // emoji
        return true
    }

    /// `true` for scripts written without spaces, where every scalar counts as a word.
    @inline(__always)
    static func isIdeographic(_ s: UInt32) -> Bool {
        (s >= 0x3040 && s <= 0x30FF) || (s >= 0x3400 && s <= 0x9FFF) || (s >= 0xAC00 && s <= 0xD7AF)
            || (s >= 0xF900 && s <= 0xFAFF) || (s >= 0x20000 && s <= 0x2FFFF)
    }

    /// Combines word hashes into a phrase hash (order matters).
    @inline(__always)
    static func combine(_ phrase: UInt64, _ word: UInt64) -> UInt64 {
        var h = (phrase ^ word) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return h
    }

    /// The word hashes of `text`, in order (used to build tables from the language data).
    static func hashes(of text: String) -> [UInt64] {
        var text = text
        var result: [UInt64] = []
        text.withUTF8 { bytes in appendHashes(of: bytes, from: 0, to: bytes.count, to: &result) }
        return result
    }

    /// Appends the word hashes of `bytes[start..<end]` to `result`, in order.
    static func appendHashes(of bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, to result: inout [UInt64]) {
        var index = start
        var word = WordHasher()
        var inWord = false
        while index < end {
            let scalar = decode(bytes, &index, end: end)
            if isWordScalar(scalar) {
                if isIdeographic(scalar) {
                    if inWord { result.append(word.finish) }
                    inWord = false
                    result.append(WordHasher.hash(scalar: scalar))
                    continue
                }
                if !inWord { word = WordHasher() }
                word.add(scalar: lower(scalar))
                inWord = true
            } else if inWord {
                result.append(word.finish)
                inWord = false
            }
        }
        if inWord { result.append(word.finish) }
    }

    /// The hash of a phrase of words.
    static func phraseHash(_ words: some Sequence<UInt64>) -> UInt64 {
        words.reduce(seed, combine)
    }
}
