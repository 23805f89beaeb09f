import Foundation
import TestSupport
import Testing

/// The records `newsworker process` prints validate against the published JSON Schema.
struct RecordSchemaTests {
    @Test func seedRecordsMatchTheSchema() async throws {
        let seeds = Seeds.all.map(\.url.path)
        let process = try ChildProcess(["process"] + seeds, name: "process")
        #expect(try await process.waitForExit() == 0)
        let records = process.stdout.split(separator: "\n")
        #expect(records.count == 5)
        try await Self.expectValid(recordsAt: process.stdoutURL)
    }

    @Test func aRecordWithAnImplausibleDateIsFlaggedAndMatchesTheSchema() async throws {
        // One article dated 2099 (a typo) and one dated 1900 in a stream running in 2022: dedup ignores both
        // dates, the records still show them, flagged; a plausible date is not flagged.
        let files = try ProcessDedupTests.envelopes([
            ("typo", "2099-01-01", try ProcessDedupTests.seedText("003")),
            ("old", "1900-01-01", try ProcessDedupTests.seedText("004")),
            ("plausible", "2022-12-16", try ProcessDedupTests.seedText("000")),
        ])
        let process = try ChildProcess(["process", "--stream-time", "2022-12-17T00:00:00Z"] + files, name: "process-implausible")
        #expect(try await process.waitForExit() == 0, "\(process.stderr)")
        let records = try process.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(records.map { $0["published"] as? String } == ["2099-01-01", "1900-01-01", "2022-12-16"])
        #expect(records.map { ($0["dedup"] as? [String: Any])?["implausible_date"] as? Bool } == [true, true, nil])
        try await Self.expectValid(recordsAt: process.stdoutURL)
    }

    /// Validates every line of a JSON-lines file against `config/schema/article-v1.schema.json`.
    static func expectValid(recordsAt url: URL) async throws {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            for line in open(sys.argv[2]):
                jsonschema.validate(json.loads(line), schema)
            print("valid")
            """
        let validator = try ChildProcess(
            ["python3", "-c", script, Repository.url("config/schema/article-v1.schema.json").path, url.path],
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            name: "jsonschema"
        )
        let status = try await validator.waitForExit()
        #expect(status == 0, "\(validator.stderr)")
        #expect(validator.stdout == "valid\n")
    }
}
