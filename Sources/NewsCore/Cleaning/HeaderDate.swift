/// The metadata header some crawlers put before the text: `date 2022-12`, possibly glued to the first
/// sentence or caption on the same line (` date 2023-09 Photo d’…`).
enum HeaderDate {
    /// Parses a header at `bytes[start..<end]`.
    /// - Returns: the date, the end of the header (where the rest of the line starts), or `nil`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> (date: PartialDate, headerEnd: Int)? {
        var i = start
        guard end - i >= 9 else { return nil }
        for (k, letter) in "date".utf8.enumerated() where bytes[i + k] | 0x20 != letter { return nil }
        i += 4
        if i < end, bytes[i] == UInt8(ascii: ":") { i += 1 }
        var spaced = false
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1; spaced = true }
        guard spaced || bytes[i - 1] == UInt8(ascii: ":") else { return nil }
        let dateStart = i
        while i < end, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i - dateStart >= 4, i - dateStart <= 10 else { return nil }
        if i < end, bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0xC2 { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[dateStart..<i]), as: UTF8.self)
        guard let date = PartialDate(iso8601: text) else { return nil }
        return (date, i)
    }
}
