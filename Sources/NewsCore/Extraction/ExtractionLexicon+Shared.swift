extension ExtractionLexicon {
    /// News agencies known under the same name in every language.
    static let sharedAgencies = [
        "AFP", "Agence France-Presse=AFP", "Agence France Presse=AFP", "Reuters", "AP", "Associated Press=AP",
        "Sputnik", "RT", "Russia Today=RT", "Ria Novosti", "RIA Novosti=Ria Novosti", "Xinhua", "TASS", "Tass=TASS",
        "Itar-Tass=TASS", "Interfax", "Bloomberg", "Kyodo", "Yonhap", "Anadolu", "UPI", "EFE", "DPA", "ANSA", "Belga",
    ]

    /// Organisations known under the same name in every language.
    static let sharedOrganisations = [
        "Kremlin", "Gazprom", "Rosneft", "Huawei", "Hamas", "Hezbollah", "Wagner", "BRICS", "G7", "G20", "Interpol",
        "Unesco", "UNESCO=Unesco", "Unicef", "UNICEF=Unicef", "OSCE", "CIA", "FBI", "FSB", "KGB", "Douma", "Bundestag",
        "Pentagone", "Pentagon", "CNN", "BBC", "CCTV", "Euronews", "BFMTV", "Google", "Apple", "Microsoft", "Meta",
        "Facebook", "Twitter", "Amazon", "Tesla", "Airbus", "Boeing", "TotalEnergies", "Alibaba", "Tencent", "TikTok",
    ]

    /// Given names common in international news, and family names written first (Chinese, Korean).
    static let sharedGivenNames = [
        // Russian, Ukrainian, Central Asian.
        "Vladimir", "Volodymyr", "Sergueï", "Serguei", "Sergei", "Sergey", "Nikolaï", "Nikolai", "Nikolay", "Dmitri",
        "Dmitry", "Alexeï", "Alexei", "Alexey", "Alexandre", "Alexander", "Alexandr", "Viktor", "Victor", "Igor", "Ivan",
        "Mikhaïl", "Mikhail", "Boris", "Iouri", "Yuri", "Youri", "Andreï", "Andrei", "Andriy", "Oleg", "Evgueni",
        "Evgeni", "Yevgeny", "Maria", "Elena", "Olga", "Natalia", "Valentina", "Ramzan", "Petro", "Vitali", "Kassym-Jomart",
        "Alexandra", "Anatoli", "Konstantin", "Pavel", "Leonid", "Gennadi", "Valeri", "Vassili", "Denis", "Anton",
        "Maxim", "Roman", "Ilia", "Ilya", "Nikita", "Sviatoslav", "Oleksandr", "Oleksiy", "Denys", "Yulia", "Ioulia",
        // French.
        "Emmanuel", "Jean", "Jean-Luc", "Jean-Yves", "Jean-Marie", "Jean-Pierre", "Jean-Noël", "Pierre", "Marie",
        "Michel", "Jacques", "François", "Nicolas", "Philippe", "Louis", "Paul", "Marc", "Olivier", "Laurent",
        "Christophe", "Bruno", "Gérald", "Marine", "Ségolène", "Anne", "Catherine", "Sophie", "Isabelle", "Nathalie",
        "Valérie", "Christine", "Élisabeth", "Elisabeth", "Édouard", "Edouard", "Gabriel", "Yannick", "Éric", "Eric",
        "Fabien", "Raphaël", "Jordan", "Clément", "Sébastien", "Julien", "Thierry", "Hervé", "Patrick", "Alain",
        "Dominique", "Manuel", "Lionel", "Benoît", "Xavier", "Rachida", "Aurore", "Agnès", "Amélie", "Delphine",
        // English and international.
        "Joe", "Joseph", "John", "Donald", "Barack", "Hillary", "Kamala", "George", "Bill", "Mike", "Michael", "David",
        "James", "Robert", "William", "Richard", "Thomas", "Charles", "Daniel", "Matthew", "Mark", "Steven", "Andrew",
        "Kevin", "Brian", "Tony", "Rishi", "Keir", "Theresa", "Liz", "Emily", "Sarah", "Jennifer", "Elizabeth", "Mary",
        "Linda", "Susan", "Nancy", "Lisa", "Margaret", "Antony", "Anthony", "Lloyd", "Janet", "Jake", "Hunter", "Jill",
        "Ron", "Chuck", "Mitch", "Ted", "Bernie", "Elon", "Jeff", "Tim", "Sundar", "Ursula", "Angela", "Olaf", "Jens",
        "Josep", "Charles", "Giorgia", "Mario", "Matteo", "Silvio", "Pedro", "Javier", "Carlos", "Juan", "José",
        "Luis", "Luiz", "Lula", "Miguel", "Jorge", "Jair", "Antonio", "António", "Narendra", "Recep", "Benjamin",
        "Mahmoud", "Ali", "Mohammed", "Mohamed", "Mohammad", "Ahmed", "Hassan", "Ebrahim", "Bachar", "Bashar",
        "Abdel", "Abdelmadjid", "Yasser", "Ismail", "Volker", "Frank-Walter", "Annalena", "Robert", "Mark", "Justin",
        "Jacinda", "Scott", "Anthony", "Shinzo", "Fumio", "Yoshihide", "Alexis", "Kyriakos", "Andrzej", "Mateusz",
        "Donald", "Alexander", "Recep", "Tayyip", "Cyril", "Jacob", "Nelson", "Paul", "Abiy", "Uhuru", "William",
        // Family names written first.
        "Xi", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu", "Zhu",
        "Gao", "Lin", "Guo", "Luo", "Liang", "Zheng", "Xie", "Han", "Tang", "Feng", "Dong", "Xiao", "Cao", "Deng",
        "Qin", "Jiang", "Mao", "Kim", "Park", "Moon", "Yoon",
    ]
}
