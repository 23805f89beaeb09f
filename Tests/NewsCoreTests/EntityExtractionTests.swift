import NewsCore
import Testing

/// People, places and organisations, in French and English.
struct EntityExtractionTests {
    let extractor = Extractor()

    func entities(_ paragraphs: [String], language: String = "fr") -> [Entity] {
        extractor.facts(paragraphs, language: language).entities
    }

    func named(_ entities: [Entity], _ name: String) -> Entity? {
        entities.first { $0.name == name }
    }

    @Test func frenchPersonVariantsAreOnePerson() {
        let found = entities([
            "Le président russe Vladimir Poutine a parlé.",
            "M. Poutine a insisté. Selon V. Poutine, tout va bien.",
            "Poutine a conclu.",
        ])
        let putin = try? #require(named(found, "Vladimir Poutine"))
        #expect(putin?.kind == .person)
        #expect(putin?.count == 4)
        #expect(putin?.mentions == ["Vladimir Poutine", "M. Poutine", "V. Poutine", "Poutine"])
        #expect(found.filter { $0.kind == .person }.count == 1)
    }

    @Test func gazetteerKinds() {
        let found = entities(["Moscou et Pékin défient l'OTAN, dit le Kremlin."])
        #expect(named(found, "Moscou")?.kind == .place)
        #expect(named(found, "Pékin")?.kind == .place)
        #expect(named(found, "OTAN")?.kind == .organisation)
        #expect(named(found, "Kremlin")?.kind == .organisation)
    }

    @Test func aliasesMapToTheCanonicalName() {
        let found = entities(["La République populaire de Chine et la Chine.", "Les Etats-Unis et les États-Unis."])
        #expect(named(found, "Chine")?.count == 2)
        #expect(named(found, "Chine")?.mentions == ["République populaire de Chine", "Chine"])
        #expect(named(found, "États-Unis")?.count == 2)
    }

    @Test func contextMakesPeople() {
        let found = entities([
            "Il a rencontré Ilham Zakirov, secrétaire du conseil, puis le président kazakh Kassym Tokaïev.",
            "« Nous avançons », a déclaré Ovidiu Marinescu.",
        ])
        #expect(named(found, "Ilham Zakirov")?.kind == .person, "apposition with an office")
        #expect(named(found, "Kassym Tokaïev")?.kind == .person, "office and nationality before")
        #expect(named(found, "Ovidiu Marinescu")?.kind == .person, "speech verb before")
    }

    @Test func organisationsTakeNationalityAndPlace() {
        let found = entities(["Il est secrétaire du Conseil de sécurité russe et voit le Conseil national de sécurité de Mongolie."])
        #expect(named(found, "Conseil de sécurité russe")?.kind == .organisation)
        #expect(named(found, "Conseil national de sécurité de Mongolie")?.kind == .organisation)
    }

    @Test func sentenceStartsAndCommonCapitalsAreNotNames() {
        let found = entities(["Confrontée à des sanctions, la Russie cherche des alliés. Lundi, rien. Sommet virtuel."])
        #expect(found.map(\.name) == ["Russie"])
    }

    @Test func unknownCapitalAfterLocativeIsAPlace() {
        let found = entities(["Il s'est rendu à Tchernogorsk puis à Pékin."])
        #expect(named(found, "Tchernogorsk")?.kind == .place)
    }

    @Test func unknownAcronymIsAnOrganisation() {
        let found = entities(["Le rapport de la FNSEA a été publié."])
        #expect(named(found, "FNSEA")?.kind == .organisation)
    }

    @Test func englishPersonVariantsAreOnePerson() {
        let found = entities([
            "President Joe Biden met Chinese leader Xi Jinping in Bali.",
            "Mr. Biden said the talks were frank. Biden later left for Washington.",
        ], language: "en")
        let biden = named(found, "Joe Biden")
        #expect(biden?.kind == .person)
        #expect(biden?.count == 3)
        #expect(biden?.mentions == ["Joe Biden", "Mr. Biden", "Biden"])
        #expect(named(found, "Xi Jinping")?.kind == .person)
        #expect(named(found, "Washington")?.kind == .place)
    }

    @Test func englishOrganisationsAndPlaces() {
        let found = entities(["NATO and the European Union met in Brussels, the Kremlin said."], language: "en")
        #expect(named(found, "NATO")?.kind == .organisation)
        #expect(named(found, "European Union")?.kind == .organisation)
        #expect(named(found, "Brussels")?.kind == .place)
        #expect(named(found, "Kremlin")?.kind == .organisation)
    }

    @Test func mostMentionedFirst() {
        let found = entities(["Moscou, Pékin, Pékin et Pékin."])
        #expect(found.map(\.name) == ["Pékin", "Moscou"])
        #expect(found.first?.count == 3)
    }
}
