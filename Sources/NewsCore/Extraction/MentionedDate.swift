/// A date the article text mentions, normalised.
///
/// `"4 février 2022"` → `2022-02-04`; `"au printemps 2023"` → `2023` with season `spring`;
/// `"ce vendredi"` → the most recent Friday on or before publication, when the publication date is known
/// to the day (see `DateFinder` for every rule; what cannot be resolved is left out, not guessed).
public struct MentionedDate: Sendable, Hashable, Codable {
    /// The words as they appear in the text.
    public var text: String
    /// The normalised date (to the precision the text gives).
    public var date: PartialDate
    /// The season, when the text names one (`spring`, `summer`, `autumn`, `winter`).
    public var season: String?
    /// `true` when the date was resolved relative to the publication date.
    public var relative: Bool

    /// Creates a mentioned date.
    public init(text: String, date: PartialDate, season: String? = nil, relative: Bool = false) {
        self.text = text
        self.date = date
        self.season = season
        self.relative = relative
    }
}
