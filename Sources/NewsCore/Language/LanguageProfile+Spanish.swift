extension LanguageProfile {
    /// Spanish.
    public static let spanish = LanguageProfile(
        code: "es",
        stopwords: """
        el la los las de del y en que un una por con para es se no al lo como más pero sus su le ha \
        fue son está este esta entre cuando muy sin sobre también me hasta hay donde desde todo nos \
        durante todos uno les ni contra otros ese eso ante ellos e esto antes algunos qué unos yo otro \
        otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo \
        nosotros han era puede según ya
        """,
        lines: [
            "publicidad", "compartir", "comentarios", "comentar", "responder", "imprimir", "enviar", "cerrar",
            "siguiente", "anterior", "inicio", "buscar", "menú", "iniciar sesión", "registrarse", "suscríbete",
            "leer más", "ver más", "lee también", "te puede interesar", "noticias relacionadas",
            "contenido relacionado", "lo más leído", "más leídas", "más leído", "últimas noticias", "vídeo",
            "fotos", "galería", "aceptar", "política de privacidad", "aviso legal", "contacto", "síguenos",
            "todos los derechos reservados", "newsletter",
        ],
        prefixes: [
            "lee también", "leer también", "lea también", "te puede interesar", "ver también", "leer más",
            "foto:", "fotografía:", "imagen:", "fuente:", "crédito:", "compartir en", "síguenos en", "suscríbete",
            "regístrate", "recibe", "utilizamos cookies", "usamos cookies", "este sitio utiliza cookies",
            "esta web utiliza cookies", "al continuar", "todos los derechos reservados", "copyright", "publicado el",
            "actualizado el", "haz clic", "pulsa aquí", "más información", "archivado en", "etiquetas:",
            "noticias relacionadas", "comentarios",
        ],
        fragments: [
            "todos los derechos reservados", "derechos reservados", "getty", "efe", "cookies",
            "política de privacidad", "aviso legal", "newsletter",
        ],
        sectionBreaks: [
            "noticias relacionadas", "contenido relacionado", "te puede interesar", "lo más leído", "más leídas",
            "lee también", "también te puede interesar", "últimas noticias", "comentarios", "más noticias",
            "otras noticias", "artículos relacionados", "te recomendamos", "recomendados",
        ]
    )
}
