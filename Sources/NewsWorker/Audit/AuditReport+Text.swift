public import Foundation

extension AuditReport {
    /// The report as JSON (snake_case keys, sorted), for scripts and tests: `newsworker audit --json`.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a report written by ``json()``.
    public init(json: Data) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        self = try decoder.decode(AuditReport.self, from: json)
    }

    /// The report for a person: one row per input partition, the totals, then the findings.
    public var table: String {
        let header = ["partition", "low", "high", "committed", "inputs", "once", "repeated", "extra", "dead-lettered", "missing", "pending"]
        func cells(_ name: String, _ row: Partition?, _ counts: Counts) -> [String] {
            [name, row.map { String($0.lowWatermark) } ?? "", row.map { String($0.highWatermark) } ?? "",
             row.map { $0.committed.map(String.init) ?? "-" } ?? "",
             String(counts.inputs), String(counts.emittedOnce), String(counts.emittedMoreThanOnce), String(counts.extraEmissions),
             String(counts.deadLettered), String(counts.missing), String(counts.pending)]
        }
        let rows = [header] + partitions.map { cells(String($0.partition), $0, $0.counts) } + [cells("total", nil, totals)]
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = ["input \(topics.input) (group \(topics.group)) -> \(topics.outputs.joined(separator: ", ")), dead letters \(topics.deadLetters)"]
        for row in rows {
            lines.append(zip(row, widths).enumerated().map { column, cell in
                let padding = String(repeating: " ", count: cell.1 - cell.0.count)
                return column == 0 ? cell.0 + padding : padding + cell.0
            }.joined(separator: "  "))
        }
        lines.append("")
        let reasons = deadLetterReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("records: \(outputRecords) output, \(deadLetterRecords) dead letters\(reasons.isEmpty ? "" : " (\(reasons))"), \(fingerprints) fingerprints")
        lines.append("invented: \(invented)   changed: \(changed)   verdict mismatches: \(verdictsChecked ? String(verdictMismatches) : "not checked")   beyond retention: \(beyondRetention)")
        func list(_ title: String, _ items: [String], of total: Int) {
            guard !items.isEmpty else { return }
            lines.append("\(title) (first \(items.count) of \(total)):")
            lines += items.map { "  \($0)" }
        }
        list("missing", examples.missing, of: totals.missing)
        list("invented", examples.invented.map(\.text), of: invented)
        list("changed", examples.changed.map(\.text), of: changed)
        list("verdict mismatches", examples.verdictMismatches.map(\.text), of: verdictMismatches)
        lines.append(isClean ? (totals.pending == 0 ? "OK: every input accounted for" : "OK so far: \(totals.pending) inputs not consumed yet")
                             : "FAILED: inputs lost, invented or changed")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension AuditReport.Finding {
    var text: String { "\(location)\(subject.isEmpty ? "" : " (\(subject))"): \(reason)" }
}
