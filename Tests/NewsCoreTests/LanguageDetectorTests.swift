import NewsCore
import Testing

struct LanguageDetectorTests {
    let detector = LanguageDetector()

    @Test(arguments: [
        ("en", "The government said on Monday that it would not change the law, despite protests in the capital over the weekend."),
        ("fr", "Le gouvernement a déclaré lundi qu'il ne changerait pas la loi, malgré les manifestations dans la capitale ce week-end."),
        ("es", "El gobierno dijo el lunes que no cambiará la ley, a pesar de las protestas en la capital durante el fin de semana."),
        ("de", "Die Regierung sagte am Montag, dass sie das Gesetz trotz der Proteste in der Hauptstadt am Wochenende nicht ändern werde."),
        ("pt", "O governo disse na segunda-feira que não vai mudar a lei, apesar dos protestos na capital durante o fim de semana."),
        ("it", "Il governo ha detto lunedì che non cambierà la legge, nonostante le proteste nella capitale durante il fine settimana."),
        ("pl", "Rząd poinformował w poniedziałek, że nie zmieni prawa, mimo protestów w stolicy, które odbyły się w weekend i były bardzo liczne."),
        ("ru", "Правительство заявило в понедельник, что не будет менять закон, несмотря на протесты в столице."),
        ("zh", "政府周一表示，尽管周末首都发生了抗议活动，但不会修改这项法律。"),
        ("ar", "قالت الحكومة يوم الاثنين إنها لن تغير القانون رغم الاحتجاجات في العاصمة خلال عطلة نهاية الأسبوع"),
    ])
    func detects(_ expected: String, _ text: String) {
        #expect(detector.detect(text) == expected)
    }

    @Test func unsureIsUnd() {
        #expect(detector.detect("") == "und")
        #expect(detector.detect("12345 67890") == "und")
        #expect(detector.detect("Xq zvb") == "und")
        #expect(detector.detect("!!! ??? ... --- ***") == "und")
    }

    @Test func profilesAreData() {
        #expect(LanguageProfile.all.map(\.code).contains("fr"))
        #expect(LanguageProfile.french.sectionBreaks.contains("à découvrir également"))
        #expect(Set(LanguageProfile.all.map(\.code)).count == LanguageProfile.all.count)
    }
}
