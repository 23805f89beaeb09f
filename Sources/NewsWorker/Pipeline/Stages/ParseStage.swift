import Kafka
import NewsCore
import NewsDedup

/// What one input message became in the parse stage.
struct ParsedInput: Sendable {
    /// The result of the shared core for the input.
    enum Payload: Sendable {
        /// A parsed article, waiting for its dedup verdict, and its fingerprint for the log.
        case article(EnrichedRecord, DocumentFingerprint)
        /// The dead-letter record of an input the core rejected, and why.
        case deadLetter(KafkaProducerMessage, reason: String)
    }

    /// The input.
    var source: KafkaMessage
    /// The article or dead letter.
    var payload: Payload
}

/// The decode/parse and fingerprint stage: input bytes → article and fingerprint, or dead letter. Pure,
/// so it runs on every core (``WorkerPool``).
struct ParseStage: Sendable {
    let parser: ArticleParser
    /// Computes fingerprints only (its index stays empty).
    let fingerprinter: DedupIndex
    let routing: OutputRouting
    let deadLetterTopic: String

    init(configuration: WorkerConfiguration, workerID: String) {
        var parser = ArticleParser.Configuration()
        parser.maxBytes = configuration.parser.maxBytes
        parser.envelopeIDWins = true
        self.parser = ArticleParser(configuration: parser)
        fingerprinter = DedupIndex(configuration: configuration.dedup.index)
        routing = OutputRouting(configuration: configuration.kafka, workerID: workerID)
        deadLetterTopic = configuration.kafka.dlqTopic
    }

    func parse(_ message: KafkaMessage) -> ParsedInput {
        do throws(ParseError) {
            let article = try parser.parse(InputMessage(message: message).rawArticle)
            let record = EnrichedRecord(article: article, provenance: routing.provenance(for: message))
            return ParsedInput(source: message, payload: .article(record, fingerprinter.fingerprint(article.dedupDocument)))
        } catch {
            let deadLetter = DeadLetter.record(for: message, error: error, topic: deadLetterTopic, worker: routing.workerID)
            return ParsedInput(source: message, payload: .deadLetter(deadLetter, reason: error.code.rawValue))
        }
    }
}
