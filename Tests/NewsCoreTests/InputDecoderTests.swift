import Foundation
import NewsCore
import Testing

struct InputDecoderTests {
    let parser = ArticleParser()

    func error(_ bytes: [UInt8], contentType: String? = nil) -> ParseError? {
        do {
            _ = try parser.parse(RawArticle(id: "x", bytes: bytes, hints: .init(contentType: contentType)))
            return nil
        } catch {
            return error
        }
    }

    /// Who says what about an article, strongest first: the envelope, then the transport, then the page.
    @Test func metadataPrecedenceIsEnvelopeThenTransportThenPage() throws {
        let story = "<p>Heavy snow closed every school in the county on Monday, officials said, and more snow is expected tomorrow.</p>"
            + "<p>The regional council met in the evening and agreed to keep the roads open with extra gritting teams.</p>"
        let html = "<html><head><link rel=canonical href='https://page.example/a'><meta property='og:site_name' content='Page'>"
            + "<meta property='article:published_time' content='2024-03-01'></head><body><article>\(story)</article></body></html>"
        let hints = RawArticle.Hints(source: "Crawler", url: "https://crawler.example/a", publishedAt: "2024-03-02")
        func parse(_ envelope: [String: String], hints: RawArticle.Hints) throws -> Article {
            let bytes = try JSONSerialization.data(withJSONObject: envelope.merging(["html": html]) { $1 })
            return try parser.parse(RawArticle(id: "x", bytes: Array(bytes), hints: hints))
        }
        let declared = try parse(["url": "https://wire.example/a", "source": "Wire", "published_at": "2024-03-03"], hints: hints)
        #expect(declared.source.url == "https://wire.example/a")
        #expect(declared.source.outlet == "Wire")
        #expect(declared.published == PartialDate(year: 2024, month: 3, day: 3))
        let transport = try parse([:], hints: hints)
        #expect(transport.source.url == "https://crawler.example/a")
        #expect(transport.source.outlet == "Crawler")
        #expect(transport.published == PartialDate(year: 2024, month: 3, day: 2))
        let page = try parse([:], hints: RawArticle.Hints())
        #expect(page.source.url == "https://page.example/a")
        #expect(page.source.outlet == "Page")
        #expect(page.published == PartialDate(year: 2024, month: 3, day: 1))
    }

    @Test func emptyAndWhitespaceAreEmpty() {
        #expect(error([])?.code == .empty)
        #expect(error(Array(" \n\t\r\n".utf8))?.code == .empty)
    }

    @Test func invalidUTF8NamesTheOffset() {
        let bytes = Array("Bonjour ".utf8) + [0xC3, 0x28] + Array(" monde".utf8)
        let failure = error(bytes)
        #expect(failure?.code == .invalidUTF8)
        #expect(failure?.message == "invalid UTF-8 at byte 8")
    }

    @Test func binaryGarbageIsRejected() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let code = error(bytes)?.code
        #expect(code == .invalidUTF8 || code == .binary)
        #expect(error(Array("text\u{0}more".utf8))?.code == .binary)
    }

    @Test func tooLargeIsRejectedBeforeDecoding() {
        var configuration = ArticleParser.Configuration()
        configuration.maxBytes = 1000
        let small = ArticleParser(configuration: configuration)
        #expect(throws: ParseError.self) { try small.parse(RawArticle(id: "x", bytes: Array(repeating: 0x61, count: 1001))) }
    }

    @Test func envelopeFieldsAreUsed() throws {
        let json = #"{"id":"e1","url":"https://example.org/a","source":"Example","published_at":"2024-03-05T10:00:00Z","language":"EN","title":"A headline","body":"First paragraph of the story.\n\nSecond paragraph.","extra":{"ignored":[1,2,3]}}"#
        let article = try parser.parse(RawArticle(id: "e1", bytes: Array(json.utf8)))
        #expect(article.title == "A headline")
        #expect(article.source.url == "https://example.org/a")
        #expect(article.source.outlet == "Example")
        #expect(article.published?.description == "2024-03-05")
    }

    /// Found by the fuzz target (CI, 2026-11-24): an envelope title with line breaks became a multi-line title.
    @Test func envelopeTitleIsOneLine() throws {
        let json = #"{"title":"  aragraph.\n\nT\tend\u00a0 ","body":"First paragraph.\n\nSnc.edo"}"#
        #expect(try parser.parse(RawArticle(id: "e", bytes: Array(json.utf8))).title == "aragraph. T end")
        let blank = #"{"title":" \n\r\n ","body":"First paragraph."}"#
        #expect(try parser.parse(RawArticle(id: "e", bytes: Array(blank.utf8))).title == nil)
    }

    @Test func malformedEnvelopesSayWhy() {
        #expect(error(Array(#"{"title":"no body"}"#.utf8))?.message == "missing required field 'body' (or 'html')")
        #expect(error(Array(#"{"body": 42}"#.utf8))?.message.hasPrefix("field 'body': expected") == true)
        #expect(error(Array(#"{"body": "x", "published_at": "yesterday"}"#.utf8))?.message == "field 'published_at': not an ISO 8601 date: yesterday")
        #expect(error(Array(#"{"body": "unterminated"#.utf8))?.code == .malformedEnvelope)
    }

    @Test func deeplyNestedJSONIsAnErrorNotACrash() {
        let depth = 100_000
        let json = #"{"body":"x","deep":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(error(Array(json.utf8))?.code == .malformedEnvelope)
    }
}

struct EnvelopeIDTests {
    let json = Array(#"{"id":"crawler-42","body":"Le président a parlé ce matin devant la presse réunie à Paris."}"#.utf8)

    @Test func fileNameIsKeptByDefault() throws {
        #expect(try ArticleParser().parse(RawArticle(id: "file", bytes: json)).id == "file")
    }

    @Test func envelopeIDWinsWhenAsked() throws {
        var configuration = ArticleParser.Configuration()
        configuration.envelopeIDWins = true
        #expect(try ArticleParser(configuration: configuration).parse(RawArticle(id: "key", bytes: json)).id == "crawler-42")
    }
}
