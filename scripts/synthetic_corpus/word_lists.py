"""German and Spanish vocabularies, junk-page material and the spinner's synonym table."""

from __future__ import annotations

_GERMAN = {
    "subjects": ("Tomaten", "Kräuter", "Obstbäume", "Zimmerpflanzen", "Rosen", "Kartoffeln", "Erdbeeren",
                 "Hochbeete", "Balkonblumen", "Gurken"),
    "months": ("im März", "im April", "im Mai", "im Juni", "im Herbst", "im Frühjahr", "im Sommer"),
    "places": ("im Garten", "auf dem Balkon", "im Hochbeet", "in großen Töpfen", "im Gewächshaus"),
    "tools": ("einer Gießkanne mit feinem Brausekopf", "einer scharfen Gartenschere",
              "einem einfachen Bodenthermometer", "etwas Vlies gegen Frost"),
    "sentences": (
        "Viele Leute unterschätzen, wie viel Pflege {S} {Monat} brauchen.",
        "Wer {S} {Ort} anbaut, sollte den Boden vorher gründlich lockern.",
        "Am besten gießt man {S} früh am Morgen, damit die Blätter tagsüber abtrocknen.",
        "In unserem Versuch haben wir {Zahl} verschiedene Sorten verglichen, und die Unterschiede waren "
        "größer als erwartet.",
        "Ein häufiger Fehler ist es, {S} zu dicht nebeneinander zu setzen.",
        "Mit {Mittel} lässt sich viel Arbeit sparen, ohne dass die Ernte darunter leidet.",
        "Gerade für Anfänger sind {S} eine gute Wahl, weil sie robust sind und kleine Fehler verzeihen.",
        "{Monat} lohnt es sich, die Pflanzen regelmäßig auf Schädlinge zu kontrollieren.",
        "Nach etwa {Zahl} Wochen sieht man meistens die ersten Ergebnisse.",
        "Wichtig ist vor allem, geduldig zu bleiben und nicht zu viel auf einmal zu verändern.",
        "Wer wenig Platz hat, kann {S} auch auf der Fensterbank ziehen.",
        "Kompost und eine dünne Schicht Mulch halten die Feuchtigkeit länger im Boden.",
        "Ob sich der Aufwand lohnt, hängt stark vom Standort und vom Wetter ab.",
        "Unser Tipp: Notieren Sie, was Sie wann gepflanzt haben, damit Sie im nächsten Jahr daraus lernen.",
        "Bei Hitze brauchen {S} deutlich mehr Wasser als in einem kühlen Sommer.",
        "Die meisten Leserinnen und Leser berichten, dass {S} {Ort} am besten gedeihen.",
    ),
    "titles": ("So gelingen {S} {Ort}", "{Zahl} Fehler bei {S}, die Sie vermeiden sollten",
               "Was Sie {Monat} über {S} wissen sollten", "Unser Ratgeber für {S}"),
}
_SPANISH = {
    "subjects": ("los trenes nocturnos", "los pueblos de montaña", "los mercados locales",
                 "las playas del norte",
                 "los albergues juveniles", "las rutas a pie", "los museos pequeños", "las islas del sur"),
    "months": ("en marzo", "en mayo", "en octubre", "en invierno", "en primavera", "fuera de temporada"),
    "tools": ("un mapa sin conexión", "una mochila ligera", "un adaptador universal",
              "una botella reutilizable"),
    "sentences": (
        "Muchos viajeros no saben que {S} son mucho más tranquilos {Mes}.",
        "Si viaja con poco presupuesto, {S} ofrecen una buena alternativa a los destinos más conocidos.",
        "En nuestra experiencia, conviene reservar con al menos {Zahl} semanas de antelación.",
        "Un error habitual es intentar ver demasiadas cosas en muy poco tiempo.",
        "Con {Mittel} se evitan muchos problemas durante el viaje.",
        "Los precios suben bastante en verano, así que merece la pena comparar varias fechas.",
        "Hablamos con {Zahl} familias y casi todas recomendaron empezar por {S}.",
        "Lo más importante es viajar sin prisas y dejar tiempo para lo imprevisto.",
        "Los fines de semana {S} se llenan de visitantes, por eso preferimos los días laborables.",
        "Nuestro consejo es llevar siempre algo de dinero en efectivo y una copia del pasaporte.",
        "La gente del lugar suele conocer rincones que no aparecen en ninguna guía.",
        "Si llueve, {S} siguen siendo una buena opción para pasar la tarde.",
        "Al final, lo que más recordamos del viaje fueron las conversaciones con los vecinos.",
        "Para llegar a {S}, el autobús regional suele ser más barato que el tren.",
    ),
    "titles": ("Guía práctica para descubrir {S}", "{Zahl} consejos para visitar {S} {Mes}",
               "Lo que nadie le cuenta sobre {S}", "Cómo disfrutar de {S} sin gastar demasiado"),
}


# --------------------------------------------------------------------------- junk and spinning

_KEYWORD_MODIFIERS = ("best", "cheap", "top", "free", "online", "near me", "2024", "reviews", "deals", "uk",
                      "for sale", "discount", "how to", "guide", "price")
_NAV_MENUS = (
    ("Home", "About us", "Services", "Blog", "Contact", "Privacy Policy", "Terms of Use", "Sitemap"),
    ("Start", "Shop", "New arrivals", "Sale", "My account", "Cart (0)", "Help", "Log in"),
    ("Home", "News", "Reviews", "Guides", "Deals", "Newsletter", "Advertise", "Careers", "Imprint"),
)
_LOREM = ("lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
          "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim",
          "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip",
          "commodo", "consequat", "duis", "aute", "irure", "reprehenderit", "voluptate", "velit", "esse")
_ERROR_PAGES = (
    ("Page not found", "Sorry, the page you are looking for does not exist or has been moved.",
     "Go back to the home page", "Error 404"),
    ("Access denied", "You do not have permission to view this page.", "Error 403", "Back"),
    ("Service temporarily unavailable", "We are performing scheduled maintenance. Please try again later.",
     "Error 503"),
)
# A spinner swaps words and phrases for near-synonyms that read oddly in context.
_SPIN_TABLE = (
    ("as long as", ("provided that", "so long as")), ("a great deal", ("a good deal", "a whole lot")),
    ("step back", ("stage back", "phase back")), ("in our experience", ("in our encounter",)),
    ("worth the effort", ("well worth the exertion",)), ("right answer", ("proper remedy",)),
    ("people", ("individuals", "folks")), ("important", ("crucial", "vital")), ("often", ("frequently",)),
    ("help", ("assist", "aid")), ("helps", ("assists", "aids")), ("start", ("commence",)),
    ("started", ("commenced",)), ("begin", ("commence", "get started")), ("easier", ("less complicated",)),
    ("mistake", ("blunder", "slip-up")), ("effort", ("exertion", "endeavour")), ("honest", ("trustworthy",)),
    ("simple", ("uncomplicated",)), ("simplest", ("most uncomplicated",)), ("rule", ("guideline",)),
    ("different", ("distinct", "various")), ("approaches", ("techniques", "methods")),
    ("best", ("finest", "greatest")), ("notice", ("observe", "discover")), ("expensive", ("pricey",)),
    ("experience", ("encounter",)), ("routine", ("regimen", "program")), ("project", ("undertaking",)),
    ("habit", ("pattern",)), ("advice", ("guidance", "suggestions")), ("guides", ("manuals",)),
    ("evidence", ("proof",)), ("biggest", ("largest",)), ("problem", ("issue", "difficulty")),
    ("quickly", ("swiftly",)), ("modest", ("humble",)), ("patient", ("affected person",)),
    ("reward", ("prize",)), ("weeks", ("months",)), ("careful", ("watchful",)), ("quietly", ("silently",)),
    ("setbacks", ("reversals",)), ("failure", ("failing",)), ("sooner", ("quicker",)),
    ("tempting", ("attractive",)), ("straight away", ("without delay",)), ("usually", ("generally",)),
    ("perfectly", ("flawlessly",)), ("normal", ("typical",)), ("consistency", ("regularity",)),
    ("plenty", ("lots",)), ("strong", ("robust",)), ("opinions", ("views",)), ("sleep", ("slumber",)),
    ("pain", ("soreness", "discomfort")), ("money", ("funds", "cash")), ("travellers", ("vacationers",)),
    ("garden", ("backyard",)), ("kitchen", ("cooking area",)), ("treatment", ("procedure", "therapy")),
)
