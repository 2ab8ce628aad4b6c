"""Who a claim comes from: origin phrases normalised, aliases resolved across languages.

A rule and gazetteer approach: no named-entity model whose weights ship on
PyPI covers German and English news origins offline (spaCy's models are
downloaded separately). The gazetteer holds origins that recur in news in
both languages; persons are matched across transliterations by a spelling
key ("Selenskyj", "Zelensky", "Zelenskyy" -> one key).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that stand where an origin would but name no one.
VAGUE_ORIGIN = re.compile(
    r"(?i)^(?:(?:den|diesen|ersten|offiziellen|aus|lokale|lokalen|örtliche|örtlichen|local|several)\s+)?[\w-]*"
    r"(?:kreisen|berichten|medien|angaben|informationen|reports|sources)$"
)

# Origins so general that any report may name them without a source naming them too.
GENERIC_ORIGINS = {"Behörden", "Polizei", "Feuerwehr", "Rettungsdienste", "Parlament"}

# canonical name -> lower-cased variants (German, English, common spellings; class nouns
# such as "authorities" also in the other languages the claims read)
GAZETTEER = {
    "NIS": [
        "nis",
        "national intelligence service",
        "südkoreanische geheimdienst",
        "südkoreanischen geheimdienst",
        "südkoreanischer geheimdienst",
        "südkoreas geheimdienst",
        "geheimdienst nis",
        "south korea's spy agency",
        "seoul's spy agency",
        "south korean intelligence",
        "south korea's intelligence",
        "südkoreanische nachrichtendienst",
        "seouler geheimdienst",
        # The same agency as the other languages the claims read name it.
        "south korean spy agency",
        "renseignement sud-coréen",
        "renseignements sud-coréens",
        "service de renseignement sud-coréen",
        "services de renseignement sud-coréens",
        "inteligencia surcoreana",
        "servicio de inteligencia surcoreano",
        "servicios de inteligencia surcoreanos",
        "intelligence sudcoreana",
        "intelligence di seul",
        "servizi segreti sudcoreani",
        "servizi di intelligence sudcoreani",
        "wywiad korei południowej",
        "wywiadu korei południowej",
        "południowokoreański wywiad",
        "południowokoreańskiego wywiadu",
        "inteligência sul-coreana",
        "serviços de inteligência sul-coreanos",
        "zuid-koreaanse inlichtingendienst",
    ],
    "Pentagon": [
        "pentagon",
        "us-verteidigungsministerium",
        "us verteidigungsministerium",
        "department of defense",
        "defense department",
        "us-verteidigungsministeriums",
    ],
    "HUR": [
        "hur",
        "gur",
        "ukrainische militärgeheimdienst",
        "ukrainischen militärgeheimdienst",
        "ukrainian military intelligence",
        "ukraine's military intelligence",
        "ukrainischer geheimdienst",
        "ukrainische geheimdienst",
        "ukrainischen geheimdienst",
        "militärgeheimdienst hur",
        "ukrainian military intelligence agency",
        "renseignement militaire ukrainien",
        "inteligencia militar ucraniana",
        "intelligence militare ucraina",
        "ukraiński wywiad wojskowy",
        "ukraińskiego wywiadu wojskowego",
        "inteligência militar ucraniana",
        "oekraïense militaire inlichtingendienst",
    ],
    "NATO": ["nato", "nordatlantikpakt", "nato-generalsekretär"],
    "UN": [
        "un",
        "uno",
        "onu",
        "vereinte nationen",
        "vereinten nationen",
        "united nations",
        "nations unies",
        "naciones unidas",
    ],
    "Yonhap": ["yonhap", "nachrichtenagentur yonhap", "yonhap news"],
    "Weißes Haus": ["weißes haus", "weiße haus", "white house"],
    "Kreml": ["kreml", "kremlin"],
    "CalFire": ["calfire", "cal fire", "cal-fire"],
    "Medical Examiner": ["medical examiner", "coroner", "gerichtsmedizin", "rechtsmedizin"],
    "Behörden": [
        "behörden",
        "authorities",
        "officials",
        "beamte",
        "offizielle",
        "offiziellen angaben",
        "autorités",
        "autoridades",
        "autorità",
        "władze",
        "władz",
        "autoriteiten",
    ],
    # Polish names its origin in the genitive after "według": policji, straży pożarnej.
    "Polizei": ["polizei", "police", "policía", "polizia", "polícia", "policja", "policji", "politie"],
    "Rettungsdienste": [
        "rettungsdienste",
        "rettungskräfte",
        "emergency services",
        "secours",
        "services de secours",
        "servicios de emergencia",
        "soccorsi",
        "serviços de emergência",
        "służby ratunkowe",
        "służb ratunkowych",
        "hulpdiensten",
    ],
    "Vatikan": [
        "vatikan",
        "vatican",
        "vaticano",
        "vatikán",
        "watykan",
        "ватикан",
        "ватикана",
        "holy see",
        "heiliger stuhl",
        "saint-siège",
        "santa sede",
        "santa sé",
        "stolica apostolska",
        "media vaticani",
        "vatican media",
        "vatican news",
        "médias du vatican",
        "medios vaticanos",
    ],
    # A government is named by its common noun in every language ("le gouvernement espagnol").
    "Regierung": [
        "regierung",
        "government",
        "gouvernement",
        "gobierno",
        "governo",
        "rząd",
        "rządu",
        "regering",
        # Its data and sources: "według danych rządowych", "fuentes gubernamentales".
        "rządowe",
        "rządowych",
        "government data",
        "gubernamentales",
        "gouvernementales",
        "governativi",
        "governativa",
        "governamentais",
    ],
    "Nationalversammlung": ["nationalversammlung", "national assembly"],
    "Bundestag": ["bundestag"],
    "Parlament": ["parlament", "parliament"],
    "Feuerwehr": [
        "feuerwehr",
        "fire brigade",
        "fire service",
        "firefighters",
        "fire department",
        "pompiers",
        "bomberos",
        "vigili del fuoco",
        "bombeiros",
        "straż pożarna",
        "straży pożarnej",
        "brandweer",
    ],
    "dpa": ["dpa", "deutsche presse-agentur"],
    "AP": ["ap", "associated press"],
    "Reuters": ["reuters"],
    "AFP": ["afp"],
    "UPI": ["upi", "united press international"],
}
# Bodies named by their kind ("the regional government", "le parquet de Paris") and bodies
# every language names in its own words ("Protección Civil", "Croix-Rouge"): known
# origins, shown by their German name, but not typed as organisations by entities (it
# reads GAZETTEER only), so the checker does not look up a report's wording of them as a
# name the sources must give.
KINDS = {
    "Zivilschutz": [
        "zivilschutz",
        "katastrophenschutz",
        "civil protection",
        "protection civile",
        "sécurité civile",
        "protección civil",
        "protezione civile",
        "proteção civil",
        "protecção civil",
        "defesa civil",
        "defensa civil",
        "obrona cywilna",
        "civiele bescherming",
    ],
    "Rotes Kreuz": [
        "rotes kreuz",
        "roten kreuz",
        "roten kreuzes",
        "red cross",
        "croix-rouge",
        "cruz roja",
        "croce rossa",
        "cruz vermelha",
        "czerwony krzyż",
        "czerwonego krzyża",
        "rode kruis",
    ],
    "WHO": [
        "who",
        "weltgesundheitsorganisation",
        "world health organization",
        "world health organisation",
        "oms",
        "organisation mondiale de la santé",
        "organización mundial de la salud",
        "organizzazione mondiale della sanità",
        "światowa organizacja zdrowia",
        "wereldgezondheidsorganisatie",
    ],
    "Nationales Hurrikanzentrum": [
        "nhc",
        "national hurricane center",
        "us national hurricane center",
        "nationales hurrikanzentrum",
        "nationale hurrikanzentrum",
        "nationalen hurrikanzentrum",
        "nationales hurrikan-zentrum",
        "nationale hurrikan-zentrum",
        "nationalen hurrikan-zentrum",
        "nationalen hurrikan-zentrums",
        "us-hurrikanzentrum",
        "centre national des ouragans",
        "centro nacional de huracanes",
    ],
    "Nationaler Wetterdienst": [
        "national weather service",
        "nws",
        "us-wetterdienst",
        "nationale wetterdienst",
        "nationaler wetterdienst",
        "nationalen wetterdienst",
        "nationalen wetterdienstes",
    ],
    # The government of a region, named by its kind in every language. (Not the German
    # "Landesregierung": a German reader knows a Land's government by that name.)
    "Regionalregierung": [
        "regionalregierung",
        "regionalbehörden",
        "regionale behörden",
        "regional government",
        "regional authorities",
        "regional officials",
        "gouvernement régional",
        "autorités régionales",
        "gobierno regional",
        "gobierno autonómico",
        "autoridades regionales",
        "autoridades autonómicas",
        "governo regionale",
        "giunta regionale",
        "autorità regionali",
        "governo regional",
        "autoridades regionais",
        "władze regionalne",
        "władz regionalnych",
        "regionalne władze",
        "rząd regionalny",
        "regionale regering",
        "regionale overheid",
        "regionale autoriteiten",
    ],
    # The prosecution and a town's administration, by their kind in every language ("le
    # parquet de Paris", "el ayuntamiento de Paiporta"): the place after them only says which.
    "Staatsanwaltschaft": [
        "staatsanwaltschaft",
        "prosecutors",
        "prosecutor's office",
        "prosecutor’s office",
        "parquet",
        "fiscalía",
        "procura",
        "prokuratura",
        "prokuratury",
        "openbaar ministerie",
        "ministério público",
    ],
    # The state's office in a French département or an Italian province.
    "Präfektur": ["präfektur", "préfecture", "prefettura", "prefecture"],
    "Stadtverwaltung": [
        "stadtverwaltung",
        "city council",
        "town council",
        "city hall",
        "town hall",
        "mairie",
        "municipalité",
        "ayuntamiento",
        "consistorio",
        "comune",
        "câmara municipal",
        "prefeitura",
        "urząd miasta",
        "gemeente",
    ],
}
_VARIANT = {v: canon for canon, variants in (GAZETTEER | KINDS).items() for v in variants}


def is_known(origin: str | None) -> bool:
    """Whether an origin is one of the gazetteer's bodies or kinds of body, or a ministry,
    armed forces or intelligence service by its kind (see ministry)."""
    if origin in GAZETTEER or origin in KINDS:
        return True
    kind = (origin or "").split(" (")[0]
    return any(kind == name for name, _ in _MINISTRY_KINDS + _FORCE_KINDS)


# All variants in one pattern, longest first; the lookahead finds one at every position, so
# the longest variant anywhere in a phrase wins, as it would trying them one by one.
# A German case ending may follow ("den Rettungskräften", "des Rettungsdienstes", "des Kremls").
_VARIANTS = re.compile(
    r"(?=(?<![\w-])("
    + "|".join(map(re.escape, sorted(_VARIANT, key=len, reverse=True)))
    + r")(?:n|en|s|es)?(?![\w]))"
)
_ARTICLES = {"der", "die", "das", "des", "dem", "den", "the", "a", "an"} | {
    "le",
    "la",
    "les",
    "el",
    "los",
    "las",
    "il",
    "lo",
    "gli",
    "os",
    "as",
    "het",
    "een",
    "un",
    "une",
    "uno",
    "una",
}
ROLE_WORDS = {
    # The same roles in the other languages reports come in ("President Volodymyr Zelensky").
    "president",
    "cardinale",
    "cardenal",
    "kardynał",
    "camerlengo",
    "camerlingue",
    "président",
    "presidente",
    "prezydent",
    "ministre",
    "ministro",
    "portavoz",
    "portavoce",
    "porte-parole",
    "rzecznik",
    "woordvoerder",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "chief",
    "director",
    "secretary",
    "sheriff",
    "bürgermeister",
    "bürgermeisterin",
    "gouverneur",
    "governor",
    "mayor",
    "feuerwehrchef",
    "abgeordnete",
    "abgeordneten",
    "abgeordneter",
    "lawmaker",
    "general",
    "generalsekretär",
    "landrat",
    "landrätin",
    "kanzler",
    "kanzlerin",
    "premier",
    "kardinal",
    "cardinal",
    "richter",
    "richterin",
    "judge",
    "prosecutor",
    "staatsanwalt",
    # A parliament's speaker and a town's or province's head, in the languages the claims read.
    "speaker",
    "maire",
    "alcalde",
    "alcaldesa",
    "sindaco",
    "sindaca",
    "burmistrz",
    "préfet",
    "prefetto",
    "prefect",
    "wojewoda",
    "burgemeester",
}
# German names a woman in a role by "-in" ("Gouverneurin Ana Lopes", "Staatsanwältin"):
# every role's feminine form is a role too.
ROLE_WORDS |= {role + "in" for role in ROLE_WORDS if not role.endswith(("in", "e", "a", "o"))} | {
    "staatsanwältin",
    "kanzlerin",
    "bürgermeisterin",
}


def spelling_key(name: str) -> str:
    """A key that survives transliteration: Selenskyj, Zelensky, Zelenskyy -> 'selensky'."""
    s = unicodedata.normalize("NFKD", name.lower())
    s = "".join(c for c in s if not unicodedata.combining(c) and c.isalpha())
    for a, b in (
        ("tsch", "ch"),
        ("sch", "sh"),
        ("ij", "y"),
        ("ie", "i"),
        ("j", "y"),
        ("w", "v"),
        ("z", "s"),
        ("kh", "h"),
        ("ck", "k"),
        ("ph", "f"),
    ):
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def _close(a: str, b: str) -> bool:
    """Keys at most one edit apart (for keys of six letters or more)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) == len(b):
            i += 1
        j += 1
    return edits + (len(b) - j) + (len(a) - i) <= 1


# The languages whose month and weekday names (CLDR, through babel) are never an origin.
_CALENDAR_LANGUAGES = ("de", "en", "fr", "es", "it", "pt", "pl", "nl")
_PRONOUNS = """he she it they we i you er sie es wir ich ihr man il elle ils elles on nous él ella ellos
ellas lui lei loro egli ele ela eles elas ona ono oni hij zij wij"""
# The "as" that opens "as X said" ("Jak poinformowało ministerstwo", "Comme l'a dit ..."):
# it stands before the verb where a subject would.
_AS = "jak comme come como zoals"
# Class words that stand where a name would but name no one on their own, and the kinds
# of text someone issues ("In einer Mitteilung hieß es"): who issued it is not said.
_CLASS_WORDS = """intelligence defense defence sources experts analysts reports media officials' spokesman
spokesperson spokeswoman witnesses eye-witnesses eyewitnesses augenzeugen zeugen anwohner residents
témoins testigos testimoni testemunhas świadkowie getuigen corp corps
mitteilung erklärung pressemitteilung statement communiqué comunicado comunicato komunikat oświadczenie
verklaring persbericht
befürchtung befürchtungen einschätzung erwartung hoffnung sorge annahme vermutung bericht berichte
dienst verluste fears assessment report zahl zahlen anzahl number figure toll bilanz""".split()
# Times of day stand capitalised after an inverted verb ("meldete am Abend"): no one.
_TIMES_OF_DAY = "am im abend morgen nacht mittag vormittag nachmittag morning evening night afternoon".split()


@lru_cache(maxsize=1)
def _non_origins() -> frozenset[str]:
    from babel import Locale

    words = set(_PRONOUNS.split()) | set(_AS.split()) | set(_CLASS_WORDS) | set(_TIMES_OF_DAY)
    for code in _CALENDAR_LANGUAGES:
        locale = Locale(code)
        for table in (locale.months, locale.days):
            for context in table.values():
                for width in ("wide", "abbreviated"):
                    words.update(w.lower().rstrip(".") for w in context.get(width, {}).values())
    return frozenset(words)


@lru_cache(maxsize=1)
def territories() -> tuple[tuple[str, str], ...]:
    """(CLDR code, name) of every territory and region in German and English (through
    babel); countries have letter codes, regions ("Europa", "World") numeric ones."""
    from babel import Locale

    return tuple(item for code in ("de", "en") for item in Locale(code).territories.items())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Words of territory names, lower-cased."""
    return frozenset(w.lower() for _, name in territories() for w in name.split())


_ADJECTIVE_END = re.compile(r"(?:an|ese|ish|isch|ische|ischen|ischer|isches)$")
_COMPASS = re.compile(r"^(?:south|north|east|west|süd|nord|ost|west)-?")


@lru_cache(maxsize=4096)
def _nationality(word: str) -> bool:
    """Whether a word is an adjective of nationality ("South Korean", "ukrainische"): a
    country's name, less its last letter, with an adjective's ending (Korea -> Korean,
    Ukraine -> Ukrainian, China -> Chinese)."""
    stem = _COMPASS.sub("", word)
    if stem in _countries():
        return False
    return any(
        len(c) >= 4 and stem.startswith(c[:-1]) and _ADJECTIVE_END.search(stem[len(c) - 1 :])
        for c in _countries()
    )


def is_origin(name: str) -> bool:
    """Whether a normalised origin names someone: pronouns ("He", "er"), months and
    weekdays ("Nov", "Mitte Oktober"), adjectives of nationality ("South Korean") and
    class words on their own ("Intelligence") do not."""
    from lagebild.numbers import is_unit_word
    from lagebild.terms import STOPWORDS

    if VAGUE_ORIGIN.match(name):
        return False  # "Medienberichten", "sources": no one in particular
    # "We've", "they'll": a pronoun with its verb
    words = [re.sub(r"['’](?:ve|re|ll|d|s)$", "", w.lower().rstrip(".")) for w in name.split()]
    if all(is_unit_word(w) for w in words):
        return False  # what is counted ("meldete 12 Tote"), never who counts
    if all(w in STOPWORDS for w in words) and not name.isupper():
        # a function word that opens a sentence ("That said, ...", "Other estimates"); an
        # acronym that spells one is a name ("UN")
        return False
    names = _non_origins()
    return bool(words) and not all(
        w in names or w in {"mitte", "anfang", "ende", "south", "north"} or _nationality(w) for w in words
    )


def normalise_origin(phrase: str) -> str | None:
    """The canonical origin of a phrase, or None when it names no one (see is_origin)."""
    origin = _normalise(phrase)
    return origin if origin and is_origin(origin) else None


# A place after a locative preposition qualifies an origin ("el consulado argentino en
# Valencia", "die Polizei in Dresden"); it is never the origin itself.
_LOCATIVE_TAIL = re.compile(
    r"\s+(?:in|im|en|à|au|aux|a|w|we|nel|nella|na|no|em|op|bij|near|bei)\s+\S.*$", re.IGNORECASE
)


# Adverbs that open a sentence and so stand capitalised before its subject ("Wcześniej
# Gwardia Cywilna podawała ..."): never part of the name.
_SENTENCE_ADVERBS = set(
    """zuvor vorher früher später zudem außerdem auch inzwischen mittlerweile bereits
    earlier later previously meanwhile also already auparavant ensuite aussi déjà entre-temps
    antes después también ya previamente prima poi anche già precedentemente depois também já
    wcześniej później także również już eerder later ook inmiddels""".split()
)


# A relative clause that a phrase runs on into ("la Comunità Valenziana che sono destinati
# ad aggravarsi") says something of the origin; it is never part of its name.
_RELATIVE_TAIL = re.compile(
    r"\s+(?:che|que|qui|quien|quienes|which|who|whose|który|która|które|którzy|dat|welke)\s.*$", re.IGNORECASE
)
_NAME_PARTICLES = {"of", "de", "del", "della", "di", "da", "do", "des", "du", "van", "von", "der"}


# Titles and ranks before a name ("Maj. Gen. Pat Ryder", "Dr. Anna Berg") are not part of it.
_TITLES = re.compile(
    r"^(?:(?:Maj|Gen|Lt|Col|Sgt|Adm|Capt|Cmdr|Brig|Cpl|Dr|Prof|Gov|Sen|Rep|Mr|Mrs|Ms)\.?\s+)+(?=[A-ZÄÖÜ])"
)
# "ein Sprecher des Innenministeriums", "a spokesman for the ministry": the body speaks.
_SPOKESPERSON_FOR = re.compile(
    r"^(?:(?:ein|eine|einem|einer|der|die|dem|den|a|an|the)\s+)?(?:Sprecher|Sprecherin|spokesman|spokeswoman|spokesperson)\s+"
    r"(?:(des)|der|for|of)\s+(?:the\s+)?(?=[A-ZÄÖÜ])"
)


def nominative(word: str) -> str:
    """A German noun without its genitive ending: "Geheimdienstes" -> "Geheimdienst",
    "Pentagons" -> "Pentagon"."""
    if word.endswith("es") and len(word) > 5 and word[-3].lower() not in "aeiouäöüy":
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


# The German article right before a name, and the case and gender it shows for an adjective
# ending in -e or -en after it ("das Nationale Hurrikan-Zentrum", "des Deutschen
# Wetterdienstes"): (article, ending) -> gender, None where the noun must tell.
_GERMAN_ARTICLE_BEFORE = re.compile(
    r"(?<![\w-])(?i:(der|die|das|des|dem|den|eine|eines|einem|einen|einer))\s+$"
)
_GENDER_BY_ARTICLE = {
    ("der", "e"): "m",
    ("das", "e"): "n",
    ("die", "e"): "f",
    ("eine", "e"): "f",
    ("den", "en"): "m",
    ("einen", "en"): "m",
    ("der", "en"): "f",
    ("einer", "en"): "f",
    ("des", "en"): None,
    ("dem", "en"): None,
    ("eines", "en"): None,
    ("einem", "en"): None,
}
# Endings of German nouns that name bodies, by gender; after "des" or "dem" the noun tells
# whether an adjective before it takes -er or -es. Masculine where none matches ("Dienst",
# "Rat", "Verband", "Halbmond"): most bodies' nouns that end otherwise are.
_NEUTER_ENDS = (
    "amt|ämter|um|zentrum|institut|büro|haus|komitee|kommando|gericht|parlament|kabinett|werk|team|"
    "bündnis|kreuz|portal|blatt|labor|regime|militär|ministerium|gremium|konsulat|sekretariat|präsidium"
).split("|")
_FEMININE_ENDS = (
    "ung|heit|keit|schaft|ion|ei|behörde|agentur|kommission|organisation|feuerwehr|armee|marine|bank|"
    "union|gruppe|stelle|zentrale|akademie|universität|klinik|stadt|gemeinde|kammer|garde|wacht|wache|liga"
).split("|")
# Adjectives as German names spell them before a noun ("Nationale", "Deutschen",
# "Staatliche", "Oberste", "Weiße", "Rote"): a noun of the name ending in -e ("Gruppe",
# "Behörde") ends otherwise.
_GERMAN_ADJECTIVE = re.compile(
    r"^[A-ZÄÖÜ][a-zäöüß]*(?:al|isch|sch|lich|ig|iert|igt|eint|st|er|ell|iv|är|ös|ut|ot|ün|eiß|eit|ahr)(e|en)$"
)


def without_article(before: str, name: str) -> str:
    """A German name as it stands without the article the sentence gives it: adjectives in
    their strong form and the noun in the nominative ("das Nationale Hurrikan-Zentrum" ->
    "Nationales Hurrikan-Zentrum", "des Deutschen Wetterdienstes" -> "Deutscher
    Wetterdienst", "der Nationalen Behörde" -> "Nationale Behörde"). ``before`` is the text
    before the name; a name after no German article is returned as it is."""
    article = _GERMAN_ARTICLE_BEFORE.search(before)
    if not article:
        return name
    art = article.group(1).lower()
    words = name.split()
    adjectives = 0
    while adjectives < len(words) - 1 and _german_adjective(words[adjectives]):
        adjectives += 1
    if art in ("des", "eines"):
        words[adjectives] = nominative(words[adjectives])
    for k in range(adjectives):
        ending = _GERMAN_ADJECTIVE.match(words[k]).group(1)
        if (art, ending) not in _GENDER_BY_ARTICLE:
            break  # "die Nationalen Behörden": a plural keeps its ending
        gender = _GENDER_BY_ARTICLE[(art, ending)] or _gender_of(words[adjectives])
        words[k] = words[k][: -len(ending)] + {"m": "er", "n": "es", "f": "e"}[gender]
    return " ".join(words)


@lru_cache(maxsize=4096)
def _german_adjective(word: str) -> bool:
    """Whether a word is a German adjective as names spell it: its ending, and a word German
    writes more than English does ("Nationale", "Rote"; not "Olive" of "der Olive Press")."""
    from wordfreq import zipf_frequency

    if not _GERMAN_ADJECTIVE.match(word):
        return False
    german = zipf_frequency(word.lower(), "de")
    return german >= GERMAN_WORD and german >= zipf_frequency(word.lower(), "en")


# Zipf frequency (wordfreq) from which a word is one of German's own.
GERMAN_WORD = 3.0


def _gender_of(noun: str) -> str:
    """The gender of a German body's noun by its ending (see _NEUTER_ENDS)."""
    last = noun.lower().split("-")[-1]
    if last.endswith(tuple(_NEUTER_ENDS)):
        return "n"
    return "f" if last.endswith(tuple(_FEMININE_ENDS)) else "m"


_SPOKESPERSON_OF = re.compile(
    r"(?:(?:ein|eine|eines|einer|der|die|des|dem|den)\s+)?([A-ZÄÖÜ][a-zäöüß]+?)s?-?[Ss]precher(?:in|innen|s)?"
)


# A region named as the one who speaks is its government: a Spanish autonomous community
# ("la Comunidad Valenciana", Italian "la Comunità Valenziana", "la Generalitat", "la Junta
# de Andalucía", "la Xunta"), an Italian or French region ("la Regione Toscana", "la Région
# Bretagne"). Not a community of another kind ("la Comunità Europea", "internacional").
_REGION_AS_BODY = re.compile(
    r"^(?:(?:la|el|il|l['’]|the)\s+)?(?:Generalitat|Xunta|Junta\s+de|(?:Comunidad|Comunitat|Comunità|Regione|Región|"
    r"Région|Regió)\s+(?:(?:de|di|del|della|du|de\s+la|d['’])\s*)?(?!Europ|Internacional|Internazional|Económica)"
    r"[A-ZÀ-ÝŁŚŻ])"
)


# A German compound of a body and what it gave ("laut Polizeiangaben", "nach
# Regierungsinformationen"): the body is named, unlike in "Medienberichten".
_BODY_COMPOUND = re.compile(r"([A-ZÄÖÜ][a-zäöüß]+?)s?-?(?:angaben|informationen|zahlen|daten)")


def _normalise(phrase: str) -> str | None:
    """The canonical origin of a phrase: 'der südkoreanische Geheimdienst NIS' -> 'NIS',
    'Pentagon-Sprecherin Sabrina Singh' -> 'Sabrina Singh', 'officials' -> 'Behörden'."""
    phrase = _TITLES.sub("", phrase.strip(" ,.;:\"'„“”»«()"))
    compound = _BODY_COMPOUND.fullmatch(phrase)
    if compound and known_origin(compound.group(1)):
        return known_origin(compound.group(1))
    if not phrase or VAGUE_ORIGIN.match(phrase):
        return None  # "Den Angaben zufolge", "aus Polizeikreisen": no one is named
    person = person_after_role(phrase)
    if person:
        return person
    phrase = phrase.replace("U.S.", "US")
    speaks_for = _SPOKESPERSON_FOR.match(phrase)
    if speaks_for:
        body = phrase[speaks_for.end() :]
        body = nominative(body) if speaks_for.group(1) and " " not in body else body
        return ministry(body) or body
    spokesperson = _SPOKESPERSON_OF.fullmatch(phrase)
    if spokesperson and known_origin(spokesperson.group(1).lower()):
        # "eines Polizeisprechers", "der Regierungssprecher": the body the unnamed spokesperson
        # speaks for.
        return known_origin(spokesperson.group(1).lower())
    if _REGION_AS_BODY.match(phrase):
        return "Regionalregierung"
    body = ministry(phrase)
    if body:
        return body
    known = known_origin(phrase)
    if known in BODIES_OF_A_PLACE:
        # "el Ayuntamiento de Marlingen" -> "Stadtverwaltung Marlingen": which town's
        place = [w for w in re.findall(r"[\w'’-]+", phrase) if w[0].isupper() and known_origin(w) != known]
        return f"{known} {place[-1]}" if place and place[-1].lower() not in _ARTICLES else known
    if known:
        return known
    phrase = _LOCATIVE_TAIL.sub("", _RELATIVE_TAIL.sub("", phrase))
    phrase = re.sub(r"['’]s\b", "", phrase)  # "Ukraine's" names Ukraine
    # An article in capitals ("THE town of Marlingen", a tabloid's opening) is no acronym.
    acronyms = [a for a in re.findall(r"\b([A-ZÄÖÜ]{2,6})\b", phrase) if a.lower() not in _ARTICLES]
    if acronyms and acronyms[0] not in {"US", "USA", "EU", "UK"}:
        return acronyms[0]
    words = re.findall(r"[\w'’-]+", phrase)
    while words and (words[0].lower() in _ARTICLES or words[0].lower() in _SENTENCE_ADVERBS):
        words = words[1:]
    if words and len(words) <= 3 and all(w[0].isupper() for w in words):
        return " ".join(words)  # a name as it stands: "Selenskyj", "Sabrina Singh"
    if (
        words
        and len(words) <= 5
        and words[-1][0].isupper()
        and all(w[0].isupper() or w in _NAME_PARTICLES for w in words)
    ):
        return " ".join(words)  # "Ministry of Defence", "Generalitat de Valencia"
    if len(words) == 2 and words[0].lower() in _INDEFINITE:
        return None  # "einem Krankenpfleger zufolge", "un habitant": someone, not named
    roles = [w for w in words if w.lower() in ROLE_WORDS]
    if roles and not words[0][0].isupper():
        # "il sindaco di Marlinga", "the mayor of Madrid": the role, which the claims
        # resolve to the person the report names in it, not the place.
        return roles[0].capitalize()
    capitalised = [w for w in words if w[0].isupper()]
    if capitalised and any(w[0].islower() for w in words) and _is_place(capitalised[-1]):
        return None  # "le maire de Paris", "the Paris prosecutor": who it is, not said
    return capitalised[-1] if capitalised else None


# A ministry named in any language is shown by its German name, with the country a word
# of the phrase names ("The Romanian Interior Ministry", "le ministère roumain de
# l'Intérieur" -> "Innenministerium (Rumänien)"). The US Department of Defense is the
# Pentagon (GAZETTEER).
_MINISTRY = re.compile(
    r"(?i)(?<!\w)(?:ministry|ministère|ministerio|ministero|ministério|ministerstw\w*|ministerie|ministerium|"
    r"department)(?!\w)"
)
_MINISTRY_KINDS = [
    (
        "Innenministerium",
        r"interior|intérieur|interno|interna|internal affairs|home affairs|wewnętrznych|"
        r"binnenlandse|innern",
    ),
    ("Verteidigungsministerium", r"defen[cs]e|défense|armées|defensa|difesa|defesa|obrony|defensie"),
    (
        "Außenministerium",
        r"foreign|affaires étrangères|asuntos exteriores|relaciones exteriores|esteri|"
        r"negócios estrangeiros|relações exteriores|zagranicznych|buitenlandse|auswärtigen",
    ),
    ("Gesundheitsministerium", r"health|santé|sanidad|salud|salute|saúde|zdrowia|volksgezondheid|gesundheit"),
]
_MINISTRY_KIND = [(name, re.compile(rf"(?i)(?<!\w)(?:{words})")) for name, words in _MINISTRY_KINDS]


# A country's armed forces and intelligence service, named by their kind in any language
# ("the Russian military", "l'armée ukrainienne", "el servicio de inteligencia británico"):
# no ministry word needed.
_FORCE_KINDS = [
    (
        "Geheimdienst",
        r"intelligence(?: agency| service)?|spy agency|renseignement|inteligencia|inteligência|wywiad\w*|"
        r"inlichtingendienst|servizi segreti|services secrets|servicio secreto|geheimdienst\w*",
    ),
    (
        "Militär",
        r"military|army|armed forces|armée|forces armées|ejército|fuerzas armadas|esercito|forze armate|"
        r"wojsko|armia|siły zbrojne|exército|forças armadas|leger|krijgsmacht|streitkräfte|armee",
    ),
]
_FORCE_KIND = [(name, re.compile(rf"(?i)(?<![\w-])(?:{words})(?![\w-])")) for name, words in _FORCE_KINDS]


def ministry(phrase: str) -> str | None:
    """A ministry's German name, or a country's armed forces or intelligence service, with
    its country if the phrase names one; a body the gazetteer names wins ("the US
    Department of Defense" is the Pentagon, "South Korea's spy agency" the NIS)."""
    known = known_origin(phrase)
    if known in GAZETTEER and known not in GENERIC_ORIGINS and known != "Regierung":
        return None
    kinds = _MINISTRY_KIND if _MINISTRY.search(phrase) else _FORCE_KIND
    kind, words = next(((name, words) for name, words in kinds if words.search(phrase)), (None, None))
    if kind is None:
        return None
    rest = _MINISTRY.sub(" ", words.sub(" ", phrase))  # "armée" names no Armenia
    countries = {c for w in re.findall(r"[^\W\d_]{4,}", rest) if (c := country_of(w))}
    if len(countries) == 1:
        return f"{kind} ({countries.pop()})"
    # A ministry is one without its country too; "intelligence", "the military" alone
    # name no one in particular.
    return kind if kinds is _MINISTRY_KIND else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country names in the languages the claims read, lower-cased -> the German name."""
    from babel import Locale

    german = Locale("de").territories
    return {
        name.lower(): german[code]
        for lang in _CALENDAR_LANGUAGES
        for code, name in Locale(lang).territories.items()
        if code.isalpha() and len(code) == 2 and code in german and code not in NOT_COUNTRIES
    }


# CLDR's territories that are no country: "Unbekannte Region" (ZZ) made every place opening
# with "Region" one place, shown as "Unbekannte Region"; unions and the UN are bodies.
NOT_COUNTRIES = frozenset({"ZZ", "QO", "EU", "EZ", "UN"})


@lru_cache(maxsize=4096)
def country_of(word: str) -> str | None:
    """The German name of the country a word names or is the adjective of, in any of the
    claims' languages ("Romanian", "roumain", "rumano", "Rumänien" -> "Rumänien"): the
    country whose name shares the longest opening with it, at least four letters and all
    but its last four (five letters, or four of a short name: not "Grande" for Granada)."""
    lower = word.lower()
    best, length, tie = None, 0, False
    for name, german in _country_names().items():
        n = 0
        for a, b in zip(lower, name, strict=False):
            if a != b:
                break
            n += 1
        if (n >= 5 or n == 4 and n >= len(name) - 2) and n >= len(name) - 4 and " " not in name:
            if n > length:
                best, length, tie = german, n, False
            elif n == length and german != best:
                tie = True
    return None if tie else best


# Bodies every town or district has: shown with the place the phrase names.
BODIES_OF_A_PLACE = {"Staatsanwaltschaft", "Stadtverwaltung", "Präfektur"}
_INDEFINITE = {
    "ein",
    "eine",
    "einem",
    "einer",
    "eines",
    "einen",
    "a",
    "an",
    "un",
    "une",
    "uno",
    "una",
    "um",
    "uma",
    "een",
}


def _is_place(word: str) -> bool:
    from lagebild.entities import classify

    return word in classify([word]).places  # the whole name: "Ribera" of "Tomás Ribera" is none


def is_town(name: str) -> bool:
    """Whether a name is a place that is no country or region of CLDR's (a town, a
    district): a place that may speak through its bodies, never itself."""
    return _is_place(name) and not any(name == n for _, n in territories())


def known_origin(phrase: str) -> str | None:
    """The gazetteer's name for the longest known origin anywhere in a phrase, if any. An
    acronym of up to three letters counts only in capitals: "un habitant", "uno de los
    testigos" open with an article, not with the UN."""
    lower = phrase.lower()
    found = [
        m.group(1)
        for m in _VARIANTS.finditer(lower)
        if not (len(m.group(1)) <= 3 and _VARIANT[m.group(1)].isupper())
        or len(lower) != len(phrase)
        or phrase[m.start(1) : m.end(1)].isupper()
    ]
    return _VARIANT[max(found, key=len)] if found else None


def person_after_role(phrase: str) -> str | None:
    """'Feuerwehrchef Chad Augustin' -> 'Chad Augustin': names after a role word."""
    words = re.findall(r"[\w'’.-]+", phrase)
    for i, w in enumerate(words[:-1]):
        if is_role(w):
            names = []
            rest = words[i + 1 : i + 5]
            while rest and is_role(rest[0]) and not rest[0][0].isupper():
                rest = rest[1:]  # "il cardinale camerlengo Farrell": roles in a row
            if len(rest) > 1 and sum(c.isupper() for c in rest[0]) >= 2:
                rest = rest[1:]  # "Rzecznik MSWiA Jacek Dobrzyński": the body spoken for
            # ... or lower-case words of whom the role is, in a language without articles
            # ("rzecznik policji Marek Nowak", "wojewoda dolnośląski Maciej Awiżeń"); not a
            # particle ("der Sheriff des Bezirks L.A. County").
            skipped = 0
            while (
                len(rest) > 1 and skipped < 2 and rest[0].islower() and rest[0] not in _PARTICLES_AFTER_ROLE
            ):
                rest, skipped = rest[1:], skipped + 1
            if skipped and not (len(rest) > 1 and rest[0][0].isupper() and rest[1][0].isupper()):
                continue  # a first name and a surname after them, else no name ("said Sunday")
            for nxt in rest[:3]:
                if not nxt[0].isupper() or nxt.lower() in _VARIANT:
                    break
                names.append(nxt)
            if names:
                return " ".join(names)
    return None


_PARTICLES_AFTER_ROLE = (
    _NAME_PARTICLES | _ARTICLES | {"for", "at", "in", "im", "am", "zu", "bei", "w", "na", "a"}
)


_ROLE_END = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(ROLE_WORDS, key=len, reverse=True))) + ")(?:en|n|s|es)?$"
)


@lru_cache(maxsize=8192)
def is_role(word: str) -> bool:
    """Whether a word names a role ("Bürgermeisterin", "presidente", "deputy mayor"'s "mayor"),
    in a German case too ("des ukrainischen Präsidenten")."""
    return bool(_ROLE_END.search(word.lower()))


def same_origin(a: str, b: str) -> bool:
    """Whether two normalised origins name the same one (aliases and transliterations)."""
    if a == b:
        return True
    ka, kb = spelling_key(a.split()[-1]), spelling_key(b.split()[-1])
    return _close(ka, kb)


def _letters(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.lower())


def canonical_origins(origins: list[str]) -> dict[str, str]:
    """Map each origin to the most frequent spelling among those that are the same origin
    (of a person, the most frequent full name); a person named by one word of their name
    ("Lee" beside "Lee Seong-kweun", "Luna" beside "Robert Luna") takes the full name,
    when one name of the story has that word first or last and the word names no known
    body."""
    counts: dict[str, int] = {}
    for o in origins:
        counts[o] = counts.get(o, 0) + 1
    groups: list[list[str]] = []
    for o in sorted(counts, key=lambda x: (-counts[x], x)):
        for group in groups:
            # "Yoon Suk Yeol" and "Yoon Suk-yeol": one name, spaced and hyphenated two ways
            if same_origin(group[0], o) or _letters(group[0]) == _letters(o):
                group.append(o)
                break
        else:
            groups.append([o])
    # A reader knows a person by the full name: the most frequent spelling with more than
    # one word stands for its group ("Kevin Farrell", not "Farrell").
    heads = [next((o for o in g if " " in o), g[0]) if not is_known(g[0]) else g[0] for g in groups]
    canon = {o: head for head, group in zip(heads, groups, strict=True) for o in group}
    for o in canon:
        if o.endswith("s") and o[:-1] in canon:
            canon[o] = canon[o[:-1]]  # a German genitive ("nach Einschätzung Seouls")
    # (Not a body of a country: "Innenministerium" in one report may be another country's.)
    names = {o for o in canon.values() if " " in o and not is_known(o) and "(" not in o}
    for o, head in canon.items():
        # (A town's body named without its town is the one of the town the story names.)
        if " " not in head and (not is_known(head) or head in BODIES_OF_A_PLACE):
            full = [n for n in names if head in (n.split()[0], n.split()[-1])]
            if len(full) == 1:
                canon[o] = full[0]
    return canon


# Runs of capitalised words: the names a report writes, in any Latin or Cyrillic script.
_UPPER = "[" + re.escape("".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper())) + "]"
_NAME_RUN = re.compile(rf"(?<![\w'’-]){_UPPER}[\w'’-]*(?:\s+{_UPPER}[\w'’-]*)*")
# Case and gender endings that languages put on a name's words ("Gwardia Cywilna",
# "Guardia Civil", "Guarda Civil"): the stem compares.
_INFLECTION = re.compile(r"(?:na|ne|ny|no|ni|nej|ego|ej|[aeiouąę])+$")
_LOOSE = str.maketrans({"y": "i", "k": "c", "q": "c", "v": "u"})


@lru_cache(maxsize=65536)
def _stem_key(word: str) -> str:
    """A word's key across languages and their endings: Gwardia, Guardia, Guarda ->
    'guard'; Cywilna, Civil -> 'ciuil' (spelling_key with v and u, y and i as one letter)."""
    key = spelling_key(word).translate(_LOOSE)
    return _INFLECTION.sub("", key) or key


def _same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(x == y or _close(x, y) for x, y in zip(a, b, strict=True))


def story_forms(origins: set[str], reports: list[tuple[str, str | None, set[str]]]) -> dict[str, str]:
    """One name per origin within a story, as a German reader should read it: a name of
    several words that no German report gives as an origin takes the spelling, among the
    story's reports, of a German report if one writes it, else the one most reports write
    ("Gwardia Cywilna" in a Polish report, "Guardia Civil" elsewhere -> "Guardia Civil"),
    an English report's on a tie. Spellings are one name when each word's stem is
    (_stem_key). ``reports`` are (text, language, the origins the report gives itself).
    Known bodies (GAZETTEER) and acronyms keep their name."""
    wanted = {
        o: tuple(_stem_key(w) for w in o.split())
        for o in origins
        if " " in o
        and not is_known(o)
        and not o.isupper()
        and not any(lang == "de" and o in own for _, lang, own in reports)
    }
    if not wanted:
        return {}
    lengths = {len(k) for k in wanted.values()}
    # form -> (languages of the reports that write it, how many reports)
    seen: dict[str, dict[str, set[str] | int]] = {}
    for text, lang, _ in reports:
        forms = set()
        for run in _NAME_RUN.findall(text):
            words = run.split()
            for n in lengths:
                forms.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
        for form in forms:
            entry = seen.setdefault(form, {"languages": set(), "reports": 0})
            entry["languages"].add(lang)
            entry["reports"] += 1
    out = {}
    for origin, key in wanted.items():
        forms = [f for f in seen if _same_words(key, tuple(_stem_key(w) for w in f.split()))]
        if not forms:
            continue
        best = max(
            forms,
            key=lambda f: (
                "de" in seen[f]["languages"],
                seen[f]["reports"],
                "en" in seen[f]["languages"],
                f == origin,
            ),
        )
        if best != origin:
            out[origin] = best
    return out


def full_names(origins: set[str], texts: list[str]) -> dict[str, str]:
    """A person the story's claims name by one word takes the full name the story's
    reports write for it ("Biden" -> "Joe Biden" from "Präsident Joe Biden"), when they
    write exactly one (not "Joe Biden" beside "Jill Biden"); role words before it are no
    part of it. Known bodies, acronyms and places keep their name."""
    single = {o for o in origins if " " not in o and not is_known(o) and not o.isupper() and not _is_place(o)}
    if not single:
        return {}
    found: dict[str, set[str]] = {o: set() for o in single}
    for text in texts:
        for run in _NAME_RUN.findall(text):
            words = run.split()
            for k, w in enumerate(words):
                if k and w in single:
                    name = _person(words[max(0, k - 2) : k + 1])
                    if name:
                        found[w].add(name)
    return {o: names.pop() for o, names in found.items() if len(names) == 1}


def _person(words: list[str]) -> str | None:
    """A first name and the last word, or failing that the run of three, when it names a
    person, roles and titles before it dropped ("US-Präsident Joe Biden" -> "Joe Biden";
    not "Francji Emmanuel Macron", a Polish "of France" before the name)."""
    from lagebild.entities import classify

    while words and (is_role(words[0]) or _TITLES.match(words[0] + " X")):
        words = words[1:]
    for start in range(len(words) - 2, -1, -1):
        name = " ".join(words[start:])
        if name in classify([name]).people:
            return name
    return None
