import NewsCore
import TestSupport
import Testing

/// Golden tests: what a reader sees in the five seed articles, through the whole parser.
struct ArticleSeedTests {
    func entity(_ article: Article, _ name: String) -> Entity? {
        article.entities.first { $0.name == name }
    }

    func expectEntities(_ article: Article, _ kind: Entity.Kind, _ names: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for name in names {
            #expect(entity(article, name)?.kind == kind, "\(kind) \(name) in \(article.id)", sourceLocation: sourceLocation)
        }
    }

    func speaker(_ article: Article, quoteStarting prefix: String) -> String?? {
        article.quotes.first { $0.text.hasPrefix(prefix) }.map(\.speaker)
    }

    @Test func seed000() throws {
        let article = try Seeds.article("000")
        expectEntities(article, .person, ["Vladimir Poutine", "Xi Jinping"])
        expectEntities(article, .place, ["Moscou", "Pékin", "Chine", "Russie", "Ukraine"])
        expectEntities(article, .organisation, ["Kremlin"])
        #expect(article.dates.contains { $0.date.description == "2023" && $0.season == "spring" })
        #expect(article.dates.contains { $0.date.description == "2020" })
        // Published 2022-12 (month only): "ce vendredi" cannot be resolved and is left out.
        #expect(!article.dates.contains { $0.text.contains("vendredi") })
        #expect(speaker(article, quoteStarting: "Nous sommes prêts") == "Xi Jinping")
        #expect(article.source.agencies.isEmpty)
    }

    @Test func seed001() throws {
        let article = try Seeds.article("001")
        let putin = try #require(entity(article, "Vladimir Poutine"))
        #expect(putin.kind == .person)
        #expect(putin.mentions.contains("M. Poutine"))
        expectEntities(article, .person, ["Xi Jinping"])
        expectEntities(article, .place, ["Moscou", "Pékin", "Chine", "Russie", "Ukraine"])
        #expect(speaker(article, quoteStarting: "Dans le contexte des pressions sans précédent") == "Vladimir Poutine")
        #expect(speaker(article, quoteStarting: "la coordination entre Moscou et Pékin") == "Vladimir Poutine")
        #expect(speaker(article, quoteStarting: "La coopération militaire et technique") == "Vladimir Poutine")
        #expect(!article.quotes.contains { $0.text == "pressions" || $0.text == "au printemps" })
        #expect(article.dates.contains { $0.date.description == "2023" && $0.season == "spring" })
        #expect(article.dates.contains { $0.date.description == "2022-02-04" && $0.text == "4 février 2022" }, "from the photo caption")
        #expect(article.source.agencies == ["AFP"])
        #expect(article.source.byline == "Par euronews avec AFP")
    }

    @Test func seed001DateFromCaption() throws {
        // The caption "Rencontre entre Vladimir Poutine et Xi Jinping, 4 février 2022" may be kept or removed
        // by the cleaner; either way the extractor reads the date when it sees the line.
        let cleaned = CleanedText(title: "t", paragraphs: ["Rencontre entre Vladimir Poutine et Xi Jinping, 4 février 2022"], language: "fr")
        let dates = Extractor().extract(from: cleaned, published: nil).dates
        #expect(dates.map(\.date.description) == ["2022-02-04"])
        #expect(dates.first?.text == "4 février 2022")
    }

    @Test func seed002() throws {
        let article = try Seeds.article("002")
        let putin = try #require(entity(article, "Vladimir Poutine"))
        #expect(putin.mentions.contains("V. Poutine"))
        expectEntities(article, .person, ["Xi Jinping"])
        expectEntities(article, .place, ["Moscou", "Pékin", "Washington", "Ukraine", "États-Unis"])
        expectEntities(article, .organisation, ["Kremlin"])
        #expect(speaker(article, quoteStarting: "Nous vous attendons") == "Vladimir Poutine")
        #expect(speaker(article, quoteStarting: "démontrer au monde entier") == "Vladimir Poutine")
        #expect(speaker(article, quoteStarting: "malgré une conjoncture") == "Vladimir Poutine")
        #expect(speaker(article, quoteStarting: "Nous sommes prêts") == "Xi Jinping")
        #expect(article.dates.contains { $0.date.description == "2023" && $0.season == "spring" })
        #expect(Set(article.source.agencies) == ["AFP", "RT"])
        #expect(entity(article, "Le Monde") == nil, "'Le monde bascule' is not the newspaper")
    }

    @Test func seed003() throws {
        let article = try Seeds.article("003")
        expectEntities(article, .person, ["Vladimir Poutine", "Xi Jinping", "Viktor Orban"])
        expectEntities(article, .place, ["Pékin", "Chine", "Russie", "Ukraine", "Kirghizstan"])
        expectEntities(article, .organisation, ["Cour pénale internationale"])
        #expect(speaker(article, quoteStarting: "L'année prochaine sera une année anniversaire") == "Vladimir Poutine")
        #expect(speaker(article, quoteStarting: "Le volume des échanges bilatéraux") == "Xi Jinping")
        #expect(article.dates.contains { $0.date.description == "2022-02" })
        #expect(article.source.agencies.contains("Ria Novosti"))
        #expect(article.source.agencies.contains("Xinhua"), "Chine nouvelle is Xinhua")
        #expect(article.source.outlet == "BFMTV.com")
    }

    @Test func seed004() throws {
        let article = try Seeds.article("004")
        #expect(article.published?.description == "2023-09")
        expectEntities(article, .person, ["Wang Yi", "Sergueï Lavrov", "Nikolai Patrushev", "Nambaryn Enkhbayar",
                                          "Vladimir Poutine", "Xi Jinping"])
        expectEntities(article, .place, ["Moscou", "Pékin", "Saint-Pétersbourg", "Chine", "Russie", "Mongolie", "Ukraine"])
        expectEntities(article, .organisation, ["OTAN", "Kremlin", "Conseil de sécurité russe"])
        #expect(entity(article, "Wang Yi")?.mentions.contains("Wang") == true)
        #expect(entity(article, "Vladimir Poutine")?.mentions.contains("Poutine") == true)
        #expect(speaker(article, quoteStarting: "J’ai été heureux") == "Vladimir Poutine")
        #expect(speaker(article, quoteStarting: "La Chine est disposée") == .some(nil), "the ministry speaks, not a person")
        let dates = article.dates.map(\.date.description)
        #expect(dates.contains("2022-02-04"))
        #expect(dates.contains("2023-03"), "en mars, published 2023-09")
        #expect(dates.contains("2022-02"), "en février de l'année dernière")
        #expect(Set(article.source.agencies).isSuperset(of: ["Sputnik", "AFP"]))
    }

    @Test func everySeedHasKeywordsWithoutStopwords() throws {
        for number in Seeds.ids {
            let keywords = try Seeds.article(number).keywords
            #expect(keywords.count >= 5)
            #expect(!keywords.contains { ["le", "la", "les", "des", "de", "et", "a", "dans"].contains($0.lowercased()) })
        }
    }
}
