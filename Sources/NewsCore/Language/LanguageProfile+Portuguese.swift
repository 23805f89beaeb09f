extension LanguageProfile {
    /// Portuguese.
    public static let portuguese = LanguageProfile(
        code: "pt",
        stopwords: """
        o a os as de do da dos das e em no na nos nas um uma que é para com por não se ao aos mais \
        como mas foi ele ela seu sua ou ser quando muito já também só pelo pela até isso entre depois \
        sem mesmo ter são tem está pelos pelas há essa esse num numa eles elas você isso
        """,
        lines: [
            "publicidade", "compartilhar", "partilhar", "comentários", "responder", "imprimir", "fechar",
            "próximo", "anterior", "início", "buscar", "pesquisar", "menu", "entrar", "assine", "leia mais",
            "leia também", "veja também", "notícias relacionadas", "mais lidas", "últimas notícias", "vídeo",
            "fotos", "aceitar", "política de privacidade", "todos os direitos reservados", "newsletter",
        ],
        prefixes: [
            "leia também", "leia mais", "veja também", "saiba mais", "foto:", "imagem:", "fonte:",
            "compartilhe", "siga-nos", "assine", "utilizamos cookies", "usamos cookies", "este site utiliza cookies",
            "todos os direitos reservados", "copyright", "publicado em", "atualizado em", "clique aqui",
        ],
        fragments: ["todos os direitos reservados", "getty", "cookies", "newsletter"],
        sectionBreaks: ["notícias relacionadas", "leia também", "veja também", "mais lidas", "últimas notícias", "comentários"]
    )
}
