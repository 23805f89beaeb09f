import NewsCore
import Testing

/// Dates mentioned in the text, in French and English.
struct DateExtractionTests {
    let extractor = Extractor()

    func dates(_ text: String, language: String = "fr", published: String? = nil) -> [String] {
        extractor.facts([text], language: language, published: published).dates.map { date in
            date.date.description + (date.season.map { " " + $0 } ?? "")
        }
    }

    @Test func frenchFullDates() {
        #expect(dates("Ils se sont vus le 4 février 2022 à Pékin.") == ["2022-02-04"])
        #expect(dates("Le sommet du 1er mars 2023 est reporté.") == ["2023-03-01"])
        #expect(dates("Depuis février 2022, la guerre continue.") == ["2022-02"])
        #expect(extractor.facts(["le 4 février 2022"]).dates.first?.text == "4 février 2022")
    }

    @Test func seasonsNeedAYearOrAMarker() {
        #expect(dates("Il viendra au printemps 2023 en Russie.") == ["2023 spring"])
        #expect(dates("Il viendra «au printemps» 2023.") == ["2023 spring"], "quotation marks may split the phrase")
        #expect(dates("Il viendra au printemps.").isEmpty)
        #expect(dates("Il viendra au printemps prochain.", published: "2022-12-30") == ["2023 spring"])
    }

    @Test func weekdaysResolveToTheMostRecentOnOrBeforePublication() {
        // 2022-12-30 is a Friday.
        #expect(dates("Il a annoncé ce vendredi sa venue.", published: "2022-12-30") == ["2022-12-30"])
        #expect(dates("Il a parlé mardi.", published: "2022-12-30") == ["2022-12-27"])
        #expect(dates("Il a parlé vendredi dernier.", published: "2022-12-30") == ["2022-12-23"])
        #expect(dates("Il parlera lundi prochain.", published: "2022-12-30") == ["2023-01-02"])
        #expect(extractor.facts(["ce vendredi"], published: "2022-12-30").dates.first?.relative == true)
    }

    @Test func unresolvableRelativeDatesAreLeftOut() {
        // Publication known to the month only: weekdays are not guessed.
        #expect(dates("Il a annoncé ce vendredi sa venue.", published: "2022-12").isEmpty)
        #expect(dates("Il a annoncé ce vendredi sa venue.").isEmpty)
        #expect(dates("Hier, il a parlé.").isEmpty)
        #expect(dates("Hier, il a parlé.", published: "2023-05-10") == ["2023-05-09"])
    }

    @Test func bareMonthsTakeThePublicationYear() {
        #expect(dates("Il s'est rendu à Moscou en mars.", published: "2023-09") == ["2023-03"])
        #expect(dates("Il s'est rendu à Moscou en mars.").isEmpty)
        #expect(dates("En février de l'année dernière, la guerre a commencé.", published: "2023-09").first == "2022-02")
        #expect(dates("Planète Mars et mars sans repère.").isEmpty)
    }

    @Test func yearsButNotQuantities() {
        #expect(dates("Depuis 2020, et pour 2024.") == ["2020", "2024"])
        #expect(dates("Un volume de 2024 milliards de dollars, et 200 milliards.").isEmpty)
        #expect(dates("Une hausse de 2000 %.").isEmpty)
    }

    @Test func englishDates() {
        #expect(dates("They met on March 4, 2022 in Beijing.", language: "en") == ["2022-03-04"])
        #expect(dates("They met on 4 March 2022.", language: "en") == ["2022-03-04"])
        #expect(dates("He will visit in spring 2023.", language: "en") == ["2023 spring"])
        #expect(dates("He will visit in the spring of 2023.", language: "en") == ["2023 spring"])
        // 2022-12-30 is a Friday; last Tuesday is 2022-12-27.
        #expect(dates("He spoke last Tuesday.", language: "en", published: "2022-12-30") == ["2022-12-27"])
        #expect(dates("He spoke on Friday.", language: "en", published: "2022-12-30") == ["2022-12-30"])
        #expect(dates("He spoke yesterday.", language: "en", published: "2022-12-30") == ["2022-12-29"])
        #expect(dates("Prices rose last year.", language: "en", published: "2022-12-30") == ["2021"])
        #expect(dates("Talks are set for next Monday.", language: "en", published: "2022-12-30") == ["2023-01-02"])
    }

    @Test func boilerplateGivesOnlyFullDates() {
        let facts = extractor.facts(["Texte sans date."], boilerplate: ["Rencontre à Pékin, 4 février 2022", "Lire aussi : hier, en mars 2021"],
                                    published: "2023-05-10")
        #expect(facts.dates.map(\.date.description) == ["2022-02-04"])
    }

    @Test func isoDatesAndDuplicates() {
        #expect(dates("Publié le 2022-02-04, repris le 4 février 2022.") == ["2022-02-04"])
    }
}
