/// Renders HTML to plain text with one block element per line, the way the cleaner expects its input.
enum HTMLText {
    /// `true` when the text starts like an HTML document or fragment.
    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.utf8.prefix(512)
        guard let first = head.firstIndex(where: { $0 > 0x20 }), head[first] == UInt8(ascii: "<") else { return false }
        let lowered = String(decoding: head, as: UTF8.self).lowercased()
        return lowered.contains("<html") || lowered.contains("<!doctype html") || lowered.contains("<body")
            || lowered.contains("<p>") || lowered.contains("<div")
    }

    /// Strips tags, drops `script`/`style`, breaks lines at block elements and decodes common entities.
    static func render(_ html: String) -> String {
        // TODO(cleaner): replaced by the full renderer.
        html
    }
}
