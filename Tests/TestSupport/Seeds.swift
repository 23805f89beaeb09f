package import Foundation

/// One raw article of the repository's `seeds/` directory.
package struct SeedFile: Sendable {
    /// The file name, e.g. `000_58eb435238273c29.txt`.
    package let name: String
    package let url: URL
    /// The file's bytes.
    package let bytes: [UInt8]

    /// The file name without its extension, e.g. `000_58eb435238273c29`: the id the worker's records carry.
    package var id: String { String(name.dropLast(4)) }
    /// The seed's number, `000` … `004`.
    package var number: String { String(name.prefix(3)) }
}

/// The five raw French seed articles of `seeds/`: the first fixtures and the demo data.
/// Story clusters: `000`, `001` and `002` tell the same story; `003` and `004` stand alone.
package enum Seeds {
    /// The repository's `seeds/` directory.
    package static let directory = Repository.url("seeds")

    /// Every seed (`*.txt`), by file name. Empty when the directory cannot be read (tests then fail on it).
    package static let all: [SeedFile] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
            let url = directory.appendingPathComponent(name)
            return SeedFile(name: name, url: url, bytes: Array((try? Data(contentsOf: url)) ?? Data()))
        }
    }()

    /// The seed numbered `number` (`"000"` … `"004"`).
    package static func file(_ number: String) throws -> SeedFile {
        guard let file = all.first(where: { $0.number == number }) else { throw TestFailure("no seed \(number) in \(directory.path)") }
        return file
    }
}
