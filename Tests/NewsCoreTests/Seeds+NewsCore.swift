import NewsCore
import TestSupport

/// The seed articles as NewsCore input.
extension Seeds {
    /// The seeds' numbers, `000` … `004`.
    static let ids = ["000", "001", "002", "003", "004"]

    /// The raw article of seed `number` ("000"…"004"), id = the file name without extension.
    static func raw(_ number: String) throws -> RawArticle {
        let file = try Seeds.file(number)
        return RawArticle(id: file.id, bytes: file.bytes)
    }

    static func article(_ number: String) throws -> Article {
        try ArticleParser().parse(try raw(number))
    }
}
