import NewsCore
import Testing

extension Extractor {
    /// Extraction from hand-made paragraphs (no parser, no cleaner).
    func facts(
        _ paragraphs: [String],
        title: String? = nil,
        boilerplate: [String] = [],
        language: String = "fr",
        published: String? = nil
    ) -> Extraction {
        let cleaned = CleanedText(title: title, paragraphs: paragraphs, boilerplate: boilerplate, language: language)
        return extract(from: cleaned, published: published.flatMap { PartialDate(iso8601: $0) })
    }
}

/// Agencies, bylines and outlets.
struct ExtractSourceTests {
    let extractor = Extractor()

    @Test func bylineInBoilerplateGivesAgencyAndOutlet() {
        let facts = extractor.facts(["Le texte de l'article."], boilerplate: ["Partager cet article", "Par euronews avec AFP"])
        #expect(facts.byline == "Par euronews avec AFP")
        #expect(facts.agencies == ["AFP"])
        #expect(facts.outlet == "euronews")
    }

    @Test func personalBylineGivesNoOutlet() {
        let facts = extractor.facts(["Story text."], boilerplate: ["By John Smith"], language: "en")
        #expect(facts.byline == "By John Smith")
        #expect(facts.outlet == nil)
    }

    @Test func sentenceStartingWithParIsNoByline() {
        let facts = extractor.facts(["Par ailleurs, le gouvernement a annoncé des mesures."])
        #expect(facts.byline == nil)
    }

    @Test func sourceFooterNamesTheOutlet() {
        let facts = extractor.facts(["Texte."], boilerplate: ["Article original publié sur BFMTV.com"])
        #expect(facts.outlet == "BFMTV.com")
        let english = extractor.facts(["Text."], boilerplate: ["Originally published on The Conversation."], language: "en")
        #expect(english.outlet == "The Conversation")
    }

    @Test func photoCreditsAndMentionsCreditAgencies() {
        let facts = extractor.facts(
            ["Le média russe Ria Novosti l'a rapporté, comme l'agence de presse Chine nouvelle."],
            boilerplate: ["Photo d’Alexei Druzhinin/Sputnik/AFP via Getty Images"]
        )
        #expect(facts.agencies == ["Ria Novosti", "Xinhua", "Sputnik", "AFP"])
    }

    @Test func acronymAgenciesMustBeCapitalised() {
        let facts = extractor.facts(["The rt value and the ap score rose, Reuters reported."], language: "en")
        #expect(facts.agencies == ["Reuters"])
    }
}

/// Keywords.
struct ExtractKeywordTests {
    @Test func frequentContentWordsWinStopwordsNever() {
        let facts = Extractor().facts(
            ["Le gaz russe arrive en Europe. Les livraisons de gaz augmentent.", "Le gaz reste cher, et la livraison tarde."],
            title: "Livraisons de gaz"
        )
        #expect(facts.keywords.first == "gaz")
        #expect(facts.keywords.contains("livraisons"), "singular and plural count together")
        #expect(!facts.keywords.contains { ["le", "les", "de", "la", "et", "en"].contains($0) })
    }

    @Test func namesKeepTheirCapital() {
        let facts = Extractor().facts(["Talks with Beijing resumed.", "Officials in Beijing said talks would go on."], language: "en")
        #expect(facts.keywords.contains("Beijing"))
        #expect(facts.keywords.contains("talks"))
    }
}
