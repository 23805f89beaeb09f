import Foundation
import NewsCore

/// The five seed articles of the repository's `seeds/` folder.
enum Seeds {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")

    static let ids = ["000", "001", "002", "003", "004"]

    /// The raw article of seed `number` ("000"…"004"), id = the file name without extension.
    static func raw(_ number: String) throws -> RawArticle {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        guard let name = files.first(where: { $0.hasPrefix(number + "_") }) else {
            throw CocoaError(.fileNoSuchFile)
        }
        let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
        return RawArticle(id: String(name.dropLast(4)), bytes: Array(bytes))
    }

    static func article(_ number: String) throws -> Article {
        try ArticleParser().parse(try raw(number))
    }
}
