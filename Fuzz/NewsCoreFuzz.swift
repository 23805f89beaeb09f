// libFuzzer target for the parser: `scripts/fuzz SECONDS`. Not part of Package.swift; scripts/fuzz
// compiles it with swiftc -sanitize=fuzzer,address against the NewsCore and NewsDedup sources.
import Foundation  // linked by NewsCore (JSON envelopes)
@testable import NewsCore

/// One fuzz input: every entry point of the core (text, HTML, JSON envelope) must return (a value or a ParseError), never trap,
/// and the cleaner's output must keep its invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func newsCoreFuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parser = ArticleParser()
    for contentType in [nil, "text/plain", "text/html", "application/json"] as [String?] {
        if let article = try? parser.parse(RawArticle(id: "fuzz", bytes: bytes, hints: .init(contentType: contentType))) {
            check(article.paragraphs, title: article.title)
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let cleaned = Cleaner().clean(text)
    check(cleaned.paragraphs, title: cleaned.title)
    // The HTML path in a multi-byte legacy charset (libxml2's converters), whatever the bytes.
    if let page = try? HTMLReader.read(bytes, contentType: "text/html; charset=Shift_JIS") {
        if page.text.utf8.count > bytes.count * 3 + 16 { fatalError("HTML reading grew the text") }
    }
    _ = LanguageDetector().detect(text)
    return 0
}

/// Paragraphs are non-empty single lines without surrounding whitespace.
private func check(_ paragraphs: [String], title: String?) {
    for paragraph in paragraphs + (title.map { [$0] } ?? []) {
        if paragraph.isEmpty { fatalError("empty paragraph") }
        if paragraph.utf8.contains(0x0A) { fatalError("newline inside a paragraph") }
        if paragraph.utf8.first == 0x20 || paragraph.utf8.last == 0x20 { fatalError("untrimmed paragraph") }
    }
}
