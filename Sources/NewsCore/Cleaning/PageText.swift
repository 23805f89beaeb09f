/// The page a ``Cleaner`` works on: its text, and the same text as UTF-8 bytes for scanning.
///
/// `bytes` is `text`'s own contiguous UTF-8 storage, so the Strings of line ranges are slices of `text`:
/// copied without decoding and validating the UTF-8 again. Ranges must fall on scalar boundaries, as the
/// cleaner's do (it cuts at ASCII bytes and around whole space sequences); any other range is decoded from
/// the bytes instead, never trapping.
struct PageText {
    let text: String
    let bytes: UnsafeBufferPointer<UInt8>

    /// The text of a page line, its spaces normalised when it has odd ones.
    func string(_ line: PageLine) -> String {
        line.oddSpaces ? collapsed(line.start, line.end) : slice(line.start, line.end)
    }

    /// The text of `bytes[start..<end]` as it is.
    func slice(_ start: Int, _ end: Int) -> String {
        if let substring = substring(start, end) { return String(substring) }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// `text` from byte `start` to byte `end`; `nil` when `bytes` is not `text`'s storage or the range is
    /// outside it or not on scalar boundaries.
    private func substring(_ start: Int, _ end: Int) -> Substring? {
        let utf8 = text.utf8
        guard utf8.count == bytes.count, start >= 0, start <= end, end <= bytes.count,
              start == bytes.count || bytes[start] & 0xC0 != 0x80,
              end == bytes.count || bytes[end] & 0xC0 != 0x80 else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: end - start)
        return text[lower..<upper]
    }

    /// Appends `bytes[start..<end]` to `out`.
    private func append(_ start: Int, _ end: Int, to out: inout String) {
        if let substring = substring(start, end) {
            out.append(contentsOf: substring)
        } else {
            out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
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
    private func collapsed(_ start: Int, _ end: Int) -> String {
        // Copy the text between runs of spaces, one space for each run (a single plain space stays in the text).
        var out = ""
        out.reserveCapacity(end - start)
        var i = start
        var textStart = start
        while i < end {
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
            append(textStart, i, to: &out)
            out.append(" ")
            i = runEnd
            textStart = runEnd
        }
        if textStart < end { append(textStart, end, to: &out) }
        return out
    }
}
