extension LanguageProfile {
    /// Dutch.
    public static let dutch = LanguageProfile(
        code: "nl",
        stopwords: """
        de het een en van in is dat op te zijn voor met niet die aan er als ook door maar om bij \
        nog wordt werd hij zij ze was naar uit dan of tot over heeft hebben worden kan deze dit \
        wel geen meer al wat zich onder
        """,
        lines: ["advertentie", "delen", "reacties", "reageer", "sluiten", "volgende", "vorige", "zoeken", "menu", "lees meer", "lees ook"],
        prefixes: ["lees ook", "lees meer", "foto:", "bron:", "deel dit", "volg ons", "wij gebruiken cookies", "alle rechten voorbehouden"],
        fragments: ["alle rechten voorbehouden", "getty", "cookies"],
        sectionBreaks: ["lees ook", "gerelateerde artikelen", "meest gelezen", "reacties"]
    )
}
