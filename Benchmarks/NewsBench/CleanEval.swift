import ArgumentParser
import Foundation
import NewsCore

/// `newsbench clean-eval DIR|FILES… --output OUT.jsonl`: runs the parser over text files and writes one
/// `{"id","title","lead","body"}` line per file, for `shared/extraction-dev/score.py`.
struct CleanEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean-eval",
        abstract: "Parse text files and write {id,title,lead,body} JSON lines for score.py."
    )

    @Argument(help: "A directory of .txt files, or the files themselves.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    @Flag(help: "Add the removed lines as \"boilerplate\" and the language to each record.")
    var verbose = false

    func run() throws {
        var files: [URL] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: input).filter { $0.hasSuffix(".txt") }.sorted()
                files += names.map { URL(fileURLWithPath: input).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: input))
            }
        }
        let parser = ArticleParser()
        var out = Data()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for file in files {
            let id = file.deletingPathExtension().lastPathComponent
            let bytes = try Array(Data(contentsOf: file))
            var record = Record(id: id)
            do {
                let article = try parser.parse(RawArticle(id: id, bytes: bytes, hints: .init(contentType: "text/plain")))
                record.title = article.title
                record.lead = article.lead
                record.body = article.body
                if verbose {
                    record.language = article.language
                    record.boilerplate = article.boilerplate
                }
            } catch {
                record.error = "\(error)"
            }
            out.append(try encoder.encode(record))
            out.append(0x0A)
        }
        if let output {
            try out.write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(out)
        }
    }

    struct Record: Encodable {
        var id: String
        var title: String?
        var lead: String?
        var body: [String] = []
        var language: String?
        var boilerplate: [String]?
        var error: String?
    }
}
