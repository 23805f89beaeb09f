import ArgumentParser

/// `newsbench`: benchmarks and evaluations of the shared core. Run release builds:
/// `swift run -c release newsbench --help`.
@main
struct NewsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsbench",
        abstract: "Benchmarks and evaluations of newsworker's shared core.",
        subcommands: [CleanEval.self, HTMLBenchmark.self, ExtractBenchmark.self, ParseBenchmark.self, RecordBenchmark.self, RecordDump.self, DedupEval.self, DedupBench.self, DedupScaleBench.self]
    )
}
