@testable import NewsCore
import Testing

/// ``WordInfo`` packs its values into one word: each must read back as written, at the ends of its range,
/// without touching the others.
struct WordInfoTests {
    @Test func emptyValue() {
        let info = WordInfo()
        #expect(info.entry == -1)
        #expect(info.month == 0 && info.weekday == 0 && info.season == 0 && info.relativeDay == 0 && info.phraseLength == 0)
    }

    @Test func everyFieldKeepsItsValueAtBothEnds() {
        for (month, weekday, season, day, length, entry) in [(1, 0, 0, -8, 0, -1), (12, 6, 3, 7, 31, 16_382), (5, 3, 2, -1, 4, 345)] {
            var info = WordInfo(flags: [.month, .entity])
            info.entry = Int32(entry)
            info.phraseLength = UInt8(length)
            info.relativeDay = Int8(day)
            info.season = Int8(season)
            info.weekday = Int8(weekday)
            info.month = Int8(month)
            #expect(info.month == Int8(month))
            #expect(info.weekday == Int8(weekday))
            #expect(info.season == Int8(season))
            #expect(info.relativeDay == Int8(day))
            #expect(info.phraseLength == UInt8(length))
            #expect(info.entry == Int32(entry))
            #expect(info.flags == [.month, .entity])
        }
    }

    @Test func overwritingAFieldLeavesTheOthers() {
        var info = WordInfo()
        info.entry = 300
        info.relativeDay = -2
        info.month = 12
        info.month = 3
        info.relativeDay = 1
        #expect(info.entry == 300 && info.month == 3 && info.relativeDay == 1)
    }
}
