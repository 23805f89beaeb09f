/// Quoted speech: the words between quotation marks and, when the text says, who spoke them.
public struct Quote: Sendable, Hashable, Codable {
    /// The quoted words, without the quotation marks.
    public var text: String
    /// The canonical name of the speaker (an ``Entity`` name when it resolves to one).
    public var speaker: String?

    /// Creates a quote.
    public init(text: String, speaker: String? = nil) {
        self.text = text
        self.speaker = speaker
    }
}
