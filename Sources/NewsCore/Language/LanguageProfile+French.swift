extension LanguageProfile {
    /// French.
    public static let french = LanguageProfile(
        code: "fr",
        stopwords: """
        le la les de des du un une et est en que qui dans pour par sur au aux avec ce ces cette il elle \
        ils elles ne pas plus son sa ses leur leurs se a été sont ont mais ou comme nous vous on y l d qu \
        s n c j m être avoir fait entre selon aussi après avant lors sans sous dont tout tous très même \
        depuis encore déjà chez alors donc où cela ceci lui eux
        """,
        lines: [
            "publicité", "pub", "partager", "partager cet article", "lien copié", "copier le lien",
            "discussion", "commentaires", "commentaire", "répondre", "signaler", "imprimer", "envoyer",
            "fermer", "suivant", "précédent", "diapositive suivante", "diapositive précédente", "accueil",
            "rechercher", "recherche", "se connecter", "connexion", "s'abonner", "abonnez-vous", "menu",
            "lire aussi", "lire la suite", "voir aussi", "à lire aussi", "à voir aussi", "à découvrir également",
            "à découvrir aussi", "recommandé pour vous", "sur le même sujet", "les plus lus", "les plus partagés",
            "articles similaires", "articles liés", "dernières actualités", "en continu", "vidéo", "vidéos",
            "photos", "diaporama", "newsletter", "suivez-nous", "mentions légales", "nous contacter",
            "contactez-nous", "plan du site", "tous droits réservés", "accepter", "tout accepter", "en savoir plus",
        ],
        prefixes: [
            "partager cet", "partager sur", "partager l'article", "partager la", "copier/coller", "copier coller",
            "lire aussi", "lire la suite", "à lire aussi", "à lire également", "voir aussi", "à voir aussi",
            "à voir également", "article original publié sur", "article publié sur", "cet article a été publié",
            "publié le", "mis à jour le", "modifié le", "par l'afp", "photo:", "photo :", "crédit photo",
            "crédits photo", "crédit :", "crédit:", "source :", "source:", "illustration :", "vidéo -",
            "vidéo :", "vidéo.", "video -", "audio -", "direct -", "en images", "inscrivez-vous", "abonnez-vous",
            "recevez", "suivez-nous", "suivez toute l'actualité", "retrouvez", "cliquez ici", "tous droits réservés",
            "copyright", "nous utilisons des cookies", "ce site utilise des cookies", "en poursuivant votre navigation",
            "en continuant", "vous devez être connecté", "connectez-vous", "réagir", "signaler un abus",
            "logo", "newsletter", "écouter", "regarder", "télécharger",
        ],
        fragments: [
            "tous droits réservés", "droits réservés", "via getty", "getty", "afp photo", "photo d'illustration",
            "crédit photo", "mentions légales", "politique de confidentialité", "cookies", "newsletter",
            "abonnez-vous", "cliquez ici",
        ],
        sectionBreaks: [
            "à découvrir également", "à découvrir aussi", "à découvrir", "recommandé pour vous", "lire aussi",
            "à lire aussi", "voir aussi", "à voir aussi", "sur le même sujet", "sur le même thème", "les plus lus",
            "les plus partagés", "articles similaires", "articles liés", "articles recommandés",
            "dernières actualités", "dernières infos", "commentaires", "réagissez", "vos réactions",
            "nos autres articles", "à la une", "ailleurs sur le web", "vous aimerez aussi", "vous aimerez aussi",
            "les articles les plus lus", "dans la même rubrique", "à suivre",
        ]
    )
}
