@testable import NewsCore
import Testing

struct HTMLTextTests {
    @Test func blocksBecomeLinesAndScriptsGo() {
        let html = """
        <!DOCTYPE html><html><head><title>A &amp; B</title><style>p { color: red }</style>
        <script>var x = "<p>not text</p>";</script></head>
        <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
        <h1>Big   news</h1><p>First <b>bold</b> paragraph&nbsp;here.</p><!-- a comment -->
        <div>Caf&eacute; &#233;t&#xE9; &laquo;quoted&raquo; &#8217;s</div><br>Tail</body></html>
        """
        let text = HTMLText.render(html)
        #expect(text == "A & B\nBig news\nFirst bold paragraph here.\nCafé été «quoted» ’s\nTail")
    }

    @Test func unclosedAndStrayMarkupIsLinear() {
        #expect(HTMLText.render("<p>a < b and c > d</p>") == "a < b and c > d")
        #expect(HTMLText.render("<p>open <b unclosed") == "open")
        #expect(HTMLText.render("<script>never closed <p>hidden") == "")
        #expect(HTMLText.render("<!-- never closed <p>hidden") == "")
        #expect(HTMLText.render("&unknown; &amp &#xZZ; &#99999999999;") == "&unknown; & &#xZZ; �")
        let stray = String(repeating: "<a", count: 200_000)
        #expect(HTMLText.render(stray).isEmpty)
    }

    @Test func htmlPayloadsAreRenderedBeforeCleaning() throws {
        let html = "<html><body><h1>Storm closes schools</h1><p>Heavy snow closed every school in the county on Monday, officials said, and more snow is expected tomorrow.</p><p>Share this article</p></body></html>"
        let article = try ArticleParser().parse(RawArticle(id: "h", bytes: Array(html.utf8)))
        #expect(article.title == "Storm closes schools")
        #expect(article.lead?.hasPrefix("Heavy snow closed every school") == true)
        #expect(!article.paragraphs.contains("Share this article"))
    }
}
