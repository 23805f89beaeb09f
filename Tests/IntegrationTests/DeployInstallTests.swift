import Foundation
import TestSupport
import Testing

/// `make install` / `make uninstall` into a temporary `DESTDIR`, with a stand-in binary: no release build.
@Suite(.timeLimit(.minutes(5)))
struct DeployInstallTests {
    static let expectedFiles = [
        "etc/newsworker/newsworker.env",
        "etc/newsworker/newsworker.yaml",
        "usr/local/bin/newsworker",
        "usr/local/lib/systemd/system/newsworker.service",
        "usr/local/lib/systemd/system/newsworker.target",
        "usr/local/lib/systemd/system/newsworker@.service",
        "usr/local/share/doc/newsworker/operations.md",
    ]

    @Test(.enabled(if: DeployTestSupport.hasShippedConfig, "needs config/newsworker.yaml"))
    func installLaysOutEveryFileAndUninstallRemovesThem() throws {
        let scratch = try DeployScratchDirectory()
        let destdir = scratch.url.appendingPathComponent("root")
        let binary = try scratch.write("newsworker", "#!/bin/sh\necho newsworker v1\n", mode: 0o755)

        let install = try DeployTestSupport.make("install", "DESTDIR=\(destdir.path)", "BINARY=\(binary.path)")
        #expect(install.status == 0, "make install failed:\n\(install.output)")
        #expect(try DeployTestSupport.files(under: destdir) == Self.expectedFiles)

        #expect(try DeployTestSupport.mode(destdir, "usr/local/bin/newsworker") == 0o755)
        #expect(try DeployTestSupport.mode(destdir, "usr/local/lib/systemd/system/newsworker.service") == 0o644)
        #expect(try DeployTestSupport.mode(destdir, "etc/newsworker/newsworker.yaml") == 0o644)
        #expect(try DeployTestSupport.mode(destdir, "etc/newsworker/newsworker.env") == 0o600)
        #expect(try DeployTestSupport.read(destdir, "usr/local/bin/newsworker") == "#!/bin/sh\necho newsworker v1\n")
        #expect(
            try DeployTestSupport.read(destdir, "etc/newsworker/newsworker.yaml")
                == String(contentsOf: DeployTestSupport.repository.appendingPathComponent("config/newsworker.yaml"), encoding: .utf8)
        )

        // ExecStart= names the installed binary: the placeholder is gone from every unit.
        let service = try DeployTestSupport.read(destdir, "usr/local/lib/systemd/system/newsworker.service")
        let template = try DeployTestSupport.read(destdir, "usr/local/lib/systemd/system/newsworker@.service")
        let target = try DeployTestSupport.read(destdir, "usr/local/lib/systemd/system/newsworker.target")
        for unit in [service, template, target] {
            #expect(!unit.contains("@BINDIR@") && !unit.contains("@DOCDIR@"))
        }
        #expect(
            DeployTestSupport.values("ExecStart", in: service)
                == ["/usr/local/bin/newsworker run --config /etc/newsworker/newsworker.yaml"]
        )
        #expect(
            DeployTestSupport.values("ExecStart", in: template)
                == ["/usr/local/bin/newsworker run --config /etc/newsworker/newsworker.yaml --instance %i"]
        )
        #expect(
            DeployTestSupport.values("Documentation", in: service)
                == ["file:///usr/local/share/doc/newsworker/operations.md"]
        )

        let uninstall = try DeployTestSupport.make("uninstall", "DESTDIR=\(destdir.path)")
        #expect(uninstall.status == 0, "make uninstall failed:\n\(uninstall.output)")
        #expect(try DeployTestSupport.files(under: destdir) == [])
    }

    @Test(.enabled(if: DeployTestSupport.hasShippedConfig, "needs config/newsworker.yaml"))
    func upgradeKeepsTheOperatorsConfig() throws {
        let scratch = try DeployScratchDirectory()
        let destdir = scratch.url.appendingPathComponent("root")
        let v1 = try scratch.write("v1/newsworker", "#!/bin/sh\necho v1\n", mode: 0o755)
        let v2 = try scratch.write("v2/newsworker", "#!/bin/sh\necho v2\n", mode: 0o755)

        #expect(try DeployTestSupport.make("install", "DESTDIR=\(destdir.path)", "BINARY=\(v1.path)").status == 0)
        let yaml = destdir.appendingPathComponent("etc/newsworker/newsworker.yaml")
        let env = destdir.appendingPathComponent("etc/newsworker/newsworker.env")
        let shippedYAML = try String(contentsOf: yaml, encoding: .utf8)
        let shippedEnv = try String(contentsOf: env, encoding: .utf8)
        try (shippedYAML + "\n# edited by the operator\n").write(to: yaml, atomically: true, encoding: .utf8)
        try (shippedEnv + "NEWSWORKER_RDKAFKA_SASL_PASSWORD=secret\n").write(to: env, atomically: true, encoding: .utf8)

        // Upgrade: the binary is replaced, the edited files stay, the shipped ones land as .dist.
        let upgrade = try DeployTestSupport.make("install", "DESTDIR=\(destdir.path)", "BINARY=\(v2.path)")
        #expect(upgrade.status == 0, "\(upgrade.output)")
        #expect(upgrade.output.contains("newsworker.yaml.dist"))
        #expect(try DeployTestSupport.read(destdir, "usr/local/bin/newsworker") == "#!/bin/sh\necho v2\n")
        #expect(try DeployTestSupport.read(destdir, "etc/newsworker/newsworker.yaml").hasSuffix("# edited by the operator\n"))
        #expect(try DeployTestSupport.read(destdir, "etc/newsworker/newsworker.yaml.dist") == shippedYAML)
        #expect(try DeployTestSupport.read(destdir, "etc/newsworker/newsworker.env").contains("=secret"))
        #expect(try DeployTestSupport.read(destdir, "etc/newsworker/newsworker.env.dist") == shippedEnv)
        #expect(try DeployTestSupport.mode(destdir, "etc/newsworker/newsworker.env.dist") == 0o600)
        #expect(
            try DeployTestSupport.files(under: destdir)
                == (Self.expectedFiles + ["etc/newsworker/newsworker.env.dist", "etc/newsworker/newsworker.yaml.dist"]).sorted()
        )

        // Uninstall keeps what the operator edited, removes everything else.
        let uninstall = try DeployTestSupport.make("uninstall", "DESTDIR=\(destdir.path)")
        #expect(uninstall.status == 0, "\(uninstall.output)")
        #expect(
            try DeployTestSupport.files(under: destdir)
                == ["etc/newsworker/newsworker.env", "etc/newsworker/newsworker.yaml"]
        )
    }

    @Test(.enabled(if: DeployTestSupport.hasShippedConfig, "needs config/newsworker.yaml"))
    func prefixMovesBinaryUnitsAndExecStart() throws {
        let scratch = try DeployScratchDirectory()
        let destdir = scratch.url.appendingPathComponent("root")
        let binary = try scratch.write("newsworker", "#!/bin/sh\n", mode: 0o755)
        let install = try DeployTestSupport.make(
            "install", "DESTDIR=\(destdir.path)", "PREFIX=/usr", "BINARY=\(binary.path)"
        )
        #expect(install.status == 0, "\(install.output)")
        #expect(
            try DeployTestSupport.files(under: destdir) == [
                "etc/newsworker/newsworker.env",
                "etc/newsworker/newsworker.yaml",
                "usr/bin/newsworker",
                "usr/lib/systemd/system/newsworker.service",
                "usr/lib/systemd/system/newsworker.target",
                "usr/lib/systemd/system/newsworker@.service",
                "usr/share/doc/newsworker/operations.md",
            ]
        )
        let service = try DeployTestSupport.read(destdir, "usr/lib/systemd/system/newsworker.service")
        #expect(DeployTestSupport.values("ExecStart", in: service).first?.hasPrefix("/usr/bin/newsworker run ") == true)
        #expect(DeployTestSupport.values("ExecStartPre", in: service).first?.hasPrefix("/usr/bin/newsworker check-config ") == true)
        #expect(try DeployTestSupport.make("uninstall", "DESTDIR=\(destdir.path)", "PREFIX=/usr").status == 0)
        #expect(try DeployTestSupport.files(under: destdir) == [])
    }

    @Test func installRefusesAMissingBinary() throws {
        let scratch = try DeployScratchDirectory()
        let result = try DeployTestSupport.make(
            "install",
            "DESTDIR=\(scratch.url.appendingPathComponent("root").path)",
            "BINARY=\(scratch.url.appendingPathComponent("no-such-binary").path)"
        )
        #expect(result.status != 0)
        #expect(result.output.contains("no executable newsworker"))
        #expect(try DeployTestSupport.files(under: scratch.url) == [])
    }
}

/// Paths, processes and files shared by the deploy and systemd integration tests.
enum DeployTestSupport {
    /// The package root.
    static let repository = Repository.root

    static var hasShippedConfig: Bool {
        FileManager.default.fileExists(atPath: repository.appendingPathComponent("config/newsworker.yaml").path)
    }

    /// Runs `make TARGET VAR=value...` in the package root, with no build (a BINARY is always given or not needed).
    static func make(_ arguments: String...) throws -> ProcessOutput {
        // Only what the test passes decides the layout, not a PREFIX or DESTDIR in the caller's environment.
        var environment = ProcessInfo.processInfo.environment
        for key in ["DESTDIR", "PREFIX", "BINDIR", "UNITDIR", "DOCDIR", "BINARY", "NEWSWORKER_SKIP_BUILD", "MAKEFLAGS", "MAKELEVEL"] {
            environment[key] = nil
        }
        return try run(["make", "--no-print-directory", "-C", repository.path] + arguments, environment: environment)
    }

    struct ProcessOutput {
        var status: Int32
        var output: String
    }

    /// Runs a command to completion, stdout and stderr together.
    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Regular files and symlinks below `root`, relative, sorted.
    static func files(under root: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = root.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    static func read(_ root: URL, _ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func mode(_ root: URL, _ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// The values of every `Key=value` line of a unit file, in order (comments skipped).
    static func values(_ key: String, in unit: String) -> [String] {
        unit.split(separator: "\n").compactMap { line in
            let line = line.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), line.hasPrefix(key + "=") else { return nil }
            return String(line.dropFirst(key.count + 1))
        }
    }
}

/// A directory removed when the value goes away.
final class DeployScratchDirectory {
    let url: URL

    init() throws {
        self.url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("newsworker-deploy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: self.url, withIntermediateDirectories: true)
    }

    /// Writes a file below the directory, creating its parents.
    @discardableResult
    func write(_ path: String, _ contents: String, mode: Int = 0o644) throws -> URL {
        let file = self.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(at: self.url)
    }
}
