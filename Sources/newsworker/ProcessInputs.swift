import Foundation

/// The article files `newsworker process` reads, in processing order: each FILE argument, a directory
/// standing for its files (not hidden, not directories) in byte order of their names, then the paths
/// listed by `--files-from`, one per line.
///
/// Listing files this way costs the same per file however many there are; tens of thousands of FILE
/// arguments cost swift-argument-parser time quadratic in their number (seconds at 20,000).
struct ProcessInputs {
    /// A path that cannot be listed: a directory or a `--files-from` list that cannot be read.
    struct ListingError: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    /// Expands `arguments` and the list at `filesFrom` (`-`: standard input) into file paths.
    static func paths(arguments: [String], filesFrom: String?) throws(ListingError) -> [String] {
        var paths: [String] = []
        for argument in arguments {
            paths += try expanded(argument)
        }
        if let filesFrom {
            let listed = try read(list: filesFrom)
            // Lines end in LF or CRLF; blank lines are skipped.
            paths += listed.split(whereSeparator: \.isNewline).map(String.init)
        }
        return paths
    }

    /// A file argument as itself, a directory as its files sorted by name.
    private static func expanded(_ path: String) throws(ListingError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw ListingError(path: path, message: "cannot list the directory: \(error.localizedDescription)")
        }
        let directory = path.hasSuffix("/") ? path : path + "/"
        return names
            .filter { !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { directory + $0 }
            .filter {
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
    }

    private static func read(list path: String) throws(ListingError) -> String {
        let data: Data
        do {
            data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ListingError(path: path, message: "cannot read the --files-from list: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ListingError(path: path, message: "the --files-from list is not UTF-8")
        }
        return text
    }
}
