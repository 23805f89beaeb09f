/// A growable list of token indices in raw memory, filled by the ``Tokenizer`` and handed over to
/// ``ArticleText`` like a ``TokenBuffer``: an append is a compare and a store, with no uniqueness check.
struct TokenIndexBuffer {
    private var base: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ index: Int) {
        if count == capacity { grow() }
        // A token index fits: there are no more tokens than bytes, which the Tokenizer checked fit Int32.
        (base + count).initialize(to: Int32(truncatingIfNeeded: index))
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    /// The indices; the caller deallocates them.
    func finish() -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(start: base, count: count)
    }
}
