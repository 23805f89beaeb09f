@testable import NewsCore
import Testing

/// HTML pages, parsed from their bytes: charset, structure, metadata, hostile shapes.
struct HTMLPageTests {
    let parser = ArticleParser()

    /// Three paragraphs of article text that any extractor should keep.
    static let story = """
        <p>Heavy snow closed every school in the county on Monday, officials said, and more snow is expected tomorrow.</p>
        <p>The county's road crews worked through the night to clear the main roads, but many side streets remained blocked by drifts.</p>
        <p>Parents were asked to keep children at home until the weather service lifts its warning for the region.</p>
        """

    func parse(_ bytes: [UInt8], contentType: String? = nil) throws -> Article {
        try parser.parse(RawArticle(id: "h", bytes: bytes, hints: .init(contentType: contentType)))
    }

    func parse(_ html: String, contentType: String? = nil) throws -> Article {
        try parse(Array(html.utf8), contentType: contentType)
    }

    func page(head: String = "", body: String) -> String {
        "<!DOCTYPE html><html><head>\(head)</head><body>\(body)</body></html>"
    }

    // MARK: - Structure

    @Test func furnitureGoesArticleStays() throws {
        let html = page(
            head: "<title>Storm closes schools | Daily Planet</title><style>p { color: red }</style><script>var x = '<p>not text</p>';</script>",
            body: """
            <header><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></header>
            <nav><ul><li><a href="/a">World</a></li><li><a href="/b">Politics</a></li></ul></nav>
            <article><h1>Storm closes schools</h1>\(Self.story)
            <figure><img src="x.jpg"><figcaption>A snowplough on Main Street. Photo: J. Smith</figcaption></figure>
            <div class="share-buttons">Share on Facebook Share on Twitter</div>
            </article>
            <aside><h2>Most read</h2><p>Mayor opens new bridge over the river after two years of work.</p></aside>
            <div id="comments"><p>I think the schools should have stayed open, this is ridiculous weather for January.</p></div>
            <footer>© 2026 Daily Planet. All rights reserved.</footer>
            """
        )
        let article = try parse(html)
        #expect(article.title == "Storm closes schools")
        #expect(article.lead?.hasPrefix("Heavy snow closed every school") == true)
        let text = article.paragraphs.joined(separator: "\n")
        #expect(text.contains("many side streets remained blocked"))
        #expect(text.contains("weather service lifts its warning"))
        for cruft in ["Share on Facebook", "snowplough", "Mayor opens", "ridiculous weather", "All rights reserved", "Politics", "not text"] {
            #expect(!text.contains(cruft), "\(cruft) should be gone")
        }
    }

    @Test func listsQuotesAndEntitiesKeepTheirOrder() throws {
        let html = page(body: """
            <div class="article-body">\(Self.story)
            <blockquote>&laquo;We have never seen anything like it,&raquo; said the caf&eacute; owner &#8212; twice.</blockquote>
            <ul><li>Schools closed on Monday and Tuesday in the whole county.</li><li>Buses will not run until the roads are safe again.</li></ul>
            </div>
            """)
        let article = try parse(html)
        let paragraphs = article.paragraphs
        let quote = paragraphs.firstIndex { $0.hasPrefix("«We have never seen anything like it,» said the café owner — twice.") }
        let item = paragraphs.firstIndex { $0.hasPrefix("Buses will not run") }
        #expect(quote != nil && item != nil && quote! < item!)
    }

    @Test func brokenMarkupIsRecovered() throws {
        // Unclosed paragraphs, a stray "<", misnested inline elements, an unterminated comment at the end.
        let html = "<html><body><div><p>Heavy snow closed every school in the county on Monday, officials said, and 3 < 4 <b>bold <i>and</b> more</i> snow is expected tomorrow.<p>The county's road crews worked through the night to clear the main roads, but many side streets remained blocked.<!-- never closed"
        let article = try parse(html)
        #expect(article.lead == "Heavy snow closed every school in the county on Monday, officials said, and 3 < 4 bold and more snow is expected tomorrow.")
        #expect(article.body.first?.hasPrefix("The county's road crews") == true)
    }

    @Test func deeplyNestedMarkupIsBounded() throws {
        // 100,000 nested elements: the parser and every walk over the tree stay loops; the text of elements
        // nested beyond HTMLDocument.maxDepth is kept, as one run of text.
        let html = "<html><body><div>" + Self.story + String(repeating: "<div><span>", count: 50_000) + "Deep text that is an article sentence with enough words in it to count." + "</body></html>"
        let article = try parse(html)
        #expect(article.lead?.hasPrefix("Heavy snow closed") == true)
        #expect(article.paragraphs.last == "Deep text that is an article sentence with enough words in it to count.")
    }

    @Test func fiftyMegabytePageIsParsed() throws {
        // A 50 MB page (many paragraphs, one huge link list): parsed in one pass, with a limit raised to allow it.
        var html = "<html><head><title>Big page</title></head><body><nav>"
        html += String(repeating: "<a href=\"/x\">link</a> ", count: 200_000)
        html += "</nav><article>"
        let paragraph = "<p>The council met again on Thursday to discuss the budget for next year, and members agreed on most points.</p>\n"
        html += String(repeating: paragraph, count: (50 << 20) / paragraph.utf8.count)
        html += "</article></body></html>"
        #expect(html.utf8.count > 50_000_000)
        var configuration = ArticleParser.Configuration()
        configuration.maxBytes = 64 << 20
        let article = try ArticleParser(configuration: configuration).parse(RawArticle(id: "big", bytes: Array(html.utf8)))
        #expect(article.lead?.hasPrefix("The council met again") == true)
        #expect(article.body.count > 100_000)
        // With the default limit the same page is refused before parsing.
        #expect(throws: ParseError.self) { try parse(html) }
    }

    @Test func linesOfTheMarkedArticleBodyAreKeptWhateverTheirShape() throws {
        // A recipe: its ingredients are short lines without a verb, before the prose. The page marks them as part
        // of its article body, so they are kept (the text cleaner alone finds the article in the prose only).
        let html = page(head: "<title>Honey muffins</title>", body: """
            <nav><a href="/">Home</a> <a href="/recipes">Recipes</a></nav>
            <h1>Honey muffins</h1>
            <div class="entry-content"><p>Jan 17, 2008 04:05 PM</p><p>aja/PAP</p><h2>Ingredients</h2><ul><li>250 g wheat flour</li><li>50 g caster sugar</li><li>two large eggs, beaten</li></ul>
            \(Self.story)</div>
            <footer>© 2026 Example Recipes</footer>
            """)
        let article = try parse(html)
        let text = article.paragraphs.joined(separator: "\n")
        for line in ["250 g wheat flour", "50 g caster sugar", "two large eggs, beaten", "many side streets remained blocked"] {
            #expect(text.contains(line), "\(line) should be kept")
        }
        // Datelines and one- or two-word signatures inside the article body are not its text.
        for cruft in ["Recipes", "04:05 PM", "aja/PAP"] {
            #expect(!text.contains(cruft), "\(cruft) should be gone")
        }
    }

    @Test func metadataLinesAndAuthorBoxesInsideTheArticleBodyGo() throws {
        // Inside the marked article body, lines of three words or more are kept whatever their shape; an element
        // whose class or id says meta, author, dateline or timestamp is the story's furniture, not its text.
        let html = page(head: "<title>Snow day</title>", body: """
            <div itemprop="articleBody">
            <ul class="article__meta"><li>Section Weather</li><li>published: 2026-01-12 08:00 by the news desk</li></ul>
            <div class="post-author">Lois Lane and Clark Kent</div>
            \(Self.story)
            <span class="img-metadata">The main road at dawn, photo by the county archives</span>
            <p id="dateline">Smallville, Monday twelfth of January</p>
            <p class="entry-timestamp">Updated on Monday evening after the council met</p>
            </div>
            """)
        let text = try parse(html).paragraphs.joined(separator: "\n")
        #expect(text.contains("many side streets remained blocked"))
        for cruft in ["published:", "Lois Lane", "photo by the county", "Smallville", "Updated on Monday"] {
            #expect(!text.contains(cruft), "\(cruft) should be gone")
        }
    }

    @Test func articleBodyNamedTheBEMWayIsMarked() throws {
        // `article__content` (block__element) marks the article body as `article-content` does: its short lines
        // of figures, which the text cleaner alone would cut off, are kept.
        let html = page(head: "<title>Budget passed</title>", body: """
            <div class="article__content">\(Self.story)
            <p>Where the money goes</p><ul><li>roads and bridges: 4.5 million euros</li><li>schools and libraries: 2.1 million euros</li></ul>
            </div>
            <footer>© 2026 Example News</footer>
            """)
        let text = try parse(html).paragraphs.joined(separator: "\n")
        for line in ["many side streets remained blocked", "roads and bridges: 4.5 million euros", "schools and libraries: 2.1 million euros"] {
            #expect(text.contains(line), "\(line) should be kept")
        }
    }

    @Test func adTokenOnAnElementOfMuchPlainTextIsNotFurniture() throws {
        // Pages name the wrapper of a story by where its ads go (`story-ad`): a class token `ad` on an element that
        // holds a good deal of plain text is not an ad; a small `ad` box still is.
        let moreStory = (1...8).map { "<p>Paragraph \($0) of the report: the council will meet again next week to decide how much of the budget goes to clearing snow.</p>" }
        // A long menu, so that the story's element does not hold most of the page's text (which alone would keep it).
        let menu = (1...120).map { "<li><a href=\"/s\($0)\">Section number \($0)</a></li>" }
        let html = page(head: "<title>Snow day</title>", body: """
            <ul>\(menu.joined())</ul><h1>Snow day</h1><p>Our reporters were out in the snow all day.</p>
            <div class="story-ad">\(Self.story)\(moreStory.joined())
            <div class="ad">Buy cheap winter tyres today and save</div></div>
            """)
        let text = try parse(html).paragraphs.joined(separator: "\n")
        #expect(text.contains("many side streets remained blocked"))
        #expect(text.contains("Paragraph 8 of the report"))
        #expect(!text.contains("winter tyres"))
    }

    @Test func labelThenLinkLinesInsideTheArticleBodyGo() throws {
        // "Read more: <a>…</a>", a kicker then a headline: a label ending in a colon and a link that ends the element
        // point to another page, even inside the marked article body. A sentence that merely holds a link stays.
        let html = page(head: "<title>Snow day</title>", body: """
            <div class="entry-content">\(Self.story)
            <h6><strong>Mire:&nbsp;</strong><a href="/a">El cantante da positivo a COVID-19</a></h6>
            <p><em>Former mayor of the town: <a href="/b">the bridge must wait</a></em></p>
            <p>Officials said the <a href="/c">snow report</a> would be updated tonight: check the county website.</p>
            </div>
            """)
        let text = try parse(html).paragraphs.joined(separator: "\n")
        #expect(text.contains("many side streets remained blocked"))
        #expect(text.contains("Officials said the snow report would be updated tonight"))
        for cruft in ["El cantante", "the bridge must wait"] {
            #expect(!text.contains(cruft), "\(cruft) should be gone")
        }
    }

    @Test func teaserListsWithoutClassNamesGo() throws {
        // Other stories as headline links each with a sentence of summary, in boxes with no class name: as `<dt>`/`<dd>`
        // pairs and as list items. The article, whose paragraphs hold links of their own, stays.
        let teasers = (1...4).map {
            "<dt><a href=\"/s\($0)\">Council votes on the harbour plan, story \($0)</a></dt><dd>The harbour plan goes to a final vote next week after two years of hearings.</dd>"
        }
        let items = (1...3).map {
            "<li><h3><a href=\"/t\($0)\">Ferry service returns to the island, part \($0)</a></h3><p>Crews restored the morning crossing after the winter repairs ended.</p></li>"
        }
        let html = page(head: "<title>Snow day</title>", body: """
            <div><h1>Snow day</h1>\(Self.story)
            <p>Officials said the <a href="/w">snow report</a> would be updated tonight, and the <a href="/c">county notice</a> lists every closed road.</p></div>
            <div><h3>Headlines</h3><dl>\(teasers.joined())</dl></div><div><ul>\(items.joined())</ul></div>
            """)
        let text = try parse(html).paragraphs.joined(separator: "\n")
        #expect(text.contains("many side streets remained blocked"))
        #expect(text.contains("the snow report would be updated tonight, and the county notice lists"))
        for cruft in ["harbour plan", "Ferry service", "winter repairs"] {
            #expect(!text.contains(cruft), "\(cruft) should be gone")
        }
    }

    @Test func preformattedWireStoryKeepsItsParagraphs() throws {
        // A wire story in `<pre>`, hard-wrapped, its headline repeated as its first paragraph: one line per
        // paragraph (not the whole story as one line, which was then taken for the headline and dropped).
        let html = page(head: "<title>Remote maker unveils a touch screen model | Wire</title>", body: """
            <div class="article"><h1>Remote maker unveils a touch screen model</h1><pre>
            Remote maker unveils a touch screen model

            LAS VEGAS--Today at the Consumer Electronics Show, the company
            unveiled its new remote control, marking a significant step in the
            evolution of its best-selling line of remotes.

            The remote makes controlling home entertainment even easier with a
            full-color touch screen and an intuitive button layout, the company said.
            </pre></div>
            """)
        let article = try parse(html)
        #expect(article.lead == "LAS VEGAS--Today at the Consumer Electronics Show, the company unveiled its new remote control, marking a significant step in the evolution of its best-selling line of remotes.")
        #expect(article.body == ["The remote makes controlling home entertainment even easier with a full-color touch screen and an intuitive button layout, the company said."])
    }

    @Test func pageOfOnlyNavigationIsNoContent() {
        let html = page(body: "<nav><ul>" + (1...40).map { "<li><a href=\"/s\($0)\">Section \($0)</a></li>" }.joined() + "</ul></nav><footer>© Example</footer>")
        do {
            _ = try parse(html)
            Issue.record("a page of navigation has no article")
        } catch let error as ParseError {
            #expect(error.code == .noContent)
            #expect(error.message.contains("HTML page"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    // MARK: - Charset

    /// The story with a Latin-1 character (é) and a windows-1252 one (’, 0x92), encoded in windows-1252.
    func windows1252Page(meta: String) -> [UInt8] {
        let head = Array("<html><head>\(meta)</head><body><p>Le caf".utf8)
        let tail = Array(" a ferm\u{E9} ses portes lundi, a dit le maire, et la neige tombe encore sur toute la r\u{E9}gion.</p></body></html>".utf8)
        // é as 0xE9, ’ as 0x92 (windows-1252), outside the UTF-8 strings above.
        return head + [0xE9, 0x92, 0x73] + tail.withUTF8Replaced()
    }

    @Test func declaredWindows1252() throws {
        let article = try parse(windows1252Page(meta: "<meta charset=\"windows-1252\">"))
        #expect(article.lead?.hasPrefix("Le café’s a fermé ses portes") == true)
    }

    @Test func undeclaredLegacyBytesAreWindows1252() throws {
        let article = try parse(windows1252Page(meta: ""))
        #expect(article.lead?.hasPrefix("Le café’s a fermé ses portes") == true)
    }

    @Test func wronglyDeclaredUTF8IsWindows1252() throws {
        let article = try parse(windows1252Page(meta: "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"))
        #expect(article.lead?.hasPrefix("Le café’s a fermé ses portes") == true)
    }

    @Test func latin1DeclaredButUTF8BytesAreUTF8() throws {
        let html = "<html><head><meta charset=iso-8859-1></head><body><p>Le café a fermé ses portes lundi, a dit le maire, et la neige tombe encore sur toute la région.</p></body></html>"
        let article = try parse(html)
        #expect(article.lead?.hasPrefix("Le café a fermé ses portes") == true)
    }

    @Test func transportCharsetAndOtherEncodings() throws {
        // "Zażółć" in ISO-8859-2: ż 0xBF, ó 0xF3, ł 0xB3, ć 0xE6; declared by the content type only.
        let text = Array("<html><body><p>Za".utf8) + [0xBF, 0xF3, 0xB3, 0xE6]
            + Array(" - zdanie testowe o pogodzie w Polsce, ktore ma wystarczajaco duzo slow i konczy sie kropka.</p></body></html>".utf8)
        let article = try parse(text, contentType: "text/html; charset=ISO-8859-2")
        #expect(article.lead?.hasPrefix("Zażółć") == true)
    }

    @Test func byteOrderMarkWins() throws {
        let html = [0xEF, 0xBB, 0xBF] + Array("<html><head><meta charset=windows-1252></head><body><p>Le café a fermé ses portes lundi, a dit le maire, et la neige tombe encore sur toute la région.</p></body></html>".utf8)
        let article = try parse(html)
        #expect(article.lead?.hasPrefix("Le café a fermé") == true)
    }

    @Test func controlBytesAreSpacesNotBinary() throws {
        let html = Array(page(body: Self.story).utf8).map { $0 == UInt8(ascii: "M") ? 0x00 : $0 }
        let article = try parse(html)
        #expect(article.lead?.hasPrefix("Heavy snow closed every school in the county on onday") == true)
    }

    /// A Polish page in UTF-8 with one stray windows-1252 byte (0x92, a pasted apostrophe) in its last paragraph.
    func utf8PageWithAStrayByte(meta: String) -> [UInt8] {
        let head = Array("<html><head>\(meta)</head><body><p>Zażółć gęślą jaźń: rząd ogłosił w poniedziałek, że szkoły pozostaną zamknięte aż do końca tygodnia.</p><p>Minister powiedział".utf8)
        let tail = Array(" dziennikarzom, że śnieg będzie padał jeszcze przez dwa dni w całym regionie.</p></body></html>".utf8)
        return head + [0x92] + tail
    }

    @Test(arguments: ["<meta charset=utf-8>", "", "<meta charset=iso-8859-2>"])
    func mostlyUTF8WithAStrayByteIsUTF8(meta: String) throws {
        // Read as windows-1252 (or ISO-8859-2), every Polish letter of the page would be mojibake.
        let article = try parse(utf8PageWithAStrayByte(meta: meta))
        #expect(article.lead == "Zażółć gęślą jaźń: rząd ogłosił w poniedziałek, że szkoły pozostaną zamknięte aż do końca tygodnia.")
        #expect(article.body.first == "Minister powiedział\u{FFFD} dziennikarzom, że śnieg będzie padał jeszcze przez dwa dni w całym regionie.")
    }

    // MARK: - Metadata

    @Test func jsonLDArticle() throws {
        let head = """
            <title>Snow day - Daily Planet</title>
            <script type="Application/LD+JSON">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Daily Planet"},
            {"@type":["NewsArticle"],"headline":"Storm closes every school in the county","datePublished":"2026-01-12T08:00:00Z",
            "dateModified":"2026-01-12T10:00:00Z","author":[{"@type":"Person","name":"Lois Lane"},{"@type":"Person","name":"Clark Kent"}],
            "publisher":{"@type":"Organization","name":"Daily Planet"}}]}</script>
            """
        let article = try parse(page(head: head, body: "<h1>Storm closes every school in the county</h1>" + Self.story))
        #expect(article.title == "Storm closes every school in the county")
        #expect(article.published == PartialDate(year: 2026, month: 1, day: 12))
        #expect(article.source.outlet == "Daily Planet")
        #expect(article.source.byline == "Lois Lane, Clark Kent")
        #expect(!article.paragraphs.contains("Storm closes every school in the county"))
    }

    @Test func titleLosesSiteNameAfterAnySeparator() {
        #expect(HTMLMetadata.withoutSiteName("Storm closes schools | Daily Planet", siteName: "Daily Planet") == "Storm closes schools")
        #expect(HTMLMetadata.withoutSiteName("Daily Planet :: Storm closes schools", siteName: nil) == "Storm closes schools")
        #expect(HTMLMetadata.withoutSiteName("Storm closes schools", siteName: "Daily Planet") == "Storm closes schools")
        // The Greek ano teleia is the middle dot by canonical equivalence: a separator too.
        #expect(HTMLMetadata.withoutSiteName("Κλειστά τα σχολεία λόγω χιονιού \u{0387} Καθημερινή", siteName: "Καθημερινή") == "Κλειστά τα σχολεία λόγω χιονιού")
    }

    @Test func openGraphAndCanonical() throws {
        let head = """
            <title>Ignored | Daily Planet</title>
            <meta property="og:title" content="Storm closes schools">
            <meta property="og:site_name" content="The Daily Planet">
            <meta property="article:published_time" content="2025-12-30T07:00:00+01:00">
            <link rel="canonical" href="https://planet.example/2025/12/30/storm">
            """
        let article = try parse("<html lang=\"en-GB\"><head>\(head)</head><body>\(Self.story)</body></html>")
        #expect(article.title == "Storm closes schools")
        #expect(article.source.outlet == "The Daily Planet")
        #expect(article.source.url == "https://planet.example/2025/12/30/storm")
        #expect(article.published == PartialDate(year: 2025, month: 12, day: 30))
    }

    @Test func futureDatesAndTheSiteNameInTheTitleAreNotBelieved() throws {
        let head = """
            <title>Storm closes schools across the county | Daily Planet</title>
            <meta property="og:site_name" content="Daily Planet">
            <meta name="date" content="2999-01-01">
            """
        let article = try parse(page(head: head, body: "<time datetime=\"2024-03-05\">5 March</time>" + Self.story))
        #expect(article.title == "Storm closes schools across the county")
        #expect(article.published == PartialDate(year: 2024, month: 3, day: 5))
    }

    /// A headline from the page's metadata is one trimmed line, however the page spaced it (found by the fuzzer).
    @Test func metadataHeadlineIsOneTrimmedLine() throws {
        let head = "<meta property=og:title content=\"  Storm   closes schools\n across the county  \">"
        let article = try parse(page(head: head, body: Self.story))
        #expect(article.title == "Storm closes schools across the county")
    }

    /// A value already on one line is returned as it is, without the Character split; anything else goes through it.
    @Test(arguments: ["Storm closes schools", "Café au lait, 日本語", " leading", "trailing ", "two  spaces", "tab\there",
                      "line\r\nbreak", "no\u{A0}break", "ideographic\u{3000}space", "line\u{2028}separator",
                      "space \u{301}combining", "x", " ", ""])
    func singleLineFastPathAgreesWithTheSplit(_ text: String) {
        let split = text.split(whereSeparator: \.isWhitespace)
        #expect(InputDecoder.singleLine(text) == (split.isEmpty ? nil : split.joined(separator: " ")))
        if InputDecoder.isSingleLine(text.utf8) { #expect(InputDecoder.singleLine(text) == text) }
    }

    @Test func transportHintsWinOverThePage() throws {
        let html = page(head: "<link rel=canonical href=\"https://page.example/a\"><meta property=og:site_name content=Page>", body: Self.story)
        let hints = RawArticle.Hints(contentType: "text/html", source: "Crawler", url: "https://crawler.example/a")
        let article = try parser.parse(RawArticle(id: "h", bytes: Array(html.utf8), hints: hints))
        #expect(article.source.url == "https://crawler.example/a")
        #expect(article.source.outlet == "Crawler")
    }

    // MARK: - Detection

    @Test func envelopeHTMLFieldAndContentTypeHeader() throws {
        let html = "<div><p>Heavy snow closed every school in the county on Monday, officials said, and more snow is expected.</p></div>"
        let envelope = #"{"id":"e1","url":"https://x.example/a","html":"\#(html)"}"#
        let fromEnvelope = try parse(envelope)
        #expect(fromEnvelope.lead?.hasPrefix("Heavy snow closed") == true)
        #expect(fromEnvelope.source.url == "https://x.example/a")
        // A fragment that does not start like a page is HTML when the transport says so…
        let fragment = "Breaking: <b>Heavy snow</b> closed every school in the county on Monday, officials said, and more snow is expected."
        #expect(try parse(fragment, contentType: "text/html").lead?.hasPrefix("Breaking: Heavy snow closed") == true)
        // …and text otherwise (the tags stay: the text path is unchanged).
        #expect(try parse(fragment).lead?.contains("<b>") == true)
    }
}

extension [UInt8] {
    /// The bytes with UTF-8 é (C3 A9) replaced by windows-1252 é (E9): the page's tail in windows-1252.
    fileprivate func withUTF8Replaced() -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < count {
            if self[index] == 0xC3, index + 1 < count, self[index + 1] == 0xA9 {
                out.append(0xE9)
                index += 2
            } else {
                out.append(self[index])
                index += 1
            }
        }
        return out
    }
}
