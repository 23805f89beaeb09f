/// Separates an article from its page cruft: share widgets, ads, sliders, captions, related links, footers.
///
/// Works on the text alone (no DOM), line by line, with language data from ``LanguageProfile``.
public struct Cleaner: Sendable {
    /// Creates a cleaner.
    public init() {}

    /// Cleans a page of text.
    /// - Parameters:
    ///   - text: The decoded page text, one block per line.
    ///   - title: A headline known from elsewhere (envelope), if any.
    ///   - language: A declared language, if any; detected otherwise.
    public func clean(_ text: String, title: String? = nil, language: String? = nil) -> CleanedText {
        // TODO(cleaner): placeholder that keeps every non-empty line.
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters() }
            .filter { !$0.isEmpty }
        return CleanedText(title: title ?? lines.first, paragraphs: Array(lines.dropFirst(title == nil ? 1 : 0)), language: language ?? "und")
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    func trimmingCharacters() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
