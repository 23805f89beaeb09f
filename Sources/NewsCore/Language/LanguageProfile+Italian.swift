extension LanguageProfile {
    /// Italian.
    public static let italian = LanguageProfile(
        code: "it",
        stopwords: """
        il lo la i gli le di del della dei delle degli e è che un una per con non in nel nella sono \
        da dal dalla al alla ai alle si ha come anche più ma ed o se sul sulla questo questa era \
        essere stato stata tra fra loro suo sua suoi perché dopo quando già molto
        """,
        lines: [
            "pubblicità", "condividi", "commenti", "rispondi", "stampa", "chiudi", "successivo", "precedente",
            "cerca", "menu", "accedi", "registrati", "abbonati", "leggi anche", "leggi di più", "articoli correlati",
            "i più letti", "ultime notizie", "video", "foto", "accetta", "tutti i diritti riservati", "newsletter",
        ],
        prefixes: [
            "leggi anche", "potrebbe interessarti", "foto:", "fonte:", "condividi su", "seguici su",
            "utilizziamo i cookie", "questo sito utilizza cookie", "tutti i diritti riservati", "copyright",
            "pubblicato il", "aggiornato il", "clicca qui",
        ],
        fragments: ["tutti i diritti riservati", "getty", "cookie", "newsletter"],
        sectionBreaks: ["articoli correlati", "leggi anche", "i più letti", "ultime notizie", "commenti", "potrebbe interessarti"]
    )
}
