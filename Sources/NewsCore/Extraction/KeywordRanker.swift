/// Picks an article's most characteristic terms: frequent content words, the title's counting triple.
///
/// Words are counted by folded stem (case, accents and a plural `s`/`x` ignored), skipping stopwords, cue
/// words of the lexicon, numbers and words of fewer than three letters. A word shown capitalised somewhere
/// other than a sentence start keeps its capital (a name); others are shown in lower case. Only words seen
/// at least twice (or once in the title) qualify.
struct KeywordRanker {
    let text: ArticleText
    /// How many keywords to return. Default: `10`.
    var limit = 10

    func rank() -> [String] {
        var size = 256
        while size < text.contentEnd { size <<= 1 }
        // Candidates are capped at size / 2: once that many words are counted, later new words are ignored.
        // Two-byte table slots hold that many for any article below 131,072 tokens, four-byte ones beyond.
        let cap = size / 2
        return cap < Int(UInt16.max) ? rank(counting: UInt16.self, cap: cap) : rank(counting: UInt32.self, cap: cap)
    }

    private func rank<Slot: FixedWidthInteger & UnsignedInteger>(counting slot: Slot.Type, cap: Int) -> [String] {
        let tokens = text.tokens
        var counts = StemCounts<Slot>(limit: cap)
        defer { counts.deallocate() }
        var titleEnd = 0
        if let first = text.lines.first, first.part == .title { titleEnd = first.tokens.upperBound }
        for position in 0..<text.contentEnd {
            let token = tokens[position]
            guard Self.counts(token) != 0 else { continue }
            counts.tally(Self.stem(of: token), at: position, weight: position < titleEnd ? 3 : 1, proper: Self.proper(token))
        }
        // Keep the best `limit` by score, then first appearance, with a small insertion sort. Candidates come
        // in order of first appearance, so one that does not beat the last kept one on score is out.
        var best: [Candidate] = []
        best.reserveCapacity(limit + 1)
        for candidate in counts.candidates {
            guard candidate.score >= 2, best.count < limit || candidate.score > best[best.count - 1].score else { continue }
            var position = best.count
            while position > 0, Self.ranks(candidate, above: best[position - 1]) { position -= 1 }
            best.insert(candidate, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map { candidate in
            let token = tokens[Int(candidate.first)]
            let range = Int(token.start)..<Int(token.end)
            return candidate.proper != 0 ? text.string(range) : text.lowercasedString(range)
        }
    }

    /// 1 when a token is a word counted (a word of three letters or more, not a tag, a stopword or a cue
    /// word), else 0. The four tests are or-ed as integers, leaving the caller one branch instead of four
    /// (which mispredict on the text: word or not, stopword or not).
    @inline(__always)
    private static func counts(_ token: Token) -> Int {
        let short = (UInt64(token.length) &- 3) >> 63
        let rejected = UInt64(token.kind.rawValue) | UInt64(token.shape.rawValue & Token.Shape.tag.rawValue)
            | UInt64(token.info.flags.rawValue & WordInfo.Flags.notKeyword.rawValue) | short
        return Int(truncatingIfNeeded: isZero(rejected))
    }

    /// 1 when a word is capitalised other than at a sentence start, else 0: the capital bit of the shape
    /// without its sentence-start bit, by shifts rather than a branch.
    @inline(__always)
    private static func proper(_ token: Token) -> UInt8 {
        let shape = token.shape.rawValue
        let capital = Token.Shape.capitalised.rawValue.trailingZeroBitCount
        let start = Token.Shape.sentenceStart.rawValue.trailingZeroBitCount
        return (shape >> capital) & ~(shape >> start) & 1
    }

    /// The folded hash without a plural ending: without a final `s` or `x` on words of five letters or more,
    /// worked out from ``Token/hash`` (`(previous ^ last) &* prime`, ``AlphanumericRun/previous(_:last:)``)
    /// and picked by a mask rather than a branch on the word's ending: both hashes are worked out.
    @inline(__always)
    private static func stem(of token: Token) -> UInt64 {
        let last = UInt64(token.last)
        let plural = (isZero(last ^ 0x73) | isZero(last ^ 0x78)) & ((4 &- UInt64(token.length)) >> 63)
        let stripped = AlphanumericRun.previous(token.hash, last: token.last)
        return token.hash ^ ((stripped ^ token.hash) & (0 &- plural))
    }

    /// 1 when `value` is 0, else 0, without a comparison. Invariant: `value < 2^63` (its top bit is clear).
    @inline(__always)
    private static func isZero(_ value: UInt64) -> UInt64 {
        (value &- 1) >> 63
    }

    private static func ranks(_ candidate: Candidate, above other: Candidate) -> Bool {
        candidate.score != other.score ? candidate.score > other.score : candidate.first < other.first
    }

    /// A counted word.
    private struct Candidate {
        var key: UInt64
        /// The token of its first appearance.
        var first: Int32
        var score: Int32 = 0
        /// 1 once seen capitalised other than at a sentence start (a byte or-ed in, not a `Bool` set by a branch).
        var proper: UInt8 = 0
    }

    /// The candidates in order of first appearance, with an open-addressing table from stem to candidate.
    ///
    /// Table slots hold a candidate's index plus one (0: empty), two bytes each for all but huge articles,
    /// so that the table a typical article needs (512 slots) is cleared with a few vector stores; the
    /// candidates themselves are never cleared, only appended. The table is kept at most half full: it
    /// doubles, with the candidates' room, as they come (rarely: 256 candidates are room for about 1,300
    /// tokens of text).
    private struct StemCounts<Slot: FixedWidthInteger & UnsignedInteger> {
        private var slots: UnsafeMutableBufferPointer<Slot>
        private var storage: UnsafeMutableBufferPointer<Candidate>
        private var mask: Int
        private(set) var count = 0
        /// The most candidates counted; a new word beyond is ignored. Invariant: it fits in a `Slot`, so
        /// a candidate's index plus one is stored without loss.
        let limit: Int

        init(limit: Int) {
            self.limit = limit
            (storage, slots) = Self.allocate(capacity: min(limit, 256))
            mask = slots.count - 1
        }

        /// Room for `capacity` candidates and a cleared table of twice as many slots, in one allocation (one
        /// `malloc` and one `free` an article, not two: blocks this size miss the allocator's fast path).
        /// Invariant: the table comes first and its bytes are rounded up to 64, so the candidates after it are
        /// aligned; each part is bound to its own type only, and the block is freed through the table.
        private static func allocate(capacity: Int) -> (UnsafeMutableBufferPointer<Candidate>, UnsafeMutableBufferPointer<Slot>) {
            let slotBytes = (2 * capacity * MemoryLayout<Slot>.stride + 63) & ~63
            let raw = UnsafeMutableRawPointer.allocate(
                byteCount: slotBytes + capacity * MemoryLayout<Candidate>.stride, alignment: MemoryLayout<Candidate>.alignment
            )
            let slots = UnsafeMutableBufferPointer(start: raw.bindMemory(to: Slot.self, capacity: 2 * capacity), count: 2 * capacity)
            slots.initialize(repeating: 0)
            let candidates = UnsafeMutableBufferPointer(start: (raw + slotBytes).bindMemory(to: Candidate.self, capacity: capacity), count: capacity)
            return (candidates, slots)
        }

        /// The candidates, in order of first appearance (valid until the next ``tally(_:at:weight:proper:)``).
        var candidates: UnsafeMutableBufferPointer<Candidate> { UnsafeMutableBufferPointer(rebasing: storage[..<count]) }

        /// Adds `weight` to the candidate of `key`, making it first seen at `position` if new.
        @inline(__always)
        mutating func tally(_ key: UInt64, at position: Int, weight: Int32, proper: UInt8) {
            var slot = Self.home(key, mask)
            while true {
                let stored = Int(slots[slot])
                if stored == 0 { break }
                if storage[stored &- 1].key == key {
                    credit(weight, proper, to: stored &- 1)
                    return
                }
                slot = (slot &+ 1) & mask
            }
            guard count < limit else { return }
            if count == storage.count {
                grow()
                slot = Self.home(key, mask)
                while slots[slot] != 0 { slot = (slot + 1) & mask }
            }
            // Invariant: `count < storage.count`, so the candidate is initialized within its room.
            (storage.baseAddress! + count).initialize(to: Candidate(key: key, first: Int32(truncatingIfNeeded: position)))
            count &+= 1
            slots[slot] = Slot(truncatingIfNeeded: count)
            credit(weight, proper, to: count - 1)
        }

        /// Wrapping arithmetic in this hot path: token positions fit in `Int32` (byte offsets do), and a score
        /// is at most three times the number of tokens.
        @inline(__always)
        private func credit(_ weight: Int32, _ proper: UInt8, to candidate: Int) {
            storage[candidate].score &+= weight
            storage[candidate].proper |= proper
        }

        @inline(__always)
        private static func home(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        }

        /// Doubles the candidates' room and the table, putting the candidates back into the table.
        private mutating func grow() {
            let (grown, table) = Self.allocate(capacity: storage.count * 2)
            _ = grown.initialize(fromContentsOf: storage[..<count])
            deallocate()
            storage = grown
            slots = table
            mask = slots.count - 1
            for candidate in 0..<count {
                var slot = Self.home(storage[candidate].key, mask)
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = Slot(truncatingIfNeeded: candidate + 1)
            }
        }

        /// Frees the table and, with it, the candidates (one block from ``allocate(capacity:)``, starting with the
        /// table; candidates hold no references: nothing to deinitialize).
        func deallocate() {
            slots.deallocate()
        }
    }
}
