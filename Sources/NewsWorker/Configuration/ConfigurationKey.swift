import NewsDedup

/// One settable key of ``WorkerConfiguration``: its dotted path, how to parse and print its value.
struct ConfigurationKey: Sendable {
    /// Dotted path in the YAML file, e.g. `kafka.input_topic`.
    let path: String
    /// The environment variable that overrides it, e.g. `NEWSWORKER_KAFKA_INPUT_TOPIC`.
    var environmentName: String { "NEWSWORKER_" + path.replacingDots(with: "_").uppercased() }
    /// Parses a textual value into the configuration; returns a message when the value is invalid.
    let apply: @Sendable (inout WorkerConfiguration, String) -> String?
    /// The current value, as YAML scalar text.
    let render: @Sendable (WorkerConfiguration) -> String

    static func string(_ path: String, _ keyPath: any WritableKeyPath<WorkerConfiguration, String> & Sendable) -> Self {
        Self(path: path, apply: { config, text in config[keyPath: keyPath] = text; return nil }, render: { $0[keyPath: keyPath].yamlQuoted })
    }

    static func int(_ path: String, _ keyPath: any WritableKeyPath<WorkerConfiguration, Int> & Sendable, _ range: ClosedRange<Int>) -> Self {
        Self(path: path, apply: { config, text in
            guard let value = Int(text), range.contains(value) else {
                return "expected an integer in \(range.lowerBound)...\(range.upperBound), found '\(text)'"
            }
            config[keyPath: keyPath] = value
            return nil
        }, render: { String($0[keyPath: keyPath]) })
    }

    static func seconds(_ path: String, _ keyPath: any WritableKeyPath<WorkerConfiguration, Double> & Sendable) -> Self {
        Self(path: path, apply: { config, text in
            guard let value = Double(text), value.isFinite, value >= 0 else {
                return "expected a non-negative number of seconds, found '\(text)'"
            }
            config[keyPath: keyPath] = value
            return nil
        }, render: { String($0[keyPath: keyPath]) })
    }

    static func bool(_ path: String, _ keyPath: any WritableKeyPath<WorkerConfiguration, Bool> & Sendable) -> Self {
        Self(path: path, apply: { config, text in
            guard let value = Bool(text.lowercased()) else {
                return "expected true or false, found '\(text)'"
            }
            config[keyPath: keyPath] = value
            return nil
        }, render: { String($0[keyPath: keyPath]) })
    }

    static func fraction(_ path: String, _ keyPath: any WritableKeyPath<WorkerConfiguration, Double> & Sendable) -> Self {
        Self(path: path, apply: { config, text in
            guard let value = Double(text), (0...1).contains(value) else {
                return "expected a number in 0...1, found '\(text)'"
            }
            config[keyPath: keyPath] = value
            return nil
        }, render: { String($0[keyPath: keyPath]) })
    }

    static func choice<Value: RawRepresentable & CaseIterable>(
        _ path: String, _ keyPath: any WritableKeyPath<WorkerConfiguration, Value> & Sendable
    ) -> Self where Value.RawValue == String {
        Self(path: path, apply: { config, text in
            guard let value = Value(rawValue: text) else {
                return "expected one of \(Value.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'"
            }
            config[keyPath: keyPath] = value
            return nil
        }, render: { $0[keyPath: keyPath].rawValue })
    }

    static func oneOf(_ path: String, _ keyPath: any WritableKeyPath<WorkerConfiguration, String> & Sendable, _ allowed: [String]) -> Self {
        Self(path: path, apply: { config, text in
            guard allowed.contains(text) else {
                return "expected one of \(allowed.joined(separator: ", ")), found '\(text)'"
            }
            config[keyPath: keyPath] = text
            return nil
        }, render: { $0[keyPath: keyPath] })
    }

    /// Every scalar key, in the order `check-config` prints them. (`kafka.properties` is a mapping, handled apart.)
    static let all: [ConfigurationKey] = [
        .string("worker.id", \.worker.id),
        .seconds("worker.shutdown_grace_seconds", \.worker.shutdownGraceSeconds),
        .int("worker.max_in_flight", \.worker.maxInFlight, 1...1_000_000),
        .int("worker.max_in_flight_bytes", \.worker.maxInFlightBytes, (1 << 20)...(1 << 40)),
        .seconds("worker.stall_seconds", \.worker.stallSeconds),
        .string("kafka.brokers", \.kafka.brokers),
        .string("kafka.group", \.kafka.group),
        .string("kafka.input_topic", \.kafka.inputTopic),
        .string("kafka.output_topic", \.kafka.outputTopic),
        .string("kafka.dlq_topic", \.kafka.dlqTopic),
        .choice("kafka.duplicates", \.kafka.duplicates),
        .string("kafka.duplicates_topic", \.kafka.duplicatesTopic),
        .bool("kafka.static_membership", \.kafka.staticMembership),
        .string("http.listen", \.http.listen),
        .int("parser.max_bytes", \.parser.maxBytes, 1...(1 << 30)),
        .string("dedup.shared_log_topic", \.dedup.sharedLogTopic),
        .int("dedup.window_days", \.dedup.index.windowDays, 1...3650),
        .int("dedup.max_articles", \.dedup.index.maxArticles, 1...100_000_000),
        .fraction("dedup.near_duplicate_containment", \.dedup.index.nearDuplicateContainment),
        .fraction("dedup.same_story_containment", \.dedup.index.sameStoryContainment),
        .int("dedup.same_story_max_day_gap", \.dedup.index.sameStoryMaxDayGap, 0...365),
        .int("dedup.future_date_tolerance_days", \.dedup.index.futureDateToleranceDays, 0...365),
        .int("dedup.boilerplate_source_stories", \.dedup.index.boilerplateSourceStories, 1...64),
        .int("dedup.boilerplate_stream_stories", \.dedup.index.boilerplateStreamStories, 1...64),
        .int("dedup.verdict_memory_bytes", \.dedup.index.verdictMemoryBytes, 0...(1 << 40)),
        .string("state.directory", \.state.directory),
        .oneOf("log.level", \.log.level, ["trace", "debug", "info", "notice", "warning", "error", "critical"]),
        .oneOf("log.format", \.log.format, ["auto", "json", "text"]),
    ]

    /// The mapping key whose entries pass through to librdkafka.
    static let propertiesPath = "kafka.properties"
    /// Environment prefix for librdkafka properties: `NEWSWORKER_RDKAFKA_SASL_PASSWORD` → `sasl.password`.
    static let propertyEnvironmentPrefix = "NEWSWORKER_RDKAFKA_"
}

extension String {
    func replacingDots(with replacement: String) -> String {
        split(separator: ".", omittingEmptySubsequences: false).joined(separator: replacement)
    }

    /// The string as a YAML scalar, quoted when plain style would change its meaning.
    var yamlQuoted: String {
        let plain = !isEmpty && allSatisfy { $0.isLetter || $0.isNumber || "._-/:,".contains($0) }
            && !["true", "false", "yes", "no", "null", "on", "off", "~"].contains(lowercased())
            && Double(self) == nil
        if plain { return self }
        let escaped = self.flatMap { char -> String in
            switch char {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            default: return String(char)
            }
        }
        return "\"" + String(escaped) + "\""
    }
}
