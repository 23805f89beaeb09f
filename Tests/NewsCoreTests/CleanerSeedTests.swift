import NewsCore
import TestSupport
import Testing

/// Golden tests over the five seed articles: titles, sentences kept, cruft removed, bylines and footers
/// kept in `boilerplate`, language, header dates.
struct CleanerSeedTests {
    /// Sentences in title + lead + body, counted by hand in `seeds/*.txt` (a headline or sub-heading
    /// without final punctuation is one sentence; "M." and "V." are initials, not sentence ends).
    static let sentences = ["000": 10, "001": 14, "002": 27, "003": 23, "004": 16]

    /// Every cruft line of the seeds; none may survive in title, lead or body.
    static let cruft = [
        "Partager cet article", "Copier/coller le lien embed", "Copy to clipboard", "Lien copié", "Close Button",
        "PUBLICITÉ", "Previous slide", "Next slide", "#Libération_Palestine", "Logo Perspectives med",
        "Tous droits réservés", "ALEXEI DRUZHININ/AFP", "via Getty Im", "Par euronews avec AFP",
        "À découvrir également", "Recommandé pour vous", "VIDÉO - ", "Article original publié sur BFMTV.com",
        "Guerre en Ukraine : l'Occident est responsable", "Soumise à une flambée des cas de Covid-19",
        "Macron va proposer une trêve", "date 2022-12", "date 2023-09", "Rencontre entre Vladimir Poutine et",
    ]

    static func text(_ article: Article) -> [String] {
        (article.title.map { [$0] } ?? []) + article.paragraphs
    }

    @Test(arguments: Seeds.ids)
    func everySentenceIsKept(_ id: String) throws {
        let article = try Seeds.article(id)
        let count = Self.text(article).reduce(0) { $0 + SentenceCounter.count($1) }
        #expect(count == Self.sentences[id], "seed \(id)")
    }

    @Test(arguments: Seeds.ids)
    func cruftIsGone(_ id: String) throws {
        let article = try Seeds.article(id)
        for line in Self.text(article) {
            for cruft in Self.cruft {
                #expect(!line.contains(cruft), "seed \(id): \"\(cruft)\" left in \"\(line.prefix(80))\"")
            }
        }
    }

    @Test(arguments: Seeds.ids)
    func languageIsFrench(_ id: String) throws {
        #expect(try Seeds.article(id).language == "fr")
    }

    @Test func titles() throws {
        #expect(try Seeds.article("001").title == "Vladimir Poutine dit à Xi Jinping vouloir renforcer la coopération militaire russo-chinoise")
        #expect(try Seeds.article("002").title == "Sommet virtuel russo-chinois : Le monde bascule…")
        #expect(try Seeds.article("003").title == "Confiance \"croissante\", coordination... Ce qu'il faut retenir de la rencontre entre Vladimir Poutine et Xi Jinping à Pékin")
        #expect(try Seeds.article("000").title == nil)
        #expect(try Seeds.article("004").title == nil)
    }

    @Test func headerDatesArePublicationDates() throws {
        #expect(try Seeds.article("000").published?.description == "2022-12")
        #expect(try Seeds.article("004").published?.description == "2023-09")
        #expect(try Seeds.article("001").published == nil)
    }

    @Test func headerGluedToTheFirstSentenceKeepsTheSentence() throws {
        let article = try Seeds.article("000")
        #expect(article.lead?.hasPrefix("Vladimir Poutine a annoncé, ce vendredi,") == true)
        #expect(article.paragraphs.last?.hasSuffix("dépendance énergétique russe.") == true)
    }

    @Test func headerGluedToACreditDropsTheCredit() throws {
        let article = try Seeds.article("004")
        #expect(article.boilerplate.contains("Photo d’Alexei Druzhinin/Sputnik/AFP via Getty Im"))
        #expect(article.lead?.hasPrefix("Le président russe Vladimir Poutine (à gauche)") == true)
    }

    @Test func bylinesAndFootersLandInBoilerplate() throws {
        #expect(try Seeds.article("001").boilerplate.contains("Par euronews avec AFP"))
        #expect(try Seeds.article("003").boilerplate.contains("Article original publié sur BFMTV.com"))
        let boilerplate = try Seeds.article("001").boilerplate
        #expect(boilerplate.contains("PUBLICITÉ"))
        #expect(boilerplate.contains("À découvrir également"))
    }

    @Test func subheadingsAreKept() throws {
        #expect(try Seeds.article("001").body.contains("Moscou cherche des soutiens"))
        #expect(try Seeds.article("003").body.contains("\"Bonne relation\""))
    }

    @Test func standfirstIsTheLead() throws {
        #expect(try Seeds.article("003").lead?.hasPrefix("Les deux dirigeants se sont félicités") == true)
        #expect(try Seeds.article("001").lead?.hasPrefix("Dans un contexte d'isolement international") == true)
    }

    @Test func sentenceCounterFollowsTheHandCountRules() {
        #expect(SentenceCounter.count("M. Poutine a dit. Il part.") == 2)
        #expect(SentenceCounter.count("Selon lui, « la coordination (…) sert ». « La coopération »") == 2)
        #expect(SentenceCounter.count("Moscou cherche des soutiens") == 1)
        #expect(SentenceCounter.count("pour 2024. \"L'année\", a dit V. Poutine. 2024 va.") == 3)
    }
}

/// Counts sentences the way the seeds were counted by hand: a sentence ends at `.`, `!`, `?` or `…`
/// (closing quotes and brackets may follow) when a space and then a capital, a digit or an opening
/// quote come next; a single capital before `.` is an initial. The end of a paragraph ends a sentence.
enum SentenceCounter {
    static func count(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { !$0.properties.isWhitespace }) else { return 0 }
        let terminators: Set<Unicode.Scalar> = [".", "!", "?", "…"]
        let closing: Set<Unicode.Scalar> = ["\"", "”", "»", "’", ")", "]", "'", "\u{A0}"]
        let opening: Set<Unicode.Scalar> = ["\"", "“", "«", "'", "‘", "("]
        var count = 1
        var i = 0
        while i < scalars.count {
            guard terminators.contains(scalars[i]) else { i += 1; continue }
            let initial = scalars[i] == "." && i >= 1 && scalars[i - 1].properties.isUppercase
                && (i == 1 || !scalars[i - 2].properties.isAlphabetic)
            var j = i + 1
            while j < scalars.count, terminators.contains(scalars[j]) || closing.contains(scalars[j]) { j += 1 }
            var k = j
            while k < scalars.count, scalars[k].properties.isWhitespace { k += 1 }
            if !initial, k > j, k < scalars.count {
                let next = scalars[k]
                if next.properties.isUppercase || next.properties.numericType != nil || opening.contains(next) { count += 1 }
            }
            i = j
        }
        return count
    }
}
