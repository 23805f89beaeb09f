import NewsDedup

extension EnrichedRecord {
    /// The record as compact JSON, written by hand: the same bytes as `JSONEncoder` with
    /// `[.sortedKeys, .withoutEscapingSlashes]` over ``encode(to:)``, about twenty times faster. Members are
    /// written in sorted key order; `RecordJSONTests` checks byte equality with the encoder.
    func compactJSON() -> [UInt8] {
        var json = JSONBuffer(capacity: min(2 * max(0, article.stats.inputBytes), 1 << 24) + 1024)
        json.object { json in
            json.key("body"); json.strings(article.body)
            json.key("boilerplate"); json.strings(article.boilerplate)
            json.key("dates"); json.array { json in for date in article.dates { date.write(to: &json) } }
            if let dedup {
                json.key("dedup"); dedup.write(to: &json)
            }
            json.key("entities"); json.array { json in for entity in article.entities { entity.write(to: &json) } }
            json.key("id"); json.string(article.id)
            json.key("keywords"); json.strings(article.keywords)
            json.key("language"); json.string(article.language)
            json.key("lead"); json.string(article.lead)
            if let provenance {
                json.key("provenance"); provenance.write(to: &json)
            }
            json.key("published"); json.string(article.published?.description)
            json.key("quotes"); json.array { json in for quote in article.quotes { quote.write(to: &json) } }
            json.key("schema"); json.string(Self.schema)
            json.key("source"); article.source.write(to: &json)
            json.key("stats"); article.stats.write(to: &json)
            json.key("title"); json.string(article.title)
        }
        return json.bytes
    }
}

extension EnrichedRecord.Provenance {
    fileprivate func write(to json: inout JSONBuffer) {
        json.object { json in
            json.key("offset"); json.integer(offset)
            json.key("partition"); json.integer(partition)
            json.key("processed_at"); json.string(processedAt)
            json.key("topic"); json.string(topic)
            json.key("version"); json.string(version)
            json.key("worker"); json.string(worker)
        }
    }
}

extension DedupVerdict {
    fileprivate func write(to json: inout JSONBuffer) {
        json.object { json in
            json.key("cluster"); json.string(cluster)
            if implausibleDate {
                json.key("implausible_date"); json.boolean(true)
            }
            if let of {
                json.key("of"); json.string(of)
            }
            json.key("similarity"); json.number(similarity)
            json.key("status"); json.string(status.rawValue)
        }
    }
}

extension MentionedDate {
    fileprivate func write(to json: inout JSONBuffer) {
        json.object { json in
            json.key("date"); json.string(date.description)
            json.key("relative"); json.boolean(relative)
            if let season {
                json.key("season"); json.string(season)
            }
            json.key("text"); json.string(text)
        }
    }
}

extension Entity {
    fileprivate func write(to json: inout JSONBuffer) {
        json.object { json in
            json.key("count"); json.integer(count)
            json.key("kind"); json.string(kind.rawValue)
            json.key("mentions"); json.strings(mentions)
            json.key("name"); json.string(name)
        }
    }
}

extension Quote {
    fileprivate func write(to json: inout JSONBuffer) {
        json.object { json in
            if let speaker {
                json.key("speaker"); json.string(speaker)
            }
            json.key("text"); json.string(text)
        }
    }
}

extension Article.SourceInfo {
    fileprivate func write(to json: inout JSONBuffer) {
        json.object { json in
            json.key("agencies"); json.strings(agencies)
            if let byline {
                json.key("byline"); json.string(byline)
            }
            if let outlet {
                json.key("outlet"); json.string(outlet)
            }
            if let url {
                json.key("url"); json.string(url)
            }
        }
    }
}

extension Article.Stats {
    fileprivate func write(to json: inout JSONBuffer) {
        json.object { json in
            json.key("boilerplate_lines"); json.integer(boilerplateLines)
            json.key("input_bytes"); json.integer(inputBytes)
            json.key("paragraphs"); json.integer(paragraphs)
            json.key("words"); json.integer(words)
        }
    }
}
