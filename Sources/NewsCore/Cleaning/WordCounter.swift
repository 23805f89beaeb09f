/// The words of the line ``PageScanner`` is measuring: the word being read, and what every word adds to
/// the line (its hash and end for phrase matching, its stopword hits, counts of capitalised words, numbers
/// and Latin letters).
struct WordCounter {
    let bytes: UnsafeBufferPointer<UInt8>
    /// ``Words/asciiFold``.
    let fold: UnsafeBufferPointer<UInt8>
    let tables: LanguageTables
    let phrases: WordTable
    let hashes: UnsafeMutableBufferPointer<UInt64>
    let ends: UnsafeMutableBufferPointer<Int>
    /// Stopword hits per profile, in the bit order of ``LanguageTables/stopwords`` values.
    var stopwordHits = SIMD16<UInt16>()
    /// The word being read.
    var word = WordHasher()
    var inWord = false
    /// The word being read has only digits so far.
    var digitsOnly = true
    /// Words ended.
    var count = 0
    /// Words started with an upper-case letter (counted when they start).
    var capitalized: Int32 = 0
    /// Words made only of digits.
    var numbers: Int32 = 0
    /// Latin-script letters (ASCII letters too).
    var latin = 0
    /// A word starting with a letter has been read.
    var sawLetter = false
    /// The first word starting with a letter starts with a lower-case (Latin) one.
    var lowerStart = false
    /// Hash of the last word ended, 0 before the first.
    var lastWord: UInt64 = 0
    /// A slash came since the last word ended: the next word touches it.
    var afterSlash = false
    /// A photo credit word touched a slash or came before a colon.
    var credit = false

    init(
        bytes: UnsafeBufferPointer<UInt8>, fold: UnsafeBufferPointer<UInt8>, tables: LanguageTables,
        hashes: UnsafeMutableBufferPointer<UInt64>, ends: UnsafeMutableBufferPointer<Int>
    ) {
        self.bytes = bytes
        self.fold = fold
        self.tables = tables
        phrases = tables.phrases
        self.hashes = hashes
        self.ends = ends
    }

    /// Starts a word at a letter or digit. The caller starts the word's hasher and adds the letter:
    /// ``readWords(from:to:)`` keeps it in a local.
    /// - Parameter isLatin: the letter is Latin-script (for ``lowerStart``).
    @inline(__always)
    mutating func start(upper: Bool, digit: Bool, isLatin: Bool) {
        inWord = true
        digitsOnly = digit
        if upper { capitalized &+= 1 }
        // `sawLetter` first: it is set after the first word.
        if !sawLetter, !digit {
            sawLetter = true
            lowerStart = !upper && isLatin
        }
    }

    /// Reads the letters and digits at `index` and the words after them, as long as they are ASCII or
    /// Latin-1 and Latin Extended-A letters (two-byte UTF-8) and single spaces (or, between ASCII words, the
    /// plain breaks of ``nextWordStart(after:end:)``) separate them: the common case of text, in a tight loop.
    /// Returns where it stopped, at `end` or at another byte (the word before it still open unless a space
    /// came last); `index` when it holds no such letter or digit.
    @inline(never)
    mutating func readWords(from index: Int, to end: Int) -> Int {
        var i = index
        // In registers while the loop runs, rather than stored into the properties word after word.
        var word = self.word
        var hits = stopwordHits
        defer {
            self.word = word
            stopwordHits = hits
        }
        // A line ends before a line break or a trimmed space: a run of letters stops there. Eight bytes are
        // read at once up to `limit`, as long as they are in the page.
        let limit = min(end, bytes.count &- 8)
        while i < end {
            var b = bytes[i]
            if fold[Int(b)] != 0 {
                if inWord {
                    i = readRun(from: i, to: end, limit: limit, into: &word)
                } else {
                    start(upper: b &- 0x41 < 26, digit: b < 0x40, isLatin: true)
                    i = readFirstRun(from: i, to: end, limit: limit, into: &word)
                }
                // Runs of ASCII letters and digits and the plain breaks between them: the hot path.
                while i &+ 1 < end, let next = nextWordStart(after: i, end: end), next < end {
                    let first = bytes[next]
                    guard fold[Int(first)] != 0 else { break }
                    // The next word.
                    self.end(at: i, hash: word.finish, hits: &hits)
                    afterSlash = false
                    start(upper: first &- 0x41 < 26, digit: first < 0x40, isLatin: true)
                    i = readFirstRun(from: next, to: end, limit: limit, into: &word)
                }
                if i == end { break }
                // Straight on with the byte after the run (no letter or digit).
                b = bytes[i]
            }
            if b &- 0xC3 < 3, i + 1 < end, bytes[i + 1] & 0xC0 == 0x80 {
                // U+00C0…U+017F: letters but for × and ÷.
                let scalar = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                guard scalar != 0xD7, scalar != 0xF7 else { break }
                let lowered = Words.lower(scalar)
                if !inWord {
                    start(upper: lowered != scalar, digit: false, isLatin: true)
                    word = WordHasher()
                } else {
                    digitsOnly = false
                }
                word.add(scalar: lowered)
                latin &+= 1
                i &+= 2
                continue
            }
            // A single space after a letter or digit: neither a run of spaces nor a sentence end to note.
            guard b == 0x20, inWord, i + 1 < end else { break }
            self.end(at: i, hash: word.finish, hits: &hits)
            afterSlash = false
            i &+= 1
        }
        return i
    }

    /// Where the next word may start (possibly at `end`) after the word that ends at `index`
    /// (`index + 1 < end`), when what separates them is a single space, a comma and a space, a hyphen or an
    /// apostrophe (`'` or `’`): breaks that ``PageScanner`` notes nothing about, so the loop need not return
    /// to it. `nil` otherwise.
    @inline(__always)
    private func nextWordStart(after index: Int, end: Int) -> Int? {
        let next = index &+ 1
        let b = bytes[index]
        // Tests, not a switch: its jump table costs more than the test for the space that most words end with.
        if b == 0x20 { return next }
        // ' (0x27), comma (0x2C) and hyphen (0x2D): bits 0, 5 and 6 from 0x27.
        let fromQuote = b &- 0x27
        if fromQuote < 7 && (0b110_0001 as UInt8) >> fromQuote & 1 != 0 {
            return b == 0x2C && bytes[next] == 0x20 ? next &+ 1 : next
        }
        // U+2019 RIGHT SINGLE QUOTATION MARK, E2 80 99.
        return b == 0xE2 && next &+ 1 < end && bytes[next] == 0x80 && bytes[next &+ 1] == 0x99 ? next &+ 2 : nil
    }

    /// Starts `word` with the run of ASCII letters and digits at `index`, the start of a word; returns the
    /// end of the run. Most runs are words of up to seven letters, read in one go.
    @inline(__always)
    private mutating func readFirstRun(from index: Int, to end: Int, limit: Int, into word: inout WordHasher) -> Int {
        if index <= limit {
            let run = WordHasher.ASCIIRun(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
            if run.count < 8, run.count <= end &- index {
                word = WordHasher(run)
                latin &+= run.letters
                digitsOnly = run.letters == 0
                return index &+ run.count
            }
        }
        word = WordHasher()
        return readRun(from: index, to: end, limit: limit, into: &word)
    }

    /// Adds the run of ASCII letters and digits at `index` to `word`, eight bytes at a time
    /// (``WordHasher/ASCIIRun``) up to `limit`, and counts its letters; returns the end of the run.
    @inline(__always)
    private mutating func readRun(from index: Int, to end: Int, limit: Int, into word: inout WordHasher) -> Int {
        var i = index
        while i <= limit {
            let run = WordHasher.ASCIIRun(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
            guard run.count <= end &- i else { break }
            word.add(run.chunk, count: run.count)
            latin &+= run.letters
            digitsOnly = digitsOnly && run.letters == 0
            i &+= run.count
            if run.count < 8 { return i }
        }
        // The page's last bytes, or a line not ended by a break: a byte at a time.
        while i < end {
            let folded = fold[Int(bytes[i])]
            if folded == 0 { break }
            word.add(UInt64(folded), count: 1)
            if folded >= 0x40 {
                latin &+= 1
                digitsOnly = false
            }
            i &+= 1
        }
        return i
    }

    /// Ends the word (``word``) at byte `offset`.
    @inline(__always)
    mutating func end(at offset: Int) {
        var hits = stopwordHits
        end(at: offset, hash: word.finish, hits: &hits)
        stopwordHits = hits
    }

    /// Ends the word of hash `hash` at byte `offset`, adding its stopword hits to `hits` (``stopwordHits``,
    /// held by the caller).
    @inline(__always)
    mutating func end(at offset: Int, hash: UInt64, hits: inout SIMD16<UInt16>) {
        lastWord = hash
        if afterSlash {
            checkCredit(hash)
            afterSlash = false
        }
        if count < PageScanner.phraseWindow {
            hashes[count] = hash
            ends[count] = offset
        }
        // No branch on whether the word is a stopword (half of them are): a lookup and a vector addition.
        hits &+= tables.stopwordHits(tables.stopwords.value(hash))
        if digitsOnly { numbers &+= 1 }
        count &+= 1
        inWord = false
    }

    /// Notes a photo credit when `word` is a credit word (a one-word phrase of the table).
    @inline(__always)
    mutating func checkCredit(_ word: UInt64) {
        if !credit { credit = phrases.value(Words.phraseHash(CollectionOfOne(word))) & LanguageTables.PhraseKind.credit.rawValue != 0 }
    }
}
