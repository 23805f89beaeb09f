import Foundation
import NewsCore
import NewsDedup
import TestSupport
import Testing

/// The hand-written compact JSON of ``EnrichedRecord`` must be byte for byte what `JSONEncoder` makes of
/// the record's `Encodable` form (the form the schema documents and the pretty CLI output uses).
struct RecordJSONTests {
    static func encoderBytes(_ record: EnrichedRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(record))
    }

    static let verdicts: [DedupVerdict?] = [
        nil,
        DedupVerdict(status: .unique, of: nil, cluster: "a", similarity: 0),
        DedupVerdict(status: .duplicate, of: "b", cluster: "b", similarity: 1),
        DedupVerdict(status: .nearDuplicate, of: "c/1", cluster: "c", similarity: 0.8123),
        DedupVerdict(status: .sameStory, of: "d", cluster: "e", similarity: 0.0001),
        DedupVerdict(status: .sameStory, of: "d", cluster: "e", similarity: 0.15),
    ]

    @Test func seedRecordsMatchTheEncoder() throws {
        let parser = ArticleParser()
        let provenance = EnrichedRecord.Provenance(
            topic: "articles.raw", partition: 3, offset: 1_234_567_890_123, worker: "host-1/42",
            processedAt: "2026-11-23T20:00:00.123Z", version: "0.1.0"
        )
        var compared = 0
        for id in Seeds.ids {
            let article = try parser.parse(try Seeds.raw(id))
            for verdict in Self.verdicts {
                for origin in [nil, provenance] {
                    let record = EnrichedRecord(article: article, dedup: verdict, provenance: origin)
                    let bytes = record.jsonBytes()
                    #expect(bytes == (try Self.encoderBytes(record)), "seed \(id), verdict \(String(describing: verdict))")
                    compared += 1
                }
            }
        }
        #expect(compared == 60)
    }

    @Test func awkwardValuesMatchTheEncoder() throws {
        var controls = ""
        for scalar in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let strange = "quote \" backslash \\ slash / \u{7F} é ’ « » \u{2028} \u{FEFF} 😀 中文 \(controls) end"
        let article = Article(
            id: strange,
            title: nil,
            lead: "",
            body: [strange, "", "\\\\\"\"\n"],
            language: "und",
            published: PartialDate(year: 2023, month: 2),
            dates: [
                MentionedDate(text: "au printemps 2023", date: PartialDate(year: 2023)!, season: "spring"),
                MentionedDate(text: "ce vendredi", date: PartialDate(year: 2023, month: 9, day: 1)!, relative: true),
            ],
            source: Article.SourceInfo(outlet: strange, url: "https://example.org/a/b?c=d&e=f", agencies: ["AFP", strange], byline: nil),
            entities: [Entity(kind: .person, name: strange, mentions: [strange, "M. X"], count: Int.max)],
            quotes: [Quote(text: strange), Quote(text: "x", speaker: strange)],
            keywords: [],
            stats: Article.Stats(words: 0, paragraphs: -1, boilerplateLines: 7, inputBytes: 1 << 40),
            boilerplate: []
        )
        for verdict in Self.verdicts {
            let record = EnrichedRecord(article: article, dedup: verdict, provenance: nil)
            #expect(record.jsonBytes() == (try Self.encoderBytes(record)))
        }
        for similarity in [0.5, 0.25, 1e-7, 123456789.0, 0.1 + 0.2, 1.0 / 3.0] {
            let record = EnrichedRecord(article: Article(id: "n"), dedup: DedupVerdict(status: .unique, of: nil, cluster: "n", similarity: similarity))
            #expect(record.jsonBytes() == (try Self.encoderBytes(record)), "similarity \(similarity)")
        }
    }
}
