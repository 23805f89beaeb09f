extension LanguageProfile {
    /// German.
    public static let german = LanguageProfile(
        code: "de",
        stopwords: """
        der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an \
        werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war \
        haben nur oder aber vor zur bis mehr durch man sein wurde sei ich wir ihr ihre seine können \
        kann hatte wenn diese dieser unter sagte schon jetzt gegen
        """,
        lines: [
            "anzeige", "werbung", "teilen", "drucken", "kommentare", "kommentar", "antworten", "schließen",
            "weiter", "zurück", "startseite", "suche", "menü", "anmelden", "registrieren", "abonnieren",
            "mehr zum thema", "das könnte sie auch interessieren", "weitere artikel", "meistgelesen",
            "meistgelesene artikel", "top-themen", "video", "bildergalerie", "fotos", "impressum",
            "datenschutz", "kontakt", "zum seitenanfang", "nach oben", "druckversion", "newsletter",
            "alle rechte vorbehalten", "akzeptieren", "zur liste", "direkt zum inhalt", "zum inhalt",
        ],
        prefixes: [
            "lesen sie auch", "lesen sie mehr", "auch interessant", "mehr zum thema", "mehr dazu", "foto:",
            "fotos:", "bild:", "bildquelle", "quelle:", "teilen auf", "folgen sie uns", "jetzt abonnieren",
            "newsletter", "wir verwenden cookies", "diese website verwendet cookies", "diese seite verwendet cookies",
            "alle rechte vorbehalten", "copyright", "veröffentlicht am", "aktualisiert am", "zum seitenanfang",
            "hier klicken", "weiterlesen", "schlagworte", "themen:", "nächster eintrag", "vorheriger eintrag",
            "impressum", "datenschutz",
        ],
        fragments: [
            "alle rechte vorbehalten", "getty", "dpa", "cookies", "datenschutz", "impressum", "newsletter",
        ],
        sectionBreaks: [
            "mehr zum thema", "das könnte sie auch interessieren", "weitere artikel", "meistgelesen",
            "meistgelesene artikel", "lesen sie auch", "auch interessant", "kommentare", "verwandte artikel",
            "ähnliche artikel", "weitere nachrichten", "top-themen", "empfehlungen",
        ]
    )
}
