/// The page a ``Cleaner`` works on: its text, and the same text as UTF-8 bytes for scanning.
///
/// `bytes` is `text`'s own contiguous UTF-8 storage (`text` keeps it alive), so it is valid UTF-8, and so is
/// any range of it that starts and ends on scalar boundaries, as the cleaner's ranges do (it cuts at ASCII
/// bytes and around whole space sequences): the Strings of such ranges are copied from the bytes without
/// the standard library validating them again, and without String indices. Any other range is decoded
/// from the bytes instead, never trapping.
struct PageText {
    let text: String
    let bytes: UnsafeBufferPointer<UInt8>

    /// The text of a page line, its spaces normalised when it has odd ones.
    func string(_ line: PageLine) -> String {
        line.oddSpaces ? collapsed(line.start, line.end) : slice(line.start, line.end)
    }

    /// The text of `bytes[start..<end]` as it is.
    func slice(_ start: Int, _ end: Int) -> String {
        guard start >= 0, start <= end, end <= bytes.count, isBoundary(start), isBoundary(end) else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return String(wellFormedUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// `true` when byte `offset` (at most `bytes.count`) starts a scalar or ends the page.
    private func isBoundary(_ offset: Int) -> Bool {
        offset == bytes.count || bytes[offset] & 0xC0 != 0x80
    }

    /// The text of `bytes[start..<end]`, runs of spaces (NBSP and other Unicode spaces too) made one space
    /// when it has a run of spaces or a tab or Unicode space; as it is otherwise.
    func normalized(_ start: Int, _ end: Int) -> String {
        var needsWork = false
        var i = start
        var previousSpace = false
        while i < end {
            let b = bytes[i]
            if b == 0x20 {
                if previousSpace { needsWork = true; break }
                previousSpace = true
            } else if b == 0x09 || b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF {
                if PageScanner.spaceWidth(bytes, at: i, end: end) > 0 { needsWork = true; break }
                previousSpace = false
            } else {
                previousSpace = false
            }
            i += 1
        }
        return needsWork ? collapsed(start, end) : slice(start, end)
    }

    /// The text of `bytes[start..<end]`, runs of spaces (NBSP and other Unicode spaces too) made one space.
    ///
    /// Built as bytes: whole scalars are copied and whole space sequences replaced by a space, so the result
    /// is well-formed when the range is (``slice(_:_:)``'s condition).
    private func collapsed(_ start: Int, _ end: Int) -> String {
        guard start >= 0, start <= end, end <= bytes.count, isBoundary(start), isBoundary(end), let base = bytes.baseAddress else {
            return slice(start, end)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: end - start) { out -> String in
            // Copy the text between runs of spaces, one space for each run (a single plain space stays in the text).
            var count = 0
            func copy(_ from: Int, _ to: Int) {
                (out.baseAddress! + count).update(from: base + from, count: to - from)
                count += to - from
            }
            var i = start
            var textStart = start
            // Eight bytes at a time up to the first that may start a space to collapse (most of a line):
            // eight and one more are read, for the byte after each.
            let lastLoad = bytes.count - 9
            while i < end {
                if i <= lastLoad {
                    let skip = Self.plainBytes(UnsafeRawPointer(base + i))
                    i += skip
                    if skip == 8 { continue }
                    if i >= end { break }
                }
                let b = bytes[i]
                if b > 0x20 && b < 0xC2 {
                    // Not the first byte of a space.
                    i += 1
                    continue
                }
                if b == 0x20 {
                    if i + 1 < end, bytes[i + 1] > 0x20, bytes[i + 1] < 0xC2 {
                        // A single plain space, then a byte that starts no space.
                        i += 2
                        continue
                    }
                } else if PageScanner.spaceWidth(bytes, at: i, end: end) == 0 {
                    i += 1
                    continue
                }
                var runEnd = i
                while runEnd < end {
                    let width = PageScanner.spaceWidth(bytes, at: runEnd, end: end)
                    if width == 0 { break }
                    runEnd += width
                }
                if runEnd == i || (runEnd == i + 1 && b == 0x20) {
                    i = max(runEnd, i + 1)
                    continue
                }
                copy(textStart, i)
                out[count] = 0x20
                count += 1
                i = runEnd
                textStart = runEnd
            }
            if textStart < end { copy(textStart, end) }
            return String(wellFormedUTF8: UnsafeBufferPointer(rebasing: out[..<count]))
        }
    }

    /// How many of the eight bytes at `pointer` (0...8) come before the first that may start a space to
    /// collapse: a control byte, the lead byte of NBSP (0xC2) or of a three-byte space (0xE2 and up), or a
    /// plain space before a space or such a byte. Worked out on the eight bytes at once; reads nine.
    @inline(__always)
    private static func plainBytes(_ pointer: UnsafeRawPointer) -> Int {
        let bytes = pointer.loadUnaligned(as: UInt64.self)
        let next = pointer.loadUnaligned(fromByteOffset: 1, as: UInt64.self)
        let spaceBeforeSpace = EightBytes.equal(bytes, 0x20) & (EightBytes.equal(next, 0x20) | spaceLeads(next))
        return EightBytes.bytesBefore(spaceLeads(bytes) | spaceBeforeSpace)
    }

    /// Bit 7 of each byte of `word` that may start a space other than a plain one: below 0x20, 0xC2, 0xE2
    /// and above.
    @inline(__always)
    private static func spaceLeads(_ word: UInt64) -> UInt64 {
        // 0xE2 and above: bit 7 set, and the low seven bits at least 0x62.
        let threeByteLead = ((word & ~EightBytes.high) &+ 0x1E &* EightBytes.ones) & word & EightBytes.high
        return EightBytes.controls(word) | threeByteLead | EightBytes.equal(word, 0xC2)
    }
}
