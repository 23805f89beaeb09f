import NewsCore
import Testing

/// Quoted speech and its speakers, in French and English.
struct QuoteExtractionTests {
    let extractor = Extractor()

    func quotes(_ paragraphs: [String], language: String = "fr") -> [Quote] {
        extractor.facts(paragraphs, language: language).quotes
    }

    @Test func speechVerbThenName() {
        let found = quotes([
            "Le président russe Vladimir Poutine a parlé vendredi.",
            "\"Nous défendons nos positions de principe\", s'est félicité M. Poutine.",
            "« Nous vous attendons au printemps prochain », a déclaré V. Poutine.",
        ])
        #expect(found.map(\.text) == ["Nous défendons nos positions de principe", "Nous vous attendons au printemps prochain"])
        #expect(found.map(\.speaker) == ["Vladimir Poutine", "Vladimir Poutine"])
    }

    @Test func invertedPronounIsTheLastSpeaker() {
        let found = quotes([
            "« La coopération est excellente entre nous », a déclaré Xi Jinping.",
            "« Elle va encore se renforcer cette année », a-t-il ajouté.",
        ])
        #expect(found.last?.speaker == "Xi Jinping")
    }

    @Test func officeStandsForThePersonItIntroduced() {
        let found = quotes([
            "Vladimir Poutine a reçu le président chinois Xi Jinping.",
            "Plus tard, le dirigeant chinois a salué « une amitié solide et durable ».",
            "« Le volume des échanges a atteint un niveau historique », a-t-il ajouté.",
        ])
        #expect(found.map(\.speaker) == ["Xi Jinping", "Xi Jinping"])
    }

    @Test func selonLui() {
        let found = quotes([
            "« Nous défendons nos positions », a déclaré Vladimir Poutine.",
            "Selon lui, « la coordination entre Moscou et Pékin sert la paix ».",
        ])
        #expect(found.last?.speaker == "Vladimir Poutine")
    }

    @Test func unnamedSpeakerStaysUnknown() {
        let found = quotes(["« La Chine est disposée à travailler avec la Russie », a déclaré le ministère dans un communiqué."])
        #expect(found.count == 1)
        #expect(found.first?.speaker == nil)
    }

    @Test func emphasisIsNotSpeech() {
        let found = quotes(["Il a loué la résistance face aux « pressions » occidentales et à la «visite d’Etat»."])
        #expect(found.isEmpty)
    }

    @Test func englishSaidName() {
        let found = quotes([
            "\"We will not back down,\" said John Smith, the union leader.",
            "\"The talks were frank and useful,\" Smith said.",
            "“We expect a deal by spring,” he added.",
        ], language: "en")
        #expect(found.map(\.text) == ["We will not back down", "The talks were frank and useful", "We expect a deal by spring"])
        #expect(found.map(\.speaker) == ["John Smith", "John Smith", "John Smith"])
    }

    @Test func englishNameSaidBeforeTheQuote() {
        let found = quotes(["Mr. Biden said: \"This is a decisive moment for the alliance.\""], language: "en")
        #expect(found.first?.speaker == "Biden")
    }
}
