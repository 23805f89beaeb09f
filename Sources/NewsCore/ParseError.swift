/// Why an article could not be turned into an ``Article``.
///
/// A value, never a trap: the worker routes it to the dead-letter topic with ``code`` as the
/// `error.reason` header and ``stage`` as `error.stage`.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, stable across versions (used in metrics and DLQ headers).
    public var code: Code
    /// Where in the pipeline it failed.
    public var stage: Stage
    /// A precise, human-readable explanation (byte offset, field name, limit).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, stage: Stage, _ message: String) {
        self.code = code
        self.stage = stage
        self.message = message
    }

    public var description: String { "\(code.rawValue) at \(stage.rawValue): \(message)" }

    /// The kind of failure. An open set: new codes may be added.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The payload has no bytes, or only whitespace.
        public static let empty = Code(rawValue: "empty")
        /// The payload is larger than ``ArticleParser/Configuration/maxBytes``.
        public static let tooLarge = Code(rawValue: "too_large")
        /// The payload is not valid UTF-8.
        public static let invalidUTF8 = Code(rawValue: "invalid_utf8")
        /// The payload looks like a JSON envelope but is not a valid one.
        public static let malformedEnvelope = Code(rawValue: "malformed_envelope")
        /// The payload decoded, but nothing that reads as article text is left after cleaning.
        public static let noContent = Code(rawValue: "no_content")
        /// The payload is binary data, not text.
        public static let binary = Code(rawValue: "binary")

        /// Every code this version can produce.
        public static let all: [Code] = [.empty, .tooLarge, .invalidUTF8, .malformedEnvelope, .noContent, .binary]
    }

    /// A step of the parsing pipeline.
    public enum Stage: String, Sendable, Hashable, Codable {
        /// Size, encoding and envelope checks.
        case decode
        /// Boilerplate removal and structure.
        case clean
        /// Metadata, entity and quote extraction.
        case extract
    }
}
