/// A configuration problem, naming the key and where its value came from.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The dotted key (`kafka.brokers`), or the unknown key as written.
    public var key: String
    /// Where the value came from: a file path, `environment variable NEWSWORKER_…` or `--flag`.
    public var origin: String
    /// The line in the file, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(key: String, origin: String, line: Int? = nil, message: String) {
        self.key = key
        self.origin = origin
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(origin):\($0)" } ?? origin
        return "\(place): \(key): \(message)"
    }
}
