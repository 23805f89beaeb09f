extension ExtractionLexicon {
    /// French.
    static let french = ExtractionLexicon(
        language: "fr",
        months: ["janvier|janv", "février|févr", "mars", "avril|avr", "mai", "juin", "juillet|juil", "août",
                 "septembre", "octobre|oct", "novembre|nov", "décembre|déc"],
        weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        seasons: ["printemps", "été", "automne", "hiver"],
        relativeDays: ["aujourd'hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2],
        relativeYears: ["l'année dernière": -1, "l'an dernier": -1, "l'année passée": -1, "l'an passé": -1,
                        "l'année prochaine": 1, "l'an prochain": 1, "cette année": 0],
        thisMarkers: ["ce", "cette"],
        pastMarkers: ["dernier", "dernière", "passé", "passée"],
        nextMarkers: ["prochain", "prochaine"],
        monthCues: ["en", "depuis", "début", "fin", "mi", "courant", "de", "dès", "avant", "après", "jusqu'en"],
        ordinalSuffixes: ["er"],
        quantityWords: ["milliard", "milliards", "million", "millions", "milliers", "dollars", "euros", "roubles",
                        "yuans", "personnes", "habitants", "km", "kilomètres", "tonnes", "morts", "soldats", "fois"],
        honorifics: ["M.", "MM.", "Mme", "Mmes", "Mlle", "Monsieur", "Madame", "Mgr", "Dr", "Pr"],
        roles: ["président", "présidente", "dirigeant", "dirigeante", "leader", "homologue", "ministre", "chef",
                "secrétaire", "porte-parole", "ambassadeur", "ambassadrice", "chancelier", "chancelière", "roi",
                "reine", "prince", "princesse", "général", "générale", "amiral", "maire", "sénateur", "sénatrice",
                "député", "députée", "directeur", "directrice", "patron", "patronne", "conseiller", "conseillère",
                "diplomate", "émir", "pape", "procureur", "procureure", "commissaire", "gouverneur", "vice-président",
                "vice-présidente", "candidat", "candidate", "opposant", "opposante", "premier", "première",
                "chef d'État", "PDG", "fondateur", "fondatrice", "envoyé", "envoyée", "émissaire", "numéro"],
        nationalities: ["russe", "russes", "chinois", "chinoise", "chinoises", "américain", "américaine", "américains",
                        "américaines", "français", "française", "françaises", "britannique", "britanniques",
                        "allemand", "allemande", "allemands", "ukrainien", "ukrainienne", "ukrainiens", "hongrois",
                        "hongroise", "mongol", "mongole", "japonais", "japonaise", "indien", "indienne", "iranien",
                        "iranienne", "turc", "turque", "israélien", "israélienne", "palestinien", "palestinienne",
                        "syrien", "syrienne", "européen", "européenne", "européens", "européennes", "occidental",
                        "occidentale", "occidentaux", "occidentales", "italien", "italienne", "espagnol", "espagnole",
                        "polonais", "polonaise", "biélorusse", "kazakh", "kazakhe", "coréen", "coréenne",
                        "nord-coréen", "nord-coréenne", "sud-coréen", "sud-coréenne", "sud-africain", "sud-africaine",
                        "brésilien", "brésilienne", "canadien", "canadienne", "belge", "suisse", "saoudien",
                        "saoudienne", "égyptien", "égyptienne", "vietnamien", "vietnamienne", "taïwanais",
                        "taïwanaise", "kirghiz", "kirghize", "géorgien", "géorgienne", "arménien", "arménienne",
                        "serbe", "grec", "grecque", "néerlandais", "néerlandaise", "suédois", "suédoise",
                        "finlandais", "finlandaise", "autrichien", "autrichienne", "roumain", "roumaine", "africain",
                        "africaine", "asiatique", "algérien", "algérienne", "marocain", "marocaine", "tunisien",
                        "tunisienne", "libanais", "libanaise", "afghan", "afghane", "pakistanais", "pakistanaise"],
        givenNames: sharedGivenNames,
        locatives: ["à", "en", "au", "aux", "vers", "depuis"],
        prepositions: ["avec", "à", "de", "du", "des", "d'", "par", "pour", "contre", "entre", "sur", "sous", "chez",
                       "vers", "envers", "auprès", "sans", "au", "aux", "et", "ou", "dont", "que", "qu'"],
        notNames: ["Président", "Présidente", "Premier", "Première", "État", "Etat", "États", "Etats", "Occident",
                   "Orient", "Internet", "Covid", "Covid-19", "Publicité", "Vidéo", "Photo", "Lire", "Partager",
                   "Article", "Copyright", "Dossier", "Direct", "Exclusif", "Logo", "Slide", "Previous", "Next",
                   "Close", "Button", "Discussion", "Copy", "Sommet", "Rencontre", "Confiance", "Monde", "Seigneur",
                   "Dieu", "Nord", "Sud", "Est", "Ouest", "Abonnez-vous", "Recommandé", "Tous", "Guerre", "Sommaire",
                   "Accueil", "Actualités", "Politique", "International", "Économie", "Economie", "Société",
                   "Culture", "Sport", "Sports", "Santé", "Météo", "Newsletter", "Fermer", "Menu", "Rechercher"],
        places: ["Afghanistan", "Afrique du Sud", "Albanie", "Algérie", "Allemagne", "Angleterre", "Angola",
                 "Arabie saoudite", "Argentine", "Arménie", "Australie", "Autriche", "Azerbaïdjan", "Bangladesh",
                 "Belgique", "Biélorussie", "Bélarus=Biélorussie", "Birmanie", "Bolivie", "Bosnie", "Brésil",
                 "Bulgarie", "Cambodge", "Cameroun", "Canada", "Chili", "Chine", "Chypre", "Colombie",
                 "Corée du Nord", "Corée du Sud", "Côte d'Ivoire", "Croatie", "Cuba", "Danemark", "Égypte",
                 "Émirats arabes unis", "Equateur=Équateur", "Équateur", "Espagne", "Estonie", "États-Unis",
                 "Etats-Unis=États-Unis", "Éthiopie", "Finlande", "France", "Géorgie", "Ghana", "Grèce", "Guinée",
                 "Haïti", "Hongrie", "Inde", "Indonésie", "Irak", "Iran", "Irlande", "Islande", "Israël", "Italie",
                 "Japon", "Jordanie", "Kazakhstan", "Kenya", "Kirghizstan", "Kosovo", "Koweït", "Laos", "Lettonie",
                 "Liban", "Libye", "Lituanie", "Luxembourg", "Mali", "Maroc", "Mexique", "Moldavie", "Mongolie",
                 "Monténégro", "Mozambique", "Niger", "Nigeria", "Norvège", "Nouvelle-Zélande", "Ouzbékistan",
                 "Pakistan", "Palestine", "Pays-Bas", "Pérou", "Philippines", "Pologne", "Portugal", "Qatar",
                 "République tchèque", "Roumanie", "Royaume-Uni", "Russie", "Rwanda", "Sénégal", "Serbie",
                 "Singapour", "Slovaquie", "Slovénie", "Somalie", "Soudan", "Sri Lanka", "Suède", "Suisse", "Syrie",
                 "Tadjikistan", "Taïwan", "Taiwan=Taïwan", "Tchad", "Thaïlande", "Tunisie", "Turkménistan", "Turquie",
                 "Ukraine", "Venezuela", "Vietnam", "Yémen", "Zimbabwe", "République populaire de Chine=Chine",
                 "Fédération de Russie=Russie", "Crimée", "Donbass", "Gaza", "Cisjordanie", "Tibet", "Xinjiang",
                 "Hong Kong", "Macao", "Europe", "Asie", "Afrique", "Amérique", "Amérique latine", "Océanie",
                 "Arctique", "Moyen-Orient", "Proche-Orient", "Balkans", "Caucase", "Sahel", "Maghreb",
                 "Paris", "Lyon", "Marseille", "Bruxelles", "Londres", "Berlin", "Rome", "Madrid", "Lisbonne", "Vienne",
                 "Varsovie", "Prague", "Budapest", "Athènes", "Genève", "Strasbourg", "Moscou", "Saint-Pétersbourg",
                 "Kiev", "Kyiv=Kiev", "Kharkiv", "Odessa", "Marioupol", "Bakhmout", "Minsk", "Pékin", "Shanghai",
                 "Wuhan", "Tokyo", "Séoul", "Pyongyang", "New Delhi", "Islamabad", "Kaboul", "Téhéran", "Bagdad",
                 "Damas", "Beyrouth", "Jérusalem", "Tel-Aviv", "Tel Aviv=Tel-Aviv", "Ankara", "Istanbul", "Le Caire",
                 "Riyad", "Doha", "Dubaï", "Washington", "New York", "Los Angeles", "Chicago", "San Francisco",
                 "Ottawa", "Montréal", "Québec", "Mexico", "Brasilia", "Rio de Janeiro", "Buenos Aires",
                 "Johannesburg", "Pretoria", "Le Cap", "Nairobi", "Dakar", "Alger", "Tunis", "Rabat", "Bamako",
                 "Abidjan", "Astana", "Tachkent", "Bichkek", "Oulan-Bator", "Taipei", "Hanoï", "Bangkok", "Jakarta",
                 "Manille", "Sydney", "Canberra", "Davos", "Amsterdam", "La Haye", "Stockholm", "Oslo", "Helsinki",
                 "Copenhague", "Dublin", "Belgrade", "Bucarest", "Sofia", "Kaliningrad", "Vladivostok", "Sotchi",
                 "Bakou", "Tbilissi", "Erevan", "Kazan", "Méditerranée", "Sibérie", "Corse", "Bretagne", "Normandie"],
        organisations: sharedOrganisations + [
            "OTAN", "ONU", "Nations unies=ONU", "Organisation des Nations unies=ONU", "UE", "Union européenne",
            "Commission européenne", "Parlement européen", "Conseil européen", "BCE", "Banque centrale européenne",
            "FMI", "Fonds monétaire international=FMI", "Banque mondiale", "OMS", "Organisation mondiale de la santé=OMS",
            "OMC", "OCS", "Organisation de coopération de Shanghai=OCS", "ASEAN", "Maison Blanche",
            "Maison-Blanche=Maison Blanche", "Élysée", "Elysée=Élysée", "Matignon", "Congrès", "Sénat",
            "Assemblée nationale", "Conseil de sécurité", "Conseil de sécurité de l'ONU", "Conseil national de sécurité",
            "Cour pénale internationale", "CPI", "Cour internationale de justice", "AIEA", "Parti communiste chinois",
            "PCC", "Armée populaire de libération", "Conseil de l'Europe", "Croix-Rouge", "Département d'État",
            "Quai d'Orsay", "Le Monde", "Le Figaro", "Les Echos", "Le Parisien", "France 24", "franceinfo",
            "Conseil constitutionnel", "Conseil d'État", "Cour de cassation", "Banque de France", "SNCF", "EDF",
        ],
        organisationCues: ["groupe", "société", "entreprise", "agence", "journal", "quotidien", "hebdomadaire", "média", "chaîne", "parti", "mouvement", "organisation", "association", "ONG", "banque", "compagnie", "firme", "constructeur", "géant", "fabricant", "opérateur", "site", "radio", "télévision", "club", "équipe", "université", "institut"],
        nameLinks: ["de", "du", "des", "d'"],
        attributionVerbs: ["déclaré", "déclare", "ajouté", "ajoute", "dit", "affirmé", "affirme", "assuré", "assure",
                           "souligné", "souligne", "expliqué", "explique", "estimé", "estime", "indiqué", "indique",
                           "précisé", "précise", "insisté", "insiste", "félicité", "félicitée", "lancé", "lance",
                           "répondu", "répond", "rappelé", "rappelle", "annoncé", "averti", "avertit", "martelé",
                           "martèle", "conclu", "conclut", "poursuivi", "poursuit", "commenté", "commente", "confié",
                           "confie", "reconnu", "reconnaît", "observé", "jugé", "regretté", "regrette", "dénoncé",
                           "dénonce", "signalé", "signale", "soutenu", "soutient", "déploré", "déplore", "prévenu",
                           "prévient", "tranché", "tranche", "écrit", "tweeté", "raconté", "raconte", "témoigné",
                           "témoigne", "répété", "répète", "exclamé", "exclamée", "enthousiasmé", "enthousiasmée",
                           "réjoui", "réjouie", "insurgé", "insurgée", "indigné", "indignée", "déclarée", "plaidé",
                           "plaide", "salué", "promis", "promet", "jugeant", "déclarant", "ajoutant", "estimant", "soulignant",
                           "affirmant", "assurant", "expliquant", "précisant", "rappelant", "martelant"],
        pronouns: ["il", "elle"],
        invertedPronouns: ["-t-il", "-t-elle", "-il", "-elle"],
        accordingTo: ["selon"],
        agencies: sharedAgencies + ["Chine nouvelle=Xinhua", "Agence Chine nouvelle=Xinhua"],
        bylinePrefixes: ["par"],
        bylineJoiners: ["avec", "et"],
        outletFooters: ["Article original publié sur", "Article publié sur", "Publié sur", "Lire l'article original sur",
                        "Cet article a été publié sur", "Cet article a été initialement publié sur",
                        "Initialement publié sur", "Article initialement publié sur"],
        elisions: ["l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'"],
        stopwords: french_stopwords
    )

    private static let french_stopwords: [String] = """
        a à afin ai aie aient aies ainsi ait alors après as assez au aucun aucune aujourd auquel aura aurai auraient
        aurais aurait auras aurez auriez aurions aurons auront autant autre autres aux auxquelles auxquels avaient
        avais avait avant avec avez aviez avions avoir avons ayant ayez ayons bien bon c ça car ce ceci cela celle
        celles celui cependant certain certaine certaines certains ces cet cette ceux chacun chacune chaque chez ci
        comme comment contre d dans de dehors déjà depuis des desquelles desquels dessous dessus deux devant devrait
        doit donc dont du duquel durant dès elle elles en encore entre es est et étaient étais était étant été êtes
        étiez étions être eu eue eues eurent eus eut eux fait faire fais faisait faut fois font furent fut ici il
        ils j je jusqu jusque l la là laquelle le lequel les lesquelles lesquels leur leurs lors lorsque lui m ma
        mais me même mêmes mes moi moins mon n ne ni non nos notre nous on ont or ou où par parce parmi pas peu peut
        peuvent plus plusieurs plutôt pour pourquoi pourrait puis puisque qu quand que quel quelle quelles quels qui
        quoi s sa sans se selon sera serait seront ses si sien soi soit son sont sous souvent sur t ta tandis tant te
        tes toi ton tous tout toute toutes très trop tu un une unes uns v va vers via voici voilà vos votre vous y
        sera être avoir ont sont cet selon aussi ainsi dont lors afin autres notamment également toujours jamais
        déjà ailleurs plus moins fin début cours jours jour an ans année années mois semaine semaines heure heures
        fois chose choses part parts côté lieu cas point points façon manière sorte place sein face lors dernier
        dernière derniers dernières premier première premiers premières nouveau nouvelle nouveaux nouvelles grand
        grande grands grandes petit petite bon bonne tel telle tels telles même autre certain plusieurs divers
        deux trois quatre cinq six sept huit neuf dix cent mille entre pendant avant après depuis contre vers
        selon sous sur chez dès ici là alors ensuite enfin puis donc car ou ni mais or aussi encore déjà
        tout tous toute toutes rien personne chacun quelque quelques aucun aucune nul nulle dit dire fait faire
        cette ces ceux celle celles celui c'est qu'il qu'elle d'un d'une l'un l'une lequel laquelle
        a-t-il a-t-elle est-ce peut-être non oui ainsi puisque lorsque quand comme si y
        """.split(whereSeparator: \.isWhitespace).map(String.init)
}
