import Foundation
@testable import NewsCore
import TestSupport
import Testing

/// Inputs meant to break the parser: every one must give a value or a ``ParseError``, never a trap, and
/// in time linear in its size (checked here only against generous bounds; numbers are in `newsbench parse`).
struct HostileInputTests {
    static func parser(maxBytes: Int = 64 << 20) -> ArticleParser {
        var configuration = ArticleParser.Configuration()
        configuration.maxBytes = maxBytes
        return ArticleParser(configuration: configuration)
    }

    func outcome(_ bytes: [UInt8], contentType: String? = nil) -> Result<Article, ParseError> {
        Result { () throws(ParseError) -> Article in
            try Self.parser().parse(RawArticle(id: "h", bytes: bytes, hints: .init(contentType: contentType)))
        }
    }

    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    static let paragraph = "The council met again on Tuesday to discuss the budget, and the mayor said that the vote would take place next week after a final reading.\n\n"

    @Test func invalidUTF8IsAnError() throws {
        let truncated = Array("Un texte coupé au milieu d’un caractère ".utf8) + [0xE2, 0x80]
        guard case .failure(let error) = outcome(truncated) else { Issue.record("accepted"); return }
        #expect(error.code == .invalidUTF8)
        let overlong: [UInt8] = [0x41, 0xC0, 0xAF, 0x42]
        guard case .failure(let second) = outcome(overlong) else { Issue.record("accepted"); return }
        #expect(second.message == "invalid UTF-8 at byte 1")
        let surrogate: [UInt8] = Array("abc ".utf8) + [0xED, 0xA0, 0x80]
        #expect(throws: ParseError.self) { try Self.parser().parse(RawArticle(id: "s", bytes: surrogate)) }
    }

    @Test func emptyAndWhitespaceOnly() {
        for bytes in [[], Array("   \n\n\t ".utf8)] as [[UInt8]] {
            guard case .failure(let error) = outcome(bytes) else { Issue.record("accepted"); continue }
            #expect(error.code == .empty)
        }
        // Non-breaking spaces and punctuation only: decodes, but no article text is left.
        guard case .failure(let error) = outcome(Array("\u{A0}\u{A0} ... *** ||| ---\n«»\n".utf8)) else { Issue.record("accepted"); return }
        #expect(error.code == .noContent)
        #expect(error.stage == .clean)
    }

    @Test func hugeTextIsCleanedInLinearTime() {
        let unit = Self.paragraph
        let small = String(repeating: unit, count: 2_000)  // ~290 KB
        let big = String(repeating: unit, count: 140_000)  // ~20 MB
        var cleaned: CleanedText?
        let tSmall = seconds { cleaned = Cleaner().clean(small) }
        #expect(cleaned?.paragraphs.count == 2_000)
        let tBig = seconds { cleaned = Cleaner().clean(big) }
        #expect(cleaned?.paragraphs.count == 140_000)
        // 70 times the input: linear would be ~70 times the time; quadratic ~4900 times.
        #expect(tBig < max(0.5, tSmall) * 400, "small \(tSmall)s, big \(tBig)s")
        #expect(tBig < 120)
    }

    @Test func hugePayloadIsParsed() throws {
        // 8 MB through the whole parser (decode, clean, extract), over the default limit, raised for it.
        // (20 MB goes through the cleaner above; the extractor's debug build makes 20 MB here take minutes.)
        let bytes = Array(Array(Self.paragraph.utf8).repeated(times: 60_000))
        #expect(bytes.count > 8 << 20)
        var article: Article?
        let elapsed = seconds {
            article = try? Self.parser(maxBytes: 32 << 20).parse(RawArticle(id: "b", bytes: bytes))
        }
        #expect(article?.paragraphs.count == 60_000)
        #expect(elapsed < 300)
        _ = try #require(article)
    }

    @Test func tooLargeForTheConfiguredLimit() {
        let bytes = Array(Array(Self.paragraph.utf8).repeated(times: 1_000))
        #expect(throws: ParseError.self) { try Self.parser(maxBytes: 1 << 16).parse(RawArticle(id: "t", bytes: bytes)) }
    }

    @Test func megabyteLongLines() throws {
        let words = String(repeating: "word and more words, ", count: 60_000) + "end."  // ~1.3 MB, one line
        let article = try Self.parser().parse(RawArticle(id: "l", bytes: Array(words.utf8)))
        #expect(article.paragraphs.count == 1)
        #expect(article.paragraphs[0].utf8.count == words.utf8.count)
        let noSpaces = String(repeating: "x", count: 2_000_000)
        let single = try Self.parser().parse(RawArticle(id: "x", bytes: Array(noSpaces.utf8)))
        #expect(single.paragraphs.first?.utf8.count == 2_000_000)
    }

    @Test func pathologicalPunctuation() {
        let cases = [
            String(repeating: ".", count: 1_000_000),
            String(repeating: "!?…", count: 300_000),
            String(repeating: "« » “ ” ' \" ( ) [ ] ", count: 100_000),
            String(repeating: "a. ", count: 500_000),
            String(repeating: "| ", count: 500_000),
            String(repeating: "#", count: 100_000) + "\n" + String(repeating: "\u{301}", count: 100_000),
            String(repeating: "\r\n", count: 500_000) + "text",
            String(repeating: "date 2022-12 ", count: 100_000),
        ]
        for text in cases {
            let elapsed = seconds { _ = outcome(Array(text.utf8)) }
            #expect(elapsed < 60)
        }
        #expect((try? Self.parser().parse(RawArticle(id: "p", bytes: Array(String(repeating: ".", count: 1000).utf8)))) == nil)
    }

    @Test func htmlWithUnclosedTags() throws {
        let html = "<html><body><div><p>The storm closed every school in the county on Monday, officials said, and more snow is expected tomorrow.<p>Second <b>bold <i>nested paragraph that never closes its tags and goes on for a long while."
        let article = try Self.parser().parse(RawArticle(id: "u", bytes: Array(html.utf8)))
        #expect(article.paragraphs.first?.hasPrefix("The storm closed every school") == true)
        let deep = String(repeating: "<div>", count: 200_000) + "<p>Deep text that is an article sentence with enough words in it to count.</p>"
        let elapsed = seconds {
            let result = outcome(Array(deep.utf8), contentType: "text/html")
            #expect((try? result.get())?.paragraphs == ["Deep text that is an article sentence with enough words in it to count."])
        }
        #expect(elapsed < 60)
        let unterminated = "<html><body><p>Text before a comment that never ends.<!-- " + String(repeating: "x", count: 1_000_000)
        #expect((try? outcome(Array(unterminated.utf8)).get())?.paragraphs == ["Text before a comment that never ends."])
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        func reference(_ bytes: [UInt8]) -> Int? {
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            var offset = 0
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
        var generator = TestRandom(seed: 7)
        let pieces: [[UInt8]] = [[0x41], [0x20], [0xC3, 0xA9], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80], [0xC0], [0xC1, 0x80],
                                 [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xBF], [0xFF],
                                 [0xE2, 0x80], [0xF0, 0x9F], Array("plain ascii text ".utf8)]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 12) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
            #expect(InputDecoder.scanUTF8(bytes).invalidOffset == reference(bytes), "\(bytes)")
        }
    }

    @Test func binaryScanAgreesWithAByteLoop() {
        var generator = TestRandom(seed: 11)
        let alphabet: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]
        for _ in 0..<3000 {
            let bytes = (0..<Int(generator.next() % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let expected = bytes.firstIndex { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0C && $0 != 0x0D }
            #expect(InputDecoder.firstBinaryControlOffset(bytes) == expected, "\(bytes)")
        }
    }

    @Test func controlBytesAndBinary() {
        guard case .failure(let error) = outcome([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]) else { Issue.record("accepted"); return }
        #expect(error.code == .binary)
    }

    /// Random bytes are binary first: they are rarely valid UTF-8 either, but `binary` is what they are.
    @Test func randomBytesAreBinaryNotInvalidUTF8() {
        var generator = TestRandom(seed: 12)
        for length in [64, 256, 4096] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            guard case .failure(let error) = outcome(bytes) else { Issue.record("accepted"); continue }
            #expect(error.code == .binary, "\(length) random bytes: \(error.code)")
        }
        // Invalid UTF-8 without control bytes (Latin-1 text) stays invalid_utf8.
        guard case .failure(let latin1) = outcome(Array("Un texte cass".utf8) + [0xE9, 0x20, 0x21]) else { Issue.record("accepted"); return }
        #expect(latin1.code == .invalidUTF8)
    }

    @Test func randomValidUTF8NeverTraps() {
        var generator = TestRandom(seed: 20261123)
        let alphabet: [String] = ["a", "Z", " ", "\n", "\n\n", ".", "!", "«", "»", "é", "Ł", "中", "文", "#", "©", "|", "<p>", "</p>", "<", ">", "&amp;", "&#", ";", "date ", "2022-12", "\u{A0}", "\u{2009}", "\u{FEFF}", "http://", "www.", "Partager cet article", "Read more", "Photo:", "—", "…", "\u{301}", "😀", "\t", "\r"]
        for _ in 0..<500 {
            let length = Int(generator.next() % 300)
            var text = ""
            for _ in 0..<length { text += alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = outcome(Array(text.utf8))
            _ = outcome(Array(text.utf8), contentType: "text/html")
            _ = Cleaner().clean(text)
        }
    }
}

extension Array {
    func repeated(times: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count * times)
        for _ in 0..<times { result.append(contentsOf: self) }
        return result
    }
}
