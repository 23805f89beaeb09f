import ArgumentParser
import Foundation
import NewsCore
import NewsDedup

/// `newsworker process FILE…`: the shared core over files, one JSON record per line on stdout.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Parse and de-duplicate article files; print one JSON record per file, in order.",
        discussion: """
            The id of a file is its name without extension. Every file goes through one in-memory dedup \
            index in order: the arguments in their order, a directory's files in byte order of their names, \
            then the --files-from list. The index's stream clock: all files enter the stream at \
            --stream-time (default: now), in argument order, so nothing is forgotten by time within one \
            run (only past dedup.max_articles) and article dates are evidence, never the clock; a date \
            later than the stream time plus 2 days, or before 1990, is not used by dedup. A file that \
            fails becomes a JSON error record on stderr, and the command exits non-zero after \
            processing the others.
            """
    )

    @Flag(help: "Indent the JSON records.")
    var pretty = false

    @Option(help: "When the files enter the stream: an ISO 8601 date or UTC timestamp (default: now).")
    var streamTime: String?

    @Option(help: ArgumentHelp(
        "Also process the files listed in this file, one path per line ('-': standard input), after the FILE arguments.",
        valueName: "list"
    ))
    var filesFrom: String?

    @Argument(help: ArgumentHelp(
        "Article files (plain text, HTML or JSON envelopes), or directories: their files in name order. For many thousands of files, pass a directory or --files-from.",
        valueName: "file"
    ))
    var files: [String] = []

    func validate() throws {
        _ = try clock()
        guard !files.isEmpty || filesFrom != nil else {
            throw ValidationError("Missing expected argument '<file> ...' (or --files-from)")
        }
    }

    /// `process` arguments split into what the argument parser reads and the trailing file arguments it
    /// does not need to see, or `nil` when there is nothing to split.
    ///
    /// swift-argument-parser spends time quadratic in the number of values of one array argument (its
    /// `ParsedValues.set` merges every value's origin into all the earlier ones: 10 s for 20,000 files).
    /// The trailing run of arguments that do not start with `-` is all files, but for its first element,
    /// which may be the value of an option (`--stream-time DATE a.json b.json…`): the parser keeps the
    /// first two, the rest are appended to ``files`` after parsing, in order.
    static func splitTrailingFiles(_ arguments: [String]) -> (parsed: [String], trailing: [String])? {
        guard arguments.first == configuration.commandName else { return nil }
        var start = arguments.count
        while start > 1, !arguments[start - 1].hasPrefix("-") { start -= 1 }
        let kept = min(arguments.count, start + 2)
        guard kept < arguments.count else { return nil }
        return (Array(arguments[..<kept]), Array(arguments[kept...]))
    }

    /// The stream time every file enters at.
    private func clock() throws -> StreamTime {
        guard let streamTime else {
            return StreamTime(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: streamTime) {
            return StreamTime(millisecondsSince1970: Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
        guard let date = PartialDate(iso8601: streamTime), date.day != nil, streamTime.count == 10 else {
            throw ValidationError("--stream-time: not an ISO 8601 date or timestamp: \(streamTime)")
        }
        return StreamTime(millisecondsSince1970: Int64(date.daysSinceEpoch) * 86_400_000)
    }

    func run() throws {
        let time = try clock()
        let paths: [String]
        do {
            paths = try ProcessInputs.paths(arguments: files, filesFrom: filesFrom)
        } catch {
            throw ValidationError(error.description)
        }
        var processor = ArticleProcessor()
        var failures = 0
        let output = FileHandle.standardOutput
        for path in paths {
            let url = URL(fileURLWithPath: path)
            let id = url.deletingPathExtension().lastPathComponent
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: url))
            } catch {
                failures += 1
                FileHandle.standardError.write(ErrorRecord(id: id, file: path, reason: "unreadable", stage: "read", message: "\(error.localizedDescription)").line)
                continue
            }
            switch processor.process(RawArticle(id: id, bytes: bytes), at: time) {
            case .success(let record):
                output.write(Data(record.jsonBytes(pretty: pretty) + [0x0A]))
            case .failure(let error):
                failures += 1
                FileHandle.standardError.write(ErrorRecord(id: id, file: path, reason: error.code.rawValue, stage: error.stage.rawValue, message: error.message).line)
            }
        }
        if failures > 0 {
            throw ExitCode(1)
        }
    }
}

/// The JSON line written to stderr for a file that could not be processed.
struct ErrorRecord: Encodable {
    var error = true
    var id: String
    var file: String
    var reason: String
    var stage: String
    var message: String

    var line: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self) + Data([0x0A])) ?? Data()
    }
}
