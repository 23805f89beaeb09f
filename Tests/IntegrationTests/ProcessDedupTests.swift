import Foundation
import TestSupport
import Testing

/// `newsworker process` as users run it: its dedup clock is the run, not the dates in the articles (issue 15).
struct ProcessDedupTests {
    static let seeds = Seeds.directory

    /// Writes JSON envelopes to a fresh directory; returns their paths, in the order given.
    static func envelopes(_ articles: [(name: String, date: String?, body: String)]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("process-dedup-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try articles.map { article in
            var envelope: [String: String] = ["body": article.body]
            envelope["published_at"] = article.date
            let url = directory.appendingPathComponent("\(article.name).json")
            try JSONSerialization.data(withJSONObject: envelope).write(to: url)
            return url.path
        }
    }

    static func seedText(_ prefix: String) throws -> String {
        String(decoding: try Seeds.file(prefix).bytes, as: UTF8.self)
    }

    /// `(id, status, of, cluster)` of every record `process` prints.
    static func run(_ arguments: [String]) async throws -> [(id: String, status: String, of: String?, cluster: String)] {
        let process = try ChildProcess(["process"] + arguments, name: "process-dedup")
        #expect(try await process.waitForExit() == 0, "\(process.stderr)")
        return try process.stdout.split(separator: "\n").map { line in
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let dedup = try #require(record["dedup"] as? [String: Any])
            return (record["id"] as? String ?? "", dedup["status"] as? String ?? "", dedup["of"] as? String, dedup["cluster"] as? String ?? "")
        }
    }

    @Test func aFarFutureDateDoesNotEmptyTheIndex() async throws {
        let a = try Self.seedText("000")
        let files = try Self.envelopes([
            ("A", "2022-12-30", a), ("typo", "2099-01-01", try Self.seedText("003")), ("A-copy", "2022-12-30", a),
        ])
        let records = try await Self.run(files)
        #expect(records.map(\.status) == ["unique", "unique", "duplicate"])
        #expect(records.last?.of == "A")
    }

    @Test func aReprocessedIDKeepsItsFirstVerdict() async throws {
        // process A B C4 C B: C is B minus its last paragraph plus one sentence.
        var paragraphs = try Self.seedText("001").components(separatedBy: "\n\n")
        paragraphs.removeLast()
        paragraphs.append("Le Kremlin a ajouté que la rencontre avait duré plus de deux heures et demie.")
        let c = try Self.envelopes([("C", nil, paragraphs.joined(separator: "\n\n"))])[0]
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path).sorted()
        let seed = { (index: Int) in Self.seeds.appendingPathComponent(names[index]).path }
        let records = try await Self.run([seed(0), seed(1), seed(4), c, seed(1)])
        #expect(records.count == 5)
        #expect(records[1].status == "same_story")
        #expect(records[1].of == String(names[0].dropLast(4)))
        #expect(records[4].status == records[1].status && records[4].of == records[1].of && records[4].cluster == records[1].cluster)
    }

    @Test func theSeedsFormTheirClustersInEveryOrder() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path).sorted()
        var orders: [[String]] = [[]]
        for name in names { orders = orders.flatMap { order in (0...order.count).map { var o = order; o.insert(name, at: $0); return o } } }
        #expect(orders.count == 120)
        for order in orders {
            let records = try await Self.run(order.map { Self.seeds.appendingPathComponent($0).path })
            let clusters = Set(Dictionary(grouping: records, by: \.cluster).values.map { Set($0.map { String($0.id.prefix(3)) }) })
            #expect(clusters == [["000", "001", "002"], ["003"], ["004"]], "\(order)")
        }
    }

    /// Issue 13: a directory (its files in byte order of their names) or a `--files-from` list (a file or
    /// stdin) is the same run as those files given as arguments; options may follow or precede a long
    /// file list, which the command takes past the argument parser.
    @Test func directoriesAndFileListsAreTheirFilesInOrder() async throws {
        let b = try Self.seedText("000")
        let files = try Self.envelopes([("b2", nil, b), ("a", nil, try Self.seedText("004")), ("b10", nil, b), ("c", nil, try Self.seedText("001"))])
        let directory = URL(fileURLWithPath: files[0]).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory + "/nested", withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: directory + "/.hidden.json"))
        let byName = [files[1], files[2], files[0], files[3]]  // a, b10, b2, c
        let expected = try await Self.run(byName)
        #expect(expected.map(\.id) == ["a", "b10", "b2", "c"])
        #expect(expected.map(\.status) == ["unique", "unique", "duplicate", "same_story"])
        #expect(try await Self.run([directory]).map(\.id) == expected.map(\.id))
        #expect(try await Self.run([directory]).map(\.of) == expected.map(\.of))

        // A list in its own order, after the arguments; blank lines and CRLF are ignored.
        let list = directory + "/nested/list.txt"
        try Data("\(files[3])\r\n\n\(files[0])\n".utf8).write(to: URL(fileURLWithPath: list))
        let listed = try await Self.run([files[1], "--files-from", list])
        #expect(listed.map(\.id) == ["a", "c", "b2"])
        #expect(listed.map(\.cluster) == ["a", "c", "c"])

        let stdin = try ChildProcess(["process", "--files-from", "-"], name: "process-stdin")
        stdin.send(byName.joined(separator: "\n"))
        stdin.closeInput()
        #expect(try await stdin.waitForExit() == 0, "\(stdin.stderr)")
        #expect(stdin.stdout.split(separator: "\n").count == 4)
        #expect(stdin.stdout.split(separator: "\n").first?.contains(#""id":"a""#) == true)

        // Long lists: options before, between and after the files change nothing.
        let many = Array(repeating: byName, count: 50).flatMap { $0 }
        let plain = try await Self.run(many)
        #expect(plain.count == 200 && plain.suffix(4).map(\.status) == expected.map(\.status))
        #expect(try await Self.run(["--stream-time", "2022-12-20"] + many).map(\.status) == plain.map(\.status))
        let pretty = try ChildProcess(["process"] + many[..<100] + ["--pretty"] + many[100...], name: "process-pretty")
        #expect(try await pretty.waitForExit() == 0)
        #expect(pretty.stdout.components(separatedBy: "\n  \"dedup\"").count == 201)
        let trailing = try ChildProcess(["process"] + many + ["--stream-time", "nonsense"], name: "process-bad-time")
        #expect(try await trailing.waitForExit() != 0)
        #expect(trailing.stderr.contains("--stream-time"))
    }

    @Test func aMissingDirectoryOrListIsAClearError() async throws {
        let missing = try ChildProcess(["process", "--files-from", "/nonexistent/list.txt"], name: "process-no-list")
        #expect(try await missing.waitForExit() != 0)
        #expect(missing.stderr.contains("/nonexistent/list.txt"))
        let none = try ChildProcess(["process"], name: "process-no-files")
        #expect(try await none.waitForExit() != 0)
        #expect(none.stderr.contains("--files-from"))
    }

    @Test func theStreamTimeOptionSetsTheClockThatJudgesDates() async throws {
        // 2099 is implausible today; in a stream running in 2099 it is an ordinary date, months away from 2022.
        let shared = try Self.seedText("001")
        let files = try Self.envelopes([("A", "2022-12-16", try Self.seedText("000")), ("B", "2099-01-01", shared)])
        #expect(try await Self.run(files).map(\.status) == ["unique", "same_story"])
        #expect(try await Self.run(["--stream-time", "2099-01-02T00:00:00Z"] + files).map(\.status) == ["unique", "unique"])
    }

    @Test func aBadStreamTimeIsAnErrorNamingTheOption() async throws {
        let process = try ChildProcess(["process", "--stream-time", "yesterday", Self.seeds.path], name: "process-bad-time")
        #expect(try await process.waitForExit() != 0)
        #expect(process.stderr.contains("--stream-time"))
    }
}
