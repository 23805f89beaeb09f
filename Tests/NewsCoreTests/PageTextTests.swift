@testable import NewsCore
import Testing

/// ``PageText/normalized(_:_:)`` makes every run of spaces (plain, tab, NBSP, Unicode spaces) one plain
/// space, and leaves everything else as it is. It skips eight bytes at a time up to anything that may start
/// such a run, so every kind of space is tried at every offset from the start and from the end of the page.
struct PageTextTests {
    private static let spaces: Set<Unicode.Scalar> = [
        " ", "\t", "\u{0B}", "\u{0C}", "\u{A0}", "\u{2002}", "\u{2009}", "\u{200B}", "\u{202F}", "\u{205F}",
        "\u{3000}", "\u{FEFF}",
    ]

    /// The plain reading: each maximal run of spaces becomes one plain space.
    private static func reference(_ text: String) -> String {
        var result = ""
        var inRun = false
        for scalar in text.unicodeScalars {
            if spaces.contains(scalar) {
                if !inRun { result.append(" ") }
                inRun = true
            } else {
                result.unicodeScalars.append(scalar)
                inRun = false
            }
        }
        return result
    }

    private static func normalized(_ text: String) -> String {
        var text = text
        let page = text
        return text.withUTF8 { PageText(text: page, bytes: $0).normalized(0, $0.count) }
    }

    @Test func everySpaceAtEveryOffset() {
        let pieces = [" ", "  ", "\t", "\u{A0}", " \u{A0}", "\u{A0} ", "\u{202F}", "\u{2009}\u{2009}", " \u{3000} ", "\u{FEFF}"]
        let neighbours = ["«", "’", "é", "…", "»", "x", "\u{2014}"]
        var failures: [String] = []
        for piece in pieces {
            for neighbour in neighbours {
                for offset in 0..<20 {
                    for tail in [0, 1, 5, 12] {
                        let text = String(repeating: "a", count: offset) + neighbour + piece + neighbour
                            + String(repeating: "b", count: tail)
                        if Self.normalized(text) != Self.reference(text) { failures.append(text) }
                    }
                }
            }
        }
        #expect(failures.count == 0, "for instance \(failures.prefix(5))")
    }

    @Test func randomTextsMatchThePlainReading() {
        let alphabet: [String] = ["a", "Z", "é", "’", "«", "»", " ", " ", " ", "\u{A0}", "\u{202F}", "\t", ".", "\u{2014}", "東", "1"]
        var generator = SystemRandomNumberGenerator()
        var failures: [String] = []
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 40)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            if Self.normalized(text) != Self.reference(text) { failures.append(text) }
        }
        #expect(failures.count == 0, "for instance \(failures.prefix(5))")
    }
}
