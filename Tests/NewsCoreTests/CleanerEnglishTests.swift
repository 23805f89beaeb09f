import NewsCore
import Testing

/// English pages with the usual cruft: menus, share widgets, ads, credits, newsletters, cookie banners,
/// related links and comments.
struct CleanerEnglishTests {
    static let page = """
    City council approves new bridge after decade of debate - The Riverside Courier

    Skip to main content
    Home | News | Sport | Business | Opinion | Weather
    Sign in
    Subscribe

    News

    City council approves new bridge after decade of debate

    By Jane Holloway, Transport Correspondent
    Share this article
    Tweet
    Email

    The Riverside city council voted on Tuesday night to approve a new bridge across the Kettle river, ending more than ten years of arguments over its cost and its route.

    Photo: Reuters
    Advertisement

    The project, which is expected to cost about 240 million dollars, will be paid for by the state and the city, with a smaller share coming from a federal grant announced last spring.

    "This is the day many of us thought would never come," said the mayor, Linda Park, after the vote. "People have waited long enough for a safe crossing."

    Opponents of the plan said the council had ignored cheaper options, including the repair of the old ferry landing, and warned that construction would disrupt traffic for years.

    Related: Ferry service to end in March

    Construction is due to start next year and should take about four years, according to the city's transport department.

    Sign up for our newsletter
    Get the best of the Courier in your inbox every morning.

    Read more
    Mayor unveils plan for downtown parking
    School board delays vote on new calendar
    Storm damage closes Route 9 for a week

    Comments
    Post a comment

    We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.
    Accept cookies
    © 2024 The Riverside Courier. All rights reserved.
    Privacy Policy | Terms of Use | Contact us
    """

    static let cruft = [
        "Skip to main content", "Sign in", "Subscribe", "Share this article", "Tweet", "Photo: Reuters",
        "Advertisement", "Related: Ferry service", "Sign up for our newsletter", "Read more", "Mayor unveils plan",
        "School board delays", "Storm damage closes", "Post a comment", "We use cookies", "Accept cookies",
        "All rights reserved", "Privacy Policy", "Home | News", "The Riverside Courier",
    ]

    func clean(_ text: String) -> CleanedText { Cleaner().clean(text) }

    @Test func articleIsKeptAndCruftRemoved() {
        let cleaned = clean(Self.page)
        #expect(cleaned.language == "en")
        #expect(cleaned.title == "City council approves new bridge after decade of debate")
        #expect(cleaned.paragraphs.count == 5)
        #expect(cleaned.paragraphs.first?.hasPrefix("The Riverside city council voted on Tuesday night") == true)
        #expect(cleaned.paragraphs.last?.hasPrefix("Construction is due to start next year") == true)
        for paragraph in cleaned.paragraphs + [cleaned.title ?? ""] {
            for cruft in Self.cruft {
                #expect(!paragraph.contains(cruft), "\"\(cruft)\" left in \"\(paragraph.prefix(60))\"")
            }
        }
        #expect(cleaned.boilerplate.contains("Photo: Reuters"))
        #expect(cleaned.boilerplate.contains("Share this article"))
    }

    @Test func envelopeTitleWins() {
        let cleaned = Cleaner().clean(Self.page, title: "Bridge approved", language: "en")
        #expect(cleaned.title == "Bridge approved")
        #expect(cleaned.language == "en")
    }

    @Test func shortTextIsKeptWhole() {
        let cleaned = clean("First paragraph of the story.\n\nSecond paragraph.")
        #expect(cleaned.paragraphs == ["First paragraph of the story.", "Second paragraph."])
    }

    @Test func whitespaceIsNormalised() {
        let cleaned = clean("A  line\u{A0}with   odd\tspacing that goes on and on for a while before it finally ends here.")
        #expect(cleaned.paragraphs == ["A line with odd spacing that goes on and on for a while before it finally ends here."])
    }

    @Test func emptyAndBlankTextGiveNothing() {
        #expect(clean("").paragraphs.isEmpty)
        #expect(clean("\n\n   \n").paragraphs.isEmpty)
        #expect(clean("").language == "und")
    }

    @Test func captionsWithCreditsAreDropped() {
        let text = """
        Storm hits the coast

        A fallen tree blocks a road in Brighton. Photograph: Getty Images

        Heavy rain and winds of up to 90 miles an hour hit the south coast overnight, cutting power to thousands of homes and closing several railway lines.

        Forecasters said the worst of the storm had passed, but warned that more rain was expected on Thursday and that rivers could still burst their banks.
        """
        let cleaned = clean(text)
        #expect(cleaned.title == "Storm hits the coast")
        #expect(cleaned.paragraphs.count == 2)
        #expect(cleaned.boilerplate.contains("A fallen tree blocks a road in Brighton. Photograph: Getty Images"))
    }

    @Test func creditWordBeforeAColonMarksACreditLine() {
        // A credit word before a colon makes a short line a credit ("Main picture : …"), wherever the line is; an
        // interviewer's label opening a line ("AP:") and a dateline's agency in brackets ("(AFP):") do not.
        let text = """
        Storm hits the coast

        LONDON (AFP): Heavy rain and winds of up to 90 miles an hour hit the south coast overnight, cutting power to thousands of homes.

        Main picture : Jane Doe

        AP: Why did the forecasters not warn people sooner about the storm?

        Forecasters said the worst of the storm had passed, but warned that more rain was expected on Thursday and that rivers could still burst their banks.
        """
        let cleaned = clean(text)
        #expect(cleaned.boilerplate.contains("Main picture : Jane Doe"))
        #expect(cleaned.paragraphs.count == 3)
        #expect(cleaned.paragraphs.first?.hasPrefix("LONDON (AFP): Heavy rain") == true)
        #expect(cleaned.paragraphs.contains("AP: Why did the forecasters not warn people sooner about the storm?"))
    }
}
