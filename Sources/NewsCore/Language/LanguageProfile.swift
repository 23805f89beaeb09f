/// What the cleaner knows about one language, as data: its stopwords and the page cruft phrases of its sites.
///
/// Adding a language means adding one `LanguageProfile+Name.swift` table and listing it in ``all``;
/// no code changes. Phrases are matched on words (case-insensitive, punctuation ignored).
public struct LanguageProfile: Sendable, Hashable {
    /// ISO 639-1 code.
    public var code: String
    /// The most frequent function words, space separated.
    public var stopwords: String
    /// Lines that are cruft when they are the whole line ("Advertisement", "Lien copié").
    public var lines: [String]
    /// Lines that are cruft when they start with these words ("Read more", "Article original publié sur").
    public var prefixes: [String]
    /// Short lines (captions, credits, widgets) that are cruft when they contain these words anywhere
    /// ("All rights reserved", "via Getty").
    public var fragments: [String]
    /// Headers after which the page lists links, not article text ("Related", "À découvrir également").
    public var sectionBreaks: [String]

    /// Creates a profile.
    public init(
        code: String,
        stopwords: String,
        lines: [String] = [],
        prefixes: [String] = [],
        fragments: [String] = [],
        sectionBreaks: [String] = []
    ) {
        self.code = code
        self.stopwords = stopwords
        self.lines = lines
        self.prefixes = prefixes
        self.fragments = fragments
        self.sectionBreaks = sectionBreaks
    }

    /// Every profile the cleaner and the detector use, in detection priority order.
    public static let all: [LanguageProfile] = [
        .english, .french, .spanish, .german, .portuguese, .italian, .polish, .dutch,
    ]
}
