/// Why bytes could not be read back as a ``FingerprintRecord`` or a ``DedupIndex`` snapshot.
public struct DedupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure; new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case truncated, unsupportedVersion, malformed, checksumMismatch, configurationMismatch
        }
        private let kind: Kind

        /// The bytes end before the structure does.
        public static let truncated = Code(kind: .truncated)
        /// The version byte names a format this build cannot read.
        public static let unsupportedVersion = Code(kind: .unsupportedVersion)
        /// A field holds an impossible value, or bytes follow the end.
        public static let malformed = Code(kind: .malformed)
        /// The snapshot's checksum does not match its contents.
        public static let checksumMismatch = Code(kind: .checksumMismatch)
        /// The snapshot was made with other fingerprint settings (``DedupConfiguration``).
        public static let configurationMismatch = Code(kind: .configurationMismatch)

        /// The code's name.
        public var description: String { kind.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// Details for operators.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
