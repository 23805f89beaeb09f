extension ExtractionLexicon {
    /// English.
    static let english = ExtractionLexicon(
        language: "en",
        months: ["january|jan", "february|feb", "march|mar", "april|apr", "may", "june|jun", "july|jul",
                 "august|aug", "september|sep|sept", "october|oct", "november|nov", "december|dec"],
        weekdays: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
        seasons: ["spring", "summer", "autumn|fall", "winter"],
        relativeDays: ["today": 0, "yesterday": -1, "tomorrow": 1],
        relativeYears: ["last year": -1, "next year": 1, "this year": 0],
        thisMarkers: ["this"],
        pastMarkers: ["last", "past"],
        nextMarkers: ["next", "coming"],
        monthCues: ["in", "since", "until", "by", "early", "late", "mid", "during", "from", "through", "before",
                    "after"],
        ordinalSuffixes: ["st", "nd", "rd", "th"],
        quantityWords: ["billion", "billions", "million", "millions", "thousand", "dollars", "euros", "people", "km",
                        "miles", "tons", "tonnes", "troops", "percent", "times"],
        honorifics: ["Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr.", "Prof.", "Sir", "Dame", "Sen.", "Rep.", "Gov.",
                     "Gen.", "Col.", "Lt.", "Sgt.", "Pres."],
        roles: ["president", "minister", "leader", "chancellor", "secretary", "spokesman", "spokeswoman",
                "spokesperson", "ambassador", "king", "queen", "prince", "princess", "general", "governor", "mayor",
                "senator", "chief", "director", "chairman", "chairwoman", "counterpart", "envoy", "diplomat",
                "premier", "congressman", "congresswoman", "ceo", "founder", "judge", "prosecutor", "commissioner",
                "vice-president", "candidate", "official", "lawmaker", "pope", "emir", "head"],
        nationalities: ["Russian", "Chinese", "American", "French", "British", "German", "Ukrainian", "Hungarian",
                        "Mongolian", "Japanese", "Indian", "Iranian", "Turkish", "Israeli", "Palestinian", "Syrian",
                        "European", "Europeans", "Western", "Italian", "Spanish", "Polish", "Belarusian", "Korean",
                        "North Korean", "South Korean", "Brazilian", "Canadian", "Saudi", "Egyptian", "Australian",
                        "Dutch", "Swedish", "Finnish", "Austrian", "Romanian", "African", "Asian", "Georgian",
                        "Armenian", "Kazakh", "Kyrgyz", "Taiwanese", "Vietnamese", "Pakistani", "Afghan",
                        "Lebanese", "Mexican", "Greek", "Serbian", "Americans", "Russians", "Ukrainians"],
        givenNames: sharedGivenNames,
        locatives: ["in", "at", "from", "to", "near", "across"],
        prepositions: ["with", "to", "by", "from", "for", "of", "against", "between", "on", "at", "in", "and", "or",
                       "that", "than"],
        notNames: ["President", "Prime", "Minister", "State", "States", "West", "East", "North", "South",
                   "Internet", "Covid", "Covid-19", "Advertisement", "Video", "Photo", "Read", "Share", "Breaking",
                   "Update", "Updated", "Copyright", "Related", "Subscribe", "Newsletter", "Home", "News", "World",
                   "Politics", "Business", "Opinion", "Sports", "Menu", "Search", "Close", "Next", "Previous",
                   "God", "Summit"],
        places: ["Afghanistan", "South Africa", "Albania", "Algeria", "Germany", "England", "Saudi Arabia",
                 "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bangladesh", "Belgium", "Belarus",
                 "Myanmar", "Bolivia", "Brazil", "Bulgaria", "Cambodia", "Cameroon", "Canada", "Chile", "China",
                 "Cyprus", "Colombia", "North Korea", "South Korea", "Croatia", "Cuba", "Denmark", "Egypt",
                 "United Arab Emirates", "Ecuador", "Spain", "Estonia", "United States", "USA=United States",
                 "Ethiopia", "Finland", "France", "Georgia", "Greece", "Hungary", "India", "Indonesia", "Iraq",
                 "Iran", "Ireland", "Iceland", "Israel", "Italy", "Japan", "Jordan", "Kazakhstan", "Kenya",
                 "Kyrgyzstan", "Kosovo", "Kuwait", "Latvia", "Lebanon", "Libya", "Lithuania", "Mali", "Morocco",
                 "Mexico", "Moldova", "Mongolia", "Netherlands", "New Zealand", "Nigeria", "Norway", "Pakistan",
                 "Palestine", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Czech Republic", "Romania",
                 "United Kingdom", "UK=United Kingdom", "Britain", "Great Britain=Britain", "Russia", "Serbia",
                 "Singapore", "Slovakia", "Somalia", "Sudan", "Sweden", "Switzerland", "Syria", "Taiwan",
                 "Thailand", "Tunisia", "Turkey", "Ukraine", "Venezuela", "Vietnam", "Yemen",
                 "People's Republic of China=China", "Crimea", "Donbas", "Gaza", "West Bank", "Tibet", "Xinjiang",
                 "Hong Kong", "Europe", "Asia", "Africa", "Latin America", "Middle East", "Arctic", "Balkans",
                 "Caucasus", "Sahel", "London", "Paris", "Berlin", "Rome", "Madrid", "Brussels", "Vienna", "Warsaw",
                 "Prague", "Budapest", "Athens", "Geneva", "Moscow", "St Petersburg=Saint Petersburg",
                 "Saint Petersburg", "St. Petersburg=Saint Petersburg", "Kyiv", "Kiev=Kyiv", "Kharkiv", "Odesa",
                 "Mariupol", "Bakhmut", "Minsk", "Beijing", "Shanghai", "Wuhan", "Tokyo", "Seoul", "Pyongyang",
                 "New Delhi", "Delhi", "Mumbai", "Islamabad", "Kabul", "Tehran", "Baghdad", "Damascus", "Beirut",
                 "Jerusalem", "Tel Aviv", "Ankara", "Istanbul", "Cairo", "Riyadh", "Doha", "Dubai", "Washington",
                 "New York", "Los Angeles", "Chicago", "San Francisco", "Ottawa", "Toronto", "Montreal", "Brasilia",
                 "Buenos Aires", "Johannesburg", "Cape Town", "Nairobi", "Lagos", "Astana", "Ulaanbaatar", "Taipei",
                 "Hanoi", "Bangkok", "Jakarta", "Manila", "Sydney", "Canberra", "Davos", "Amsterdam", "The Hague",
                 "Stockholm", "Oslo", "Helsinki", "Copenhagen", "Dublin", "Belgrade", "Bucharest", "Vladivostok",
                 "Sochi", "Baku", "Tbilisi", "Yerevan", "Siberia", "Texas", "California", "Florida"],
        organisations: sharedOrganisations + [
            "NATO", "UN", "United Nations=UN", "EU", "European Union", "European Commission", "European Parliament",
            "IMF", "International Monetary Fund=IMF", "World Bank", "WHO", "World Health Organization=WHO", "WTO",
            "SCO", "Shanghai Cooperation Organisation=SCO", "ASEAN", "White House", "Congress", "Senate",
            "State Department", "Security Council", "UN Security Council", "International Criminal Court",
            "ICC", "International Court of Justice", "IAEA", "Chinese Communist Party", "Communist Party", "CCP",
            "Federal Reserve", "European Central Bank", "ECB", "Supreme Court", "Pentagon", "Downing Street",
            "New York Times", "Washington Post", "Wall Street Journal",
        ],
        organisationCues: ["company", "firm", "group", "agency", "newspaper", "broadcaster", "party", "movement", "bank", "giant", "carrier", "airline", "outlet", "maker", "manufacturer", "operator", "network", "channel", "club", "team", "university", "institute", "charity"],
        nameLinks: ["of"],
        attributionVerbs: ["said", "says", "added", "adds", "told", "stated", "noted", "explained", "insisted",
                           "warned", "declared", "announced", "wrote", "asked", "replied", "argued", "claimed",
                           "stressed", "recalled", "commented", "remarked", "continued", "concluded", "acknowledged",
                           "admitted", "tweeted", "emphasized", "emphasised", "urged", "vowed", "saying", "adding"],
        pronouns: ["he", "she"],
        invertedPronouns: [],
        accordingTo: ["according"],
        agencies: sharedAgencies,
        bylinePrefixes: ["by"],
        bylineJoiners: ["with", "and"],
        outletFooters: ["Originally published on", "Originally published by", "This article was originally published on",
                        "This story was originally published on", "First published on", "Originally appeared on"],
        elisions: [],
        stopwords: english_stopwords
    )

    private static let english_stopwords: [String] = """
        a about above after again against all also am an and any are aren't as at be because been before being
        below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
        during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
        here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
        let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out
        over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
        theirs them themselves then there there's these they they'd they'll they're they've this those through to
        too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
        where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your
        yours yourself yourselves 's also just will would could may might must shall can one two three four five
        six seven eight nine ten first last new old year years month months week weeks day days time times many
        much more most such like well even still back since however although though according among around
        including mr mrs ms says said told over after before between amid via per whether yet now then
        """.split(whereSeparator: \.isWhitespace).map(String.init)
}
