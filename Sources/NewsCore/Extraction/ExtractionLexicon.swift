/// The words one language gives the ``Extractor``: calendar names, cue words, stopwords and a small gazetteer.
///
/// Pure data, written as it reads in text (case and accents do not matter: keys are folded). Adding a
/// language means adding an `ExtractionLexicon+<Language>.swift` file and listing it in ``all``.
/// Gazetteer and agency entries may name their canonical form after `=`: `"Chine nouvelle=Xinhua"`.
/// Entries written in capitals (`"AFP"`, `"OTAN"`) only match words written in capitals.
struct ExtractionLexicon: Sendable {
    /// ISO 639-1 code of the language.
    var language: String

    // MARK: Dates
    /// Month names in calendar order, January first; several spellings separated by `|`.
    var months: [String] = []
    /// Weekday names, Monday first; several spellings separated by `|`.
    var weekdays: [String] = []
    /// Season words for spring, summer, autumn, winter, in that order; several separated by `|`.
    var seasons: [String] = []
    /// Words for days relative to publication: `"hier": -1`.
    var relativeDays: [String: Int] = [:]
    /// Phrases for years relative to publication: `"l'année dernière": -1`.
    var relativeYears: [String: Int] = [:]
    /// Words before a weekday meaning "of this week" (`ce`, `this`).
    var thisMarkers: [String] = []
    /// Words around a weekday or season meaning "the previous one" (`dernier`, `last`).
    var pastMarkers: [String] = []
    /// Words around a weekday or season meaning "the next one" (`prochain`, `next`).
    var nextMarkers: [String] = []
    /// Words that make a bare month a date (`en mars`, `in March`).
    var monthCues: [String] = []
    /// Suffixes of ordinal day numbers (`1er`, `4th`).
    var ordinalSuffixes: [String] = []
    /// Words after a number that show it is a quantity, not a year (`milliards`, `dollars`).
    var quantityWords: [String] = []

    // MARK: People, places, organisations
    /// Titles before a surname (`M.`, `Mme`, `Mr.`); write the period when the title takes one.
    var honorifics: [String] = []
    /// Nouns naming an office (`président`, `ministre`): "le président X" makes X a person.
    var roles: [String] = []
    /// Nationality adjectives and nouns (`russe`, `chinois`, `Chinese`).
    var nationalities: [String] = []
    /// Common given names (and family names written first, as in Chinese) that start a person's name.
    var givenNames: [String] = []
    /// Prepositions after which a capitalised word is a place (`à`, `en`, `in`).
    var locatives: [String] = []
    /// Prepositions that keep the noun after them from being a sentence's subject (`avec`, `with`).
    var prepositions: [String] = []
    /// Capitalised words that are never names on their own (demonyms, common page words).
    var notNames: [String] = []
    /// Known places, `"Name"` or `"Alias=Canonical"`.
    var places: [String] = []
    /// Known organisations, `"Name"` or `"Alias=Canonical"`.
    var organisations: [String] = []
    /// Nouns after which an unknown capitalised name is an organisation (`groupe`, `company`).
    var organisationCues: [String] = []
    /// Words that may continue an organisation name after it: `"de"`, `"of"`.
    var nameLinks: [String] = []

    // MARK: Quotes
    /// Verb forms that attribute speech (`déclaré`, `said`).
    var attributionVerbs: [String] = []
    /// Subject pronouns that refer back to the last speaker (`il`, `elle`, `he`).
    var pronouns: [String] = []
    /// Endings of an inverted verb whose subject is a pronoun (`-t-il` in "a-t-il ajouté").
    var invertedPronouns: [String] = []
    /// Words that introduce a source (`selon`, `according`).
    var accordingTo: [String] = []

    // MARK: Source
    /// News agencies, `"Name"` or `"Alias=Canonical"`.
    var agencies: [String] = []
    /// Words a byline line starts with (`Par`, `By`).
    var bylinePrefixes: [String] = []
    /// Words that join a byline's outlet and agency (`avec`, `with`).
    var bylineJoiners: [String] = []
    /// Phrases that start a footer naming the original outlet (`Article original publié sur`).
    var outletFooters: [String] = []

    // MARK: Words
    /// Elided articles and pronouns written with an apostrophe (`l'`, `d'`, `qu'`).
    var elisions: [String] = []
    /// Function and common words: never keywords, and not names when they start a sentence.
    var stopwords: [String] = []

    /// Every language the extractor knows.
    static let all: [ExtractionLexicon] = [.french, .english]
}
