extension LanguageProfile {
    /// Polish.
    public static let polish = LanguageProfile(
        code: "pl",
        stopwords: """
        i w na z się nie do że to jest o od jak po a ale za przez dla co tak już jego jej ich oraz \
        był była było są być może które który która także tylko tym ten ta te przy jednak też lub \
        czy bardzo gdy tego kiedy ze we nad pod bez między został została
        """,
        lines: [
            "reklama", "udostępnij", "komentarze", "odpowiedz", "drukuj", "zamknij", "następny", "poprzedni",
            "szukaj", "menu", "zaloguj się", "zarejestruj się", "czytaj więcej", "czytaj także", "zobacz także",
            "zobacz też", "najczęściej czytane", "najnowsze", "wideo", "zdjęcia", "galeria", "akceptuję",
            "wszelkie prawa zastrzeżone", "newsletter", "polecamy",
        ],
        prefixes: [
            "czytaj także", "czytaj też", "czytaj również", "zobacz także", "zobacz też", "zobacz również",
            "czytaj więcej", "fot.", "fot:", "foto:", "źródło:", "udostępnij", "wszelkie prawa zastrzeżone",
            "copyright", "ta strona używa", "strona używa plików cookie", "używamy plików cookie", "kliknij tutaj",
            "polecamy", "tagi:",
        ],
        fragments: ["wszelkie prawa zastrzeżone", "getty", "cookie", "cookies", "newsletter"],
        sectionBreaks: ["czytaj także", "zobacz także", "zobacz też", "polecamy", "najczęściej czytane", "komentarze", "podobne artykuły"]
    )
}
