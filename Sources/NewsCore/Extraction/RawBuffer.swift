/// A growable list of plain values in raw memory, filled by the ``Tokenizer`` and handed over to
/// ``ArticleText``, which frees it: an append is a compare and a store, with no uniqueness check.
struct RawBuffer<Element: BitwiseCopyable> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// The elements; the caller deallocates them.
    func finish() -> UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base, count: count)
    }
}

/// The tokens of an article.
typealias TokenBuffer = RawBuffer<Token>

/// Indices of tokens a finder starts from (quotation marks, date cues, name candidates).
typealias TokenIndexBuffer = RawBuffer<Int32>

extension RawBuffer<Int32> {
    /// Appends a token index. It fits: there are no more tokens than bytes, which the Tokenizer checked fit `Int32`.
    @inline(__always)
    mutating func append(index: Int) {
        append(Int32(truncatingIfNeeded: index))
    }
}
