import ArgumentParser
import Foundation
import NewsCore

/// `newsbench dump FILE…`: the records `newsworker process` prints, from this lighter build, so that two
/// builds of the core can be compared byte for byte while tuning it (the worker's build takes minutes).
struct RecordDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the compact JSON record of each file, as `newsworker process` does; failures go to stderr."
    )

    @Argument(help: "Article files: plain text, HTML or JSON envelopes.")
    var files: [String]

    func run() throws {
        var processor = ArticleProcessor()
        var failures = 0
        for path in files {
            let url = URL(fileURLWithPath: path)
            let id = url.deletingPathExtension().lastPathComponent
            let bytes = Array(try Data(contentsOf: url))
            switch processor.process(RawArticle(id: id, bytes: bytes)) {
            case .success(let record):
                FileHandle.standardOutput.write(Data(record.jsonBytes() + [0x0A]))
            case .failure(let error):
                failures += 1
                FileHandle.standardError.write(Data("\(id): \(error.code.rawValue) \(error.message)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
