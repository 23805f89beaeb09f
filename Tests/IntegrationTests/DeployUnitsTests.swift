import Foundation
import TestSupport
import Testing

/// What the units promise operators, read from `deploy/systemd` as shipped.
/// (`scripts/verify-deploy` runs `systemd-analyze verify` on them; this checks our choices.)
struct DeployUnitsTests {
    static func unit(_ name: String) throws -> String {
        try String(
            contentsOf: DeployTestSupport.repository.appendingPathComponent("deploy/systemd/\(name)"),
            encoding: .utf8
        )
    }

    static let required: [(key: String, value: String)] = [
        ("Type", "notify"),
        ("NotifyAccess", "main"),
        ("WatchdogSec", "30s"),
        ("Restart", "on-failure"),
        ("RestartSec", "10s"),
        ("StartLimitIntervalSec", "15min"),
        ("StartLimitBurst", "5"),
        ("TimeoutStopSec", "45s"),
        ("DynamicUser", "yes"),
        ("User", "newsworker"),
        ("NoNewPrivileges", "yes"),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
        ("PrivateTmp", "yes"),
        ("PrivateDevices", "yes"),
        ("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX"),
        ("SystemCallFilter", "@system-service"),
        ("MemoryMax", "2G"),
        ("LimitNOFILE", "65536"),
        ("ConfigurationDirectory", "newsworker"),
        ("EnvironmentFile", "-/etc/newsworker/newsworker.env"),
    ]

    @Test(arguments: ["newsworker.service", "newsworker@.service"])
    func serviceHasTheContractedSettings(name: String) throws {
        let unit = try Self.unit(name)
        for (key, value) in Self.required {
            #expect(DeployTestSupport.values(key, in: unit).contains(value), "\(name): \(key)=\(value)")
        }
        // Restart backoff keys of systemd >= 254 would be rejected by bookworm's 252.
        #expect(DeployTestSupport.values("RestartSteps", in: unit).isEmpty)
        #expect(DeployTestSupport.values("RestartMaxDelaySec", in: unit).isEmpty)
    }

    @Test func instancesGetTheirOwnIdPortAndState() throws {
        let template = try Self.unit("newsworker@.service")
        #expect(DeployTestSupport.values("ExecStart", in: template).first?.hasSuffix(" --instance %i") == true)
        #expect(DeployTestSupport.values("StateDirectory", in: template) == ["newsworker-%i"])
        #expect(DeployTestSupport.values("PartOf", in: template) == ["newsworker.target"])
        #expect(DeployTestSupport.values("Before", in: template) == ["newsworker.target"])
        #expect(DeployTestSupport.values("WantedBy", in: template) == ["newsworker.target"])
        let service = try Self.unit("newsworker.service")
        #expect(DeployTestSupport.values("StateDirectory", in: service) == ["newsworker"])
        #expect(DeployTestSupport.values("WantedBy", in: service) == ["multi-user.target"])
        let target = try Self.unit("newsworker.target")
        #expect(DeployTestSupport.values("WantedBy", in: target) == ["multi-user.target"])
    }

    /// The template is the single unit plus `%i`: the sandbox and limits must not drift apart.
    @Test func templateAndSingleUnitShareEverythingElse() throws {
        func settings(_ unit: String) -> [String] {
            unit.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("[") }
        }
        let perInstance: Set<String> = ["Description", "PartOf", "Before", "ExecStart", "SyslogIdentifier", "StateDirectory", "WantedBy"]
        func shared(_ unit: String) -> [String] {
            settings(unit).filter { !perInstance.contains(String($0.prefix { $0 != "=" })) }
        }
        #expect(shared(try Self.unit("newsworker.service")) == shared(try Self.unit("newsworker@.service")))
    }

    /// systemd must wait longer than the worker drains, or SIGKILL cuts the drain short.
    @Test func stopTimeoutExceedsShutdownGrace() throws {
        var grace = 30  // worker.shutdown_grace_seconds default
        let config = DeployTestSupport.repository.appendingPathComponent("config/newsworker.yaml")
        if let yaml = try? String(contentsOf: config, encoding: .utf8),
            let line = yaml.split(separator: "\n").first(where: { $0.contains("shutdown_grace_seconds:") }),
            let value = Int(line.split(separator: ":").last?.split(separator: "#").first?.trimmingCharacters(in: .whitespaces) ?? "")
        {
            grace = value
        }
        for name in ["newsworker.service", "newsworker@.service"] {
            let stop = DeployTestSupport.values("TimeoutStopSec", in: try Self.unit(name)).first ?? ""
            let seconds = Int(stop.replacingOccurrences(of: "s", with: "")) ?? 0
            #expect(seconds >= grace + 10, "\(name): TimeoutStopSec=\(stop) vs shutdown grace \(grace)s")
        }
    }

    @Test func envFileOnlyHasCommentsAndKnownPrefixes() throws {
        let env = try Self.unit("newsworker.env")
        let assignments = env.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        // Shipped with every line commented: installing it changes nothing until the operator edits it.
        #expect(assignments == [])
        let examples = env.split(separator: "\n").filter { $0.hasPrefix("#NEWSWORKER_") }
        #expect(examples.contains { $0.hasPrefix("#NEWSWORKER_RDKAFKA_SASL_PASSWORD=") })
        #expect(examples.contains { $0.hasPrefix("#NEWSWORKER_KAFKA_BROKERS=") })
        for example in examples {
            let key = example.dropFirst().prefix { $0 != "=" }
            #expect(key.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" }, "\(example)")
        }
    }
}
