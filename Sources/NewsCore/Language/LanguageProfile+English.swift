extension LanguageProfile {
    /// English.
    public static let english = LanguageProfile(
        code: "en",
        stopwords: """
        the of and to a in is that for it with as was on be by he at from his an are have has had not \
        but or this which they were been their its will would who said there than more when one all her \
        she we you our can could about after also into them these those what then other some over only \
        such out up so if no because while where how most him us being did does should may might must
        """,
        lines: [
            "report this comment", "report comment", "recommend", "recommend this comment", "view larger image",
            "larger image", "permalink", "flag", "flag as inappropriate", "advertisement", "advertisements", "ad", "ads", "sponsored", "sponsored content", "share", "share this",
            "share this article", "share this story", "share this page", "share on facebook", "share on twitter",
            "tweet", "email", "print", "print this", "print this article", "email this", "email this article",
            "comments", "comment", "reply", "report abuse", "close", "close button", "copy to clipboard",
            "copy link", "link copied", "previous slide", "next slide", "previous", "next", "more", "menu",
            "search", "home", "login", "log in", "sign in", "sign up", "register", "subscribe", "skip to content",
            "skip to main content", "back to top", "top", "loading", "accept", "accept cookies", "watch",
            "listen", "play video", "video", "photos", "gallery", "related", "related stories",
            "related articles", "related content", "recommended", "recommended for you", "most popular",
            "most read", "trending", "trending now", "you may also like", "you might also like", "more stories",
            "latest news", "top stories", "see also", "enlarge", "enlarge this image", "toggle caption",
            "hide caption", "show caption", "view comments", "post a comment", "add a comment", "leave a comment",
            "discussion", "newsletter", "follow us", "like", "contact us", "about us", "privacy policy",
            "terms of use", "terms of service", "sitemap", "site map", "rss", "more on this story",
        ],
        prefixes: [
            "report this comment", "posted by:", "comment no.", "comment number", "this entry was tagged",
            "this entry was posted", "view larger image", "also:", "watch:", "listen:", "more:", "read:", "see:", "image:", "picture:", "source:", "updated:", "published:", "tags:", "topics:",
            "read more", "read also", "read next", "related:", "see also", "more:", "watch:", "listen:",
            "photo:", "photograph:", "image:", "picture:", "credit:", "photo credit", "image credit", "source:",
            "sign up for", "subscribe to", "click here", "follow us on", "follow me on", "share on",
            "share this", "share via", "sent from", "posted by", "posted in", "filed under", "tags:", "tagged",
            "copyright", "all rights reserved", "this article was originally published", "originally published",
            "more from", "more on", "recommended by", "advertisement", "sponsored by", "by signing up",
            "we use cookies", "this website uses cookies", "this site uses cookies", "by continuing to",
            "by using this site", "cookie policy", "join the conversation", "comments are closed",
            "you must be logged in", "log in to", "sign in to", "don't miss", "also read", "related coverage",
            "last updated", "updated:", "published:", "reporting by", "editing by", "additional reporting by",
            "view all", "see all", "next article", "previous article", "back to", "jump to", "skip to",
            "email this", "print this", "report an error", "send us", "story continues", "continue reading",
            "have your say", "what do you think", "add your comment", "post a comment", "leave a comment",
            "rate this", "bookmark", "digg", "del.icio.us", "reddit", "stumbleupon",
        ],
        fragments: [
            "your inbox", "in your inbox", "newsletters", "download the app", "follow us", "all rights reserved", "getty images", "getty", "via getty", "afp photo", "ap photo", "reuters photo",
            "file photo", "photo by", "photograph by", "image by", "pictured", "cookie", "cookies", "newsletter",
            "terms of use", "privacy policy", "terms of service", "terms and conditions", "sign up", "log in",
            "subscribe", "comments", "click here",
        ],
        sectionBreaks: [
            "have your say", "your comments", "readers' comments", "readers comments", "user comments",
            "comment on this story", "comment on this article", "add a comment", "leave a reply", "join the discussion",
            "what do you think", "reader reaction", "talkback", "related", "related stories", "related articles", "related content", "related links", "related news",
            "recommended", "recommended for you", "more stories", "more from", "you may also like",
            "you might also like", "most popular", "most read", "most viewed", "most emailed", "read more",
            "see also", "more on this story", "comments", "reader comments", "latest news", "top stories",
            "trending", "trending now", "also on", "around the web", "from around the web", "popular stories",
            "elsewhere on the web", "more news", "in other news", "what's next", "post a comment",
            "leave a comment", "add your comment", "share your thoughts", "discuss this article",
        ],
        credits: ["photo", "photos", "photograph", "picture", "image", "credit", "source", "getty", "reuters", "afp", "ap", "epa", "efe", "dpa", "ansa", "xinhua", "anp", "pa", "shutterstock", "istock", "istockphoto", "alamy", "sputnik", "tass", "bloomberg", "courtesy", "file"]
    )
}
