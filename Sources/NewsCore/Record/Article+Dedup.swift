public import NewsDedup

extension Article {
    /// The view of this article the dedup index fingerprints.
    public var dedupDocument: DedupDocument {
        DedupDocument(
            id: id,
            title: title,
            paragraphs: paragraphs,
            day: published?.daysSinceEpoch,
            dayCount: published?.daysCovered ?? 1,
            source: source.dedupSource
        )
    }
}

extension PartialDate {
    /// How many days the date covers: 1, the month's length, or the year's.
    public var daysCovered: Int {
        if day != nil { return 1 }
        if let month { return Self.daysIn(month: month, year: year) }
        return Self.daysIn(month: 2, year: year) == 29 ? 366 : 365
    }
}

extension Article.SourceInfo {
    /// The source the dedup index counts boilerplate for: the URL's host without `www.`, else the outlet,
    /// lower-cased.
    var dedupSource: String? {
        if let url, let host = Self.host(of: url) { return host }
        return outlet.map { $0.lowercased() }
    }

    private static func host(of url: String) -> String? {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[(colon + 1)...].starts(with: "//".utf8) else { return nil }
        let rest = Substring(decoding: bytes[(colon + 3)...], as: UTF8.self)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last ?? authority[...]
        var host = hostPort.prefix { $0 != ":" }.lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        return host.isEmpty ? nil : host
    }
}
