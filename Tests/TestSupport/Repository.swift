package import Foundation

/// The repository checkout the tests run from.
package enum Repository {
    /// The repository's root directory (the one holding `Package.swift`).
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file or directory of the repository, by its path from the root (`"config/newsworker.yaml"`).
    package static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}
