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
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            for line in open(sys.argv[2]):
                jsonschema.validate(json.loads(line), schema)
            print("valid")
            """
        let validator = try ChildProcess(
            ["python3", "-c", script, Repository.url("config/schema/article-v1.schema.json").path, process.stdoutURL.path],
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            name: "jsonschema"
        )
        let status = try await validator.waitForExit()
        #expect(status == 0, "\(validator.stderr)")
        #expect(validator.stdout == "valid\n")
    }
}
