public import Foundation
import Yams

/// Builds the effective ``WorkerConfiguration``: defaults ← YAML file ← environment ← command-line flags.
///
/// Strict: an unknown key, a value of the wrong type or a missing required value is a
/// ``ConfigurationError`` that names the key and where the value came from.
public struct ConfigurationLoader: Sendable {
    /// The YAML file, if any.
    public var file: String?
    /// The process environment (injected so tests need not mutate the real one).
    public var environment: [String: String]
    /// Overrides from command-line flags, by dotted key (`kafka.brokers`).
    public var flags: [String: String]

    /// Creates a loader.
    public init(file: String?, environment: [String: String] = ProcessInfo.processInfo.environment, flags: [String: String] = [:]) {
        self.file = file
        self.environment = environment
        self.flags = flags
    }

    /// Loads and validates the configuration.
    /// - Throws: ``ConfigurationError``.
    public func load() throws(ConfigurationError) -> WorkerConfiguration {
        var config = WorkerConfiguration()
        if let file {
            try applyFile(file, to: &config)
        }
        try applyEnvironment(to: &config)
        for (path, value) in flags.sorted(by: { $0.key < $1.key }) {
            try apply(path, value, origin: "--" + path.split(separator: ".").last!.replacingOccurrences(of: "_", with: "-"), line: nil, to: &config)
        }
        if let directory = environment["STATE_DIRECTORY"], !directory.isEmpty {
            // systemd's StateDirectory= (first entry when several).
            config.state.directory = String(directory.split(separator: ":").first ?? "")
        }
        try validate(config)
        return config
    }

    private static let keys = Dictionary(uniqueKeysWithValues: ConfigurationKey.all.map { ($0.path, $0) })

    private func apply(_ path: String, _ value: String, origin: String, line: Int?, to config: inout WorkerConfiguration) throws(ConfigurationError) {
        guard let key = Self.keys[path] else {
            throw ConfigurationError(key: path, origin: origin, line: line, message: "unknown key")
        }
        if let problem = key.apply(&config, value) {
            throw ConfigurationError(key: path, origin: origin, line: line, message: problem)
        }
    }

    private func applyFile(_ file: String, to config: inout WorkerConfiguration) throws(ConfigurationError) {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigurationError(key: "(file)", origin: file, message: "cannot read: \(error.localizedDescription)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(key: "(file)", origin: file, message: "not valid YAML: \(error)")
        }
        guard let root else { return }  // An empty file keeps the defaults.
        guard case .mapping(let sections) = root else {
            throw ConfigurationError(key: "(root)", origin: file, line: Self.line(root), message: "expected a mapping of sections")
        }
        for (sectionNode, body) in sections {
            let section = sectionNode.string ?? "?"
            guard case .mapping(let entries) = body else {
                if case .scalar(let scalar) = body, scalar.string.isEmpty || scalar.tag == .init(.null) { continue }
                throw ConfigurationError(key: section, origin: file, line: Self.line(body), message: "expected a mapping")
            }
            for (keyNode, valueNode) in entries {
                let path = section + "." + (keyNode.string ?? "?")
                if path == ConfigurationKey.propertiesPath {
                    try applyProperties(valueNode, file: file, to: &config)
                    continue
                }
                guard case .scalar(let scalar) = valueNode else {
                    guard Self.keys[path] != nil else {
                        throw ConfigurationError(key: path, origin: file, line: Self.line(keyNode), message: "unknown key")
                    }
                    throw ConfigurationError(key: path, origin: file, line: Self.line(valueNode), message: "expected a single value, found a \(Self.kind(valueNode))")
                }
                try apply(path, scalar.string, origin: file, line: Self.line(keyNode), to: &config)
            }
        }
    }

    private func applyProperties(_ node: Node, file: String, to config: inout WorkerConfiguration) throws(ConfigurationError) {
        if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "{}" { return }
        guard case .mapping(let entries) = node else {
            throw ConfigurationError(key: ConfigurationKey.propertiesPath, origin: file, line: Self.line(node), message: "expected a mapping of librdkafka properties")
        }
        for (keyNode, valueNode) in entries {
            let name = keyNode.string ?? "?"
            guard case .scalar(let scalar) = valueNode else {
                throw ConfigurationError(key: "\(ConfigurationKey.propertiesPath).\(name)", origin: file, line: Self.line(valueNode), message: "expected a single value, found a \(Self.kind(valueNode))")
            }
            config.kafka.properties[name] = scalar.string
        }
    }

    private func applyEnvironment(to config: inout WorkerConfiguration) throws(ConfigurationError) {
        for key in ConfigurationKey.all {
            if let value = environment[key.environmentName] {
                try apply(key.path, value, origin: "environment variable \(key.environmentName)", line: nil, to: &config)
            }
        }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(ConfigurationKey.propertyEnvironmentPrefix) {
            let property = name.dropFirst(ConfigurationKey.propertyEnvironmentPrefix.count).lowercased().replacingOccurrences(of: "_", with: ".")
            config.kafka.properties[property] = value
        }
        let known = Set(ConfigurationKey.all.map(\.environmentName))
        let reserved: Set<String> = ["NEWSWORKER_FAULT_STALL_PIPELINE", "NEWSWORKER_BINARY", "NEWSWORKER_INSTANCE"]
        for name in environment.keys.sorted() where name.hasPrefix("NEWSWORKER_") && !name.hasPrefix(ConfigurationKey.propertyEnvironmentPrefix)
            && !known.contains(name) && !reserved.contains(name) && !name.hasPrefix("NEWSWORKER_TEST_") && !name.hasPrefix("NEWSWORKER_SKIP_") {
            throw ConfigurationError(key: name, origin: "environment", message: "unknown setting (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    private func validate(_ config: WorkerConfiguration) throws(ConfigurationError) {
        let origin = file ?? "configuration"
        if config.kafka.brokers.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ConfigurationError(key: "kafka.brokers", origin: origin, message: "required value is missing (set it in the file, NEWSWORKER_KAFKA_BROKERS or --brokers)")
        }
        for (path, topic) in [("kafka.input_topic", config.kafka.inputTopic), ("kafka.output_topic", config.kafka.outputTopic), ("kafka.dlq_topic", config.kafka.dlqTopic)] where topic.isEmpty {
            throw ConfigurationError(key: path, origin: origin, message: "required value is missing")
        }
        if [config.kafka.outputTopic, config.kafka.dlqTopic, config.dedup.sharedLogTopic].contains(config.kafka.inputTopic) {
            throw ConfigurationError(key: "kafka.input_topic", origin: origin, message: "must differ from the output and dead-letter topics")
        }
        if HostAndPort(config.http.listen) == nil {
            throw ConfigurationError(key: "http.listen", origin: origin, message: "expected HOST:PORT, found '\(config.http.listen)'")
        }
    }

    private static func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .scalar: return "value"
        case .alias: return "alias"
        }
    }
}

/// `HOST:PORT` as written in `http.listen`.
public struct HostAndPort: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Parses `HOST:PORT` (`[::1]:9464` for IPv6); `nil` when malformed.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    /// Creates an address from its parts.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
