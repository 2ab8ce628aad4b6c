"""Quantities in news sentences of the languages we read: value or range, hedge, what is counted.

The number forms, hedges and counted things are written by hand: the parsers on PyPI
(quantulum3, number-parser) know English units but not the forms news write ("10.000",
"3,5 Mio.", "11.000 bis 12.000", "12 000") nor their hedges ("rund", "au moins").
Language data comes from libraries where one has it: number words from text2num
(German, English, French, Spanish, Italian, Portuguese, Dutch; a few Polish, Czech,
Russian and Turkish ones by hand), and from CLDR through babel the month and weekday
names, scale words ("Mio.", "tys.", "mil millones"), decimal marks and the words of
units of time and measure ("ans", "dni", "milímetros"). Dates, clock times, ranks and
names with a number ("A-3", "COP29") are not quantities and are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import alpha2digit, find_numbers


def _table(text: str) -> dict[str, str]:
    """A table written as words and values: in "a b:x c:y", a and b are x, c is y."""
    out, words = {}, []
    for token in text.split():
        word, _, value = token.partition(":")
        words.append(word)
        if value:
            out.update(dict.fromkeys(words, value))
            words = []
    return out


def _numbers(text: str) -> dict[str, float]:
    return {w: float(v) for w, v in _table(text).items()}


# Languages whose CLDR words we read; where the language is not known, the first one
# that has a word says what it means.
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "tr", "cs", "ru", "uk", "ro", "sk")
_TEXT2NUM = frozenset({"de", "en", "fr", "es", "it", "pt", "nl"})
# Small number words text2num does not know (inflected forms share a value); a run of
# them adds up ("dwadzieścia trzy") and a thousand multiplies ("trzy tysiące").
_SMALL_NUMBERS = {
    "pl": "dwa dwie dwóch dwoma:2 trzy trzech trzema:3 cztery czterech czterema:4 pięć pięciu:5 "
    "sześć sześciu:6 siedem siedmiu:7 osiem ośmiu:8 dziewięć dziewięciu:9 dziesięć dziesięciu:10 "
    "jedenaście jedenastu:11 dwanaście dwunastu:12 piętnaście piętnastu:15 dwadzieścia dwudziestu:20 "
    "trzydzieści trzydziestu:30 czterdzieści czterdziestu:40 pięćdziesiąt pięćdziesięciu:50 "
    "sześćdziesiąt:60 siedemdziesiąt:70 osiemdziesiąt:80 dziewięćdziesiąt:90 sto stu:100 "
    "dwieście dwustu:200 trzysta trzystu:300 tysiąc tysiące tysięcy:1000",
    "cs": "dva dvě dvou dvěma:2 tři tří třem:3 čtyři čtyř:4 pět pěti:5 šest šesti:6 sedm sedmi:7 "
    "osm osmi:8 devět devíti:9 deset deseti:10 jedenáct:11 dvanáct dvanácti:12 patnáct:15 "
    "dvacet dvaceti:20 třicet:30 čtyřicet:40 padesát:50 šedesát:60 sedmdesát:70 osmdesát:80 "
    "devadesát:90 sto sta:100 tisíc tisíce:1000",
    "ru": "два две двух двумя:2 три трех трёх тремя:3 четыре четырех четырёх:4 пять пяти:5 "
    "шесть шести:6 семь семи:7 восемь восьми:8 девять девяти:9 десять десяти:10 одиннадцать:11 "
    "двенадцать двенадцати:12 пятнадцать:15 двадцать двадцати:20 тридцать:30 сорок сорока:40 "
    "пятьдесят:50 шестьдесят:60 семьдесят:70 восемьдесят:80 девяносто:90 сто ста:100 "
    "тысяча тысячи тысяч:1000",
    "tr": "iki:2 üç:3 dört:4 beş:5 altı:6 yedi:7 sekiz:8 dokuz:9 on:10 yirmi:20 otuz:30 kırk:40 "
    "elli:50 altmış:60 yetmiş:70 seksen:80 doksan:90 yüz:100 bin:1000",
}
# Round numbers after an article ("un millier", "une quarantaine", "una decena"): about as many.
_ROUND = _numbers(
    "dizaine decena decina dezena:10 douzaine docena dozzina dúzia dozen dutzend:12 quinzaine:15 "
    "vingtaine veintena ventina vintena:20 trentaine treintena trentina:30 quarantaine:40 "
    "cinquantaine cinquantina:50 soixantaine:60 centaine centenar centinaio centena:100 "
    "millier millar migliaio milhar:1000"
)
# Vague plurals: a lower bound, and the word itself as the hedge.
_VAGUE_WORDS = {
    "de": "dutzende:24 hunderte:200 tausende:2000 zehntausende:20000 hunderttausende:200000",
    "en": "dozens:24 hundreds:200 thousands:2000",
    "fr": "dizaines:20 centaines:200 milliers:2000",
    "es": "decenas:20 centenares cientos:200 miles:2000",
    "it": "decine:20 centinaia:200 migliaia:2000",
    "pt": "dezenas:20 centenas:200 milhares:2000",
    "pl": "dziesiątki:20 setki:200 tysiące:2000",
    "nl": "tientallen:20 honderden:200 duizenden:2000 tienduizenden:20000 honderdduizenden:200000",
    "cs": "desítky:20 stovky:200 tisíce:2000",
    "ru": "десятки:20 сотни:200 тысячи:2000",
    "tr": "onlarca:20 yüzlerce:200 binlerce:2000",
}
_VAGUE_PHRASES = {"tens of thousands": 20_000.0, "hundreds of thousands": 200_000.0}
# "several hundred", "mehrere tausend", "einige hundert": a multiple of the number no one
# counted, as vague as "hundreds".
_SEVERAL = frozenset({"several", "mehrere", "einige"})
_ALL_VAGUE = {w: v for table in _VAGUE_WORDS.values() for w, v in _numbers(table).items()} | _VAGUE_PHRASES
# Beside CLDR's scale words: forms it lacks, and what they mean in a sentence of unknown language.
_SCALES = _numbers(
    "million millionen mio millones:1e6 milliarde milliarden mrd billion bn:1e9 tausend thousand mil:1e3"
)

# Hedges before a number, by what they allow: a lower bound, an upper bound, or a value
# near the number. German and English, then French, Spanish, Italian, Portuguese, Polish,
# Dutch, Czech, Russian and Turkish.
LOWER_BOUND = frozenset(
    "mehr als|mindestens|über|gut|more than|at least|over|au moins|plus de|más de|al menos|por lo menos|"
    "almeno|più di|oltre|pelo menos|mais de|co najmniej|ponad|minstens|meer dan|ruim|zeker|nejméně|"
    "více než|přes|не менее|более|свыше|по меньшей мере|en az|أكثر من|ما لا يقل عن|على الأقل".split("|")
)
# "jusqu'à", "hasta", "fino a", "do", "tot" also mean "rose to": not bounds.
UPPER_BOUND = frozenset(
    "weniger als|bis zu|höchstens|unter|nicht mehr als|moins de|menos de|meno di|up to|at most|fewer than|"
    "less than|as many as|minder dan|mniej niż|méně než|менее".split("|")
)
NEAR = frozenset(
    "rund|etwa|ca.|circa|zirka|ungefähr|knapp|fast|beinahe|schätzungsweise|an die|about|around|roughly|"
    "approximately|nearly|almost|some|an estimated|estimated|environ|près de|quelque|presque|quasiment|"
    "unos|unas|cerca de|alrededor de|aproximadamente|casi|quasi|quase|około|prawie|blisko|niemal|ongeveer|"
    "bijna|zo'n|téměř|zhruba|přibližně|около|почти|примерно|yaklaşık|حوالي|نحو|قرابة".split("|")
) | frozenset(_ROUND)
# The German ones among them, which a German text may show as they stand.
GERMAN_HEDGES = frozenset(
    "mehr als|mindestens|über|gut|weniger als|bis zu|höchstens|unter|nicht mehr als|rund|etwa|ca.|circa|"
    "zirka|ungefähr|knapp|fast|beinahe|schätzungsweise|an die|mehrere|einige".split("|")
)
_APPROX = sorted((LOWER_BOUND | UPPER_BOUND | NEAR | {"mehrere", "einige", "several"}) - set(_ROUND))
# "rund 10.000" allows five per cent either way: enough for rounding, while
# 10.000 against 11.000 to 12.000 stays a contradiction.
NEAR_TOLERANCE = 0.05

# What is counted, to a canonical German name: the first word after the number that is
# in this table (adjectives such as "nordkoreanische" are skipped). German and English,
# then French, Spanish, Italian, Portuguese, Polish, Dutch, Czech, Russian, Turkish and
# Romanian forms. Units of time and measure come from CLDR (_CLDR_UNITS); here are only
# the forms it lacks (German datives, Polish cases, compounds).
UNITS = {
    "Soldaten": "soldat soldaten soldier soldiers troops truppen kämpfer fighters soldats soldados soldati "
    "żołnierzy żołnierze militares militaires militari vojáků военных солдат asker",
    "Tote": "tote toten todesopfer todesopfern todesfall todesfälle todesfällen opfer deaths dead killed "
    "lives leichen menschenleben vidas vies vite życia levens "
    "fatalities casualties victims muertos morts décès victimes fallecidos fallecimientos muertes víctimas "
    "morti vittime mortos vítimas mortes óbitos ofiar ofiary zabitych doden dodelijke mrtvých obětí "
    "погибших жертв ölü قتيلا قتيلاً قتلى ضحية ضحايا",
    "Verletzte": "verletzte verletzten verwundete verwundeten wounded injured schwerverletzte blessés "
    "heridos feriti feridos rannych gewonden zraněných раненых пострадавших yaralı "
    "جريحا جريحاً جرحى مصابا مصاباً مصابين",
    "Menschen": "menschen personen people persons bewohner residents einwohner personas personnes habitants "
    "persone abitanti pessoas habitantes osób osoby osobach ludzi mensen inwoners lidí osob obyvatel "
    "человек людей жителей kişi insan oameni persoane ľudí شخص شخصا شخصاً أشخاص",
    "Kinder": "kinder kindern children enfants niños bambini crianças dzieci kinderen dětí детей çocuk",
    "Gebäude": "gebäude häuser häusern bauwerke structures buildings homes houses wohnungen estructuras "
    "edificios viviendas casas bâtiments maisons logements habitations edifici abitazioni edifícios "
    "moradias budynków domów gebouwen huizen woningen budov domů зданий домов bina locuinţe locuințe",
    "Abgeordnete": "abgeordnete abgeordneten lawmakers deputies members mitglieder parlamentarier sitze "
    "sitzen seats députés sièges diputados escaños deputati seggi deputados posłów posłowie mandatów "
    "kamerleden zetels poslanců křesel депутатов milletvekili",
    "Fahrzeuge": "fahrzeuge fahrzeugen vehicles autos cars véhicules voitures vehículos coches veicoli "
    "veículos carros pojazdów samochodów voertuigen vozidel автомобилей araç",
    "Haushalte": "haushalte haushalten households foyers ménages hogares famiglie domicílios gospodarstw "
    "huishoudens domácností домохозяйств hane",
    # People who had to leave their homes, named by a noun ("3.000 sfollati", "1,600 evacuees");
    # a count of people with a verb of evacuation is read as such in _state.
    "Evakuierte": "evakuierte evakuierten vertriebene vertriebenen evacuees évacués évacuées evacuados "
    "evacuadas desalojados desplazados sfollati evacuati ewakuowanych ewakuowani geëvacueerden "
    "evakuovaných эвакуированных",
    "Vermisste": "vermisste vermissten missing disparus disparues desaparecidos desaparecidas dispersi "
    "disperse zaginionych vermisten pohřešovaných пропавших kayıp مفقودا مفقوداً مفقودين",
    "Brände": "brände bränden fires feuer incendies incendios incendi incêndios pożarów branden",
    "Passagiere": "passagiere fahrgäste passengers passagers pasajeros passeggeri passageiros pasażerów "
    "pasażerami passagiers cestujících пассажиров yolcu",
    "Einsatzkräfte": "einsatzkräfte feuerwehrleute rettungskräfte helfer firefighters rescuers pompiers "
    "secouristes bomberos rescatistas socorristas soccorritori bombeiros strażaków ratowników "
    "brandweerlieden reddingswerkers hasičů спасателей пожарных",
    "Gläubige": "gläubige gläubigen pilger faithful worshippers pilgrims fidèles pèlerins fieles peregrinos "
    "fedeli pellegrini fiéis wiernych pielgrzymów gelovigen pelgrims",
    "Länder": "länder ländern countries pays países paesi krajów landen zemí стран ülke",
    "Jahre": "jahren lata latach latami jährig jährige jährigen jähriger jähriges jährigem letni letnia "
    "letniego letniej letnie jarig jarige",
    "Tage": "tagen dni dniach dniami",
    "Kilometer": "kilometern kilometres km",
    "Meter": "metern metres m",
    "Millimeter": "millimetern",
    "Liter": "litern",
}
# Units of more than one word that CLDR lacks.
_UNIT_PHRASES = {
    "%": ("per cent", "per cento"),
    "km/h": ("kilometern pro stunde", "stundenkilometer", "kilometres per hour", "kilometres an hour"),
    "mph": ("miles an hour",),
}
_UNIT_OF = {w: canon for canon, words in UNITS.items() for w in words.split()}
_UNIT_OF |= {phrase: canon for canon, phrases in _UNIT_PHRASES.items() for phrase in phrases}
# CLDR unit -> canonical name. A litre per square metre of rain is a millimetre (_unit_word).
_CLDR_UNITS = _table(
    "duration-year:Jahre duration-month:Monate duration-week:Wochen duration-day:Tage duration-hour:Stunden "
    "duration-minute:Minuten length-millimeter:Millimeter length-centimeter:Zentimeter length-meter:Meter "
    "length-kilometer:Kilometer length-mile:Meilen area-hectare:Hektar area-acre:Acres "
    "area-square-kilometer:Quadratkilometer area-square-mile:Quadratmeilen volume-liter:Liter "
    "mass-tonne:Tonnen speed-kilometer-per-hour:km/h speed-mile-per-hour:mph concentr-percent:%"
)
# CLDR's unit words of one or two letters that are no common word ("a" is "an" in French).
_SYMBOLS = {"mm", "cm", "km", "ha", "m²", "km²", "km/h", "mph", "%"}
_CURRENCIES = _table(
    "$ us-$ us$ dollar us-dollar dollars dólares dollari dolarów dolarů долларов dolar:USD "
    "€ euro euros:EUR £:GBP r$ reais:BRL zł złotych:PLN"
)

# Thousands separators the web writes: dot, comma, space, no-break and narrow no-break
# and thin spaces (French), apostrophes (Swiss: 2'000).
_GROUP = ".,\u00a0\u202f\u2009 '’"
# A number as written: 10.000 / 10 000 / 10,000 / 2'000 / 3,5 / 3.5 / 1.5M / 2000; not
# part of a name ("A-3", "COP29").
_NUM = rf"(?<!\w)(?<![^\W\d_]-)(?:\d{{1,3}}(?:[{_GROUP}]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_APPROXES = "|".join(re.escape(a) for a in sorted(_APPROX, key=len, reverse=True))
_CURRENCY = r"(?:US-?\$|R\$|\$|€|£)"
_BETWEEN = r"zwischen|between|entre|tra|fra|między|tussen|mezi|между|от"
# Range words between two numbers; "and" makes a range only after "between".
_TO = r"bis|to|à|a|al|hasta|do|tot|až|до|-|–|—"
_AND = r"und|and|et|y|e|i|en|a|ve|и"
_AND_WORD = re.compile(rf"(?!(?:{_TO})$)(?:{_AND})", re.IGNORECASE)
_AND_ONLY = re.compile(rf"\s*(?:{_AND}|oder|or|ou|o|lub)\s*", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(rf"(?<![^\W\d_])({_APPROXES})\s+$", re.IGNORECASE)
_ROUND_WORD = re.compile(
    rf"(?<![^\W\d_])(?:un|une|una|uno|um|uma|a|ein|een)\s+({'|'.join(_ROUND)})(?![^\W\d_])", re.IGNORECASE
)
_DOZEN = re.compile(
    r"\s+(?:dozens?|dutzend|douzaines?|docenas?|dozzin[ae]|dúzias?|tuzin\w*|dozijn)\b", re.IGNORECASE
)

# "der 5. Mal", "266. następca", "der 46. Präsident": a rank; a lower-case word after the
# dot is no new sentence, nor is a German noun that ranks (a holder of an office: milestones).
_ORDINAL_AFTER = re.compile(
    r"^\.\s*(?:[^\W\d_A-ZÄÖÜÀ-ÝĄĆĘŁŃŚŹŻА-Я]|Mal\b|Jahrhundert|Liga|Stock|Platz|Runde|"
    r"(?:Papst|Präsident|Präsidentin|Nachfolger|Nachfolgerin|Kanzler|Kanzlerin|Oberhaupt|König|Königin)\b)"
)
# "266th", "3rd", "21e", "266ème", "2º", "1ª", "5-ten": a rank, not a count.
_ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th|e|er|ère|ème|eme|º|ª|°(?![CF]))(?![\w])", re.IGNORECASE)
# Clock times, where a number starts: "19h20", "21:37", "20 Uhr", "7.35 rano", "07.35'te";
# after a cue: "à 20 heures", "o 7.35", "alle 7,35", "a las 19". Never a count.
# ("am" alone is German "on the": "3 am Kopf verletzt".)
_CLOCK_WORDS = r"Uhr|h|hs|o'clock|a\.m\.|p\.m\.|(?<=\d)[ap]m|GMT|UTC|MEZ|rano"
_HOUR_WORDS = r"heures?|horas?|ore|uur|godzinie"
_CLOCK_END = rf"(?=\s*(?:{_CLOCK_WORDS}|{_HOUR_WORDS})(?!\w)|\s*[^\s\w]|\s*$|\s+[^\W\d_]{{1,2}}(?![^\W\d_]))"
_CLOCK = re.compile(
    rf"\d{{1,2}}\s?h\s?[0-5]\d(?!\d)|\d{{1,2}}:[0-5]\d(?![\d:])|\d{{1,2}}[.,][0-5]\d(?=['’]\w)"
    rf"|(?:[01]?\d|2[0-4])(?:[.,][0-5]\d)?\s*(?:{_CLOCK_WORDS})(?![^\W\d_])",
    re.IGNORECASE,
)
_CUED_CLOCKS = [
    (re.compile(cue, re.IGNORECASE), re.compile(clock, re.IGNORECASE))
    for cue, clock in [
        (r"(?<![^\W\d_])(?:à|a|às|alle|om|um|o)\s+$", rf"\d{{1,2}}\s*(?:{_HOUR_WORDS})(?![^\W\d_])"),
        (r"(?<![^\W\d_])(?:o|um|at|à|às|om|в|v)\s+$", rf"\d{{1,2}}[.:][0-5]\d(?![\d.,]){_CLOCK_END}"),
        (
            r"(?<![^\W\d_])(?:alle\s+ore|alle|ore|a\s+las|às|o\s+godz(?:inie|\.)|godz\.|saat|hacia\s+las|"
            r"verso\s+le|por\s+volta\s+das|desde\s+las|hasta\s+las)\s+$",
            rf"\d{{1,2}}(?:[.,:h][0-5]\d)?(?![\d.,]?\d){_CLOCK_END}",
        ),
    ]
]
_NUMERIC_DATE = re.compile(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)|\d{4}-\d{2}-\d{2}(?!\d)|\d{1,2}\.\d{1,2}\.(?!\d)"
)
_DAY = re.compile(r"\d{1,2}(?!\d|[.,]\d)(?:st|nd|rd|th)?")
# What may stand before a number: a hedge, "between", a currency, a per cent sign.
_PREFIX = re.compile(
    rf"(?:(?<![^\W\d_])(?P<approx>{_APPROXES})\s+)?(?:(?<![^\W\d_])(?P<between>{_BETWEEN})\s+)?"
    rf"(?P<cur>{_CURRENCY})?\s?(?P<pctb>%\s?|yüzde\s+)?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"1[89]\d\d|20\d\d")

_TOLL_BEFORE = re.compile(
    r"(?:Zahl der (?:\w+ ){0,4}(?:Toten|Todesopfer|getöteten)|Todeszahl|death toll|number of (?:dead|deaths)|"
    r"nombre de morts|bilan|número de (?:muertos|fallecidos|víctimas|mortos)|balance|"
    r"numero (?:dei|delle) (?:morti|vittime)|bilancio|liczba (?:ofiar|zabitych)|dodental|can kaybı)[^.\d]*$",
    re.IGNORECASE,
)
# An earthquake's magnitude, named before or after its figure in the languages read.
_MAGNITUDE_BEFORE = re.compile(
    r"(?:stärke|magnitude|magnitud|magnitudo|magnitudzie|sile|sterkte|kracht|síle|силой|магнитудой)"
    r"\s*(?:von|of|de|di|van|od)?\s*$",
    re.IGNORECASE,
)
_QUAKE = re.compile(
    r"beben|earthquake|quake|séisme|tremblement|terremoto|sismo|sisma|trzęsien|deprem|aardbeving|"
    r"zemětřesení|землетрясени|richter",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER = re.compile(
    r"\s*-?\s*(?:magnitude|büyüklüğünde|auf der richter|on the richter|sur l['’]échelle de richter|"
    r"en la escala de richter|della scala richter|w skali richtera|op de schaal van richter)",
    re.IGNORECASE,
)
# "Die Zahl der Vermissten", "the number of missing", "le nombre de blessés": a count named
# before its figure ("... liegt bei 89", "stands at 89").
_NUMBER_OF = re.compile(
    r"\b(?:zahl|anzahl|number|nombre|número|numero|liczba|aantal)\s+(?:(?:der|des|of|the|de|des|di|dei|"
    r"degli|delle|do|dos|das|van|los|las)\s+){0,2}([^\W\d_]+)[^.\d]*$",
    re.IGNORECASE,
)
_COUNTED_ARE = re.compile(
    r"\b([^\W\d_]+)\s+(?:sono|sind|are|were|son|sont|são|zijn|waren|erano|eran|foram|étaient|ascienden a|"
    r"salgono a|s'élèvent à|stiegen auf|rose to)\s*$",
    re.IGNORECASE,
)
_WOUND_VERBS = re.compile(
    r"\b(verwundet|verletzt|wounded|injured|blessé|herid|ferit|ferid|rann|gewond|zraněn|ранен|пострадал|yaralan)|أصيب|بجروح|جرحى|إصابة",
    re.IGNORECASE,
)
_DEATH_VERBS = re.compile(
    r"\b(getötet|ums Leben|gestorben|starben|tot\b|gefallen|Leben verloren|Leben gekostet|getöteten|"
    r"Todesopfer|Todeszahl|killed|killing|died|dead|death toll|claimed \w+ lives|lives lost|lost their lives|"
    r"morts?\b|mortes\b|décédé|tué|tuant|uccis|asesinad|perdu la vie|muert[oa]s?\b|fallecid|murieron|"
    r"fallecieron|perdieron la vida|"
    r"mort[ie]\b|morirono|decedut|perso la vita|morreram|mortos\b|perderam a vida|zginęł|zginął|zmarł|"
    r"omgekomen|om het leven|overleden|gedood|zemřel|zahynul|погиб|умер|öldü|hayatını kaybet|"
    r"coûté la vie|costó la vida|costato la vita|custou a vida|het leven gekost|mortal(?:es|i)\b|śmierteln|"
    # perished
    r"péri\b|périrent|perished|perecieron|pereció|perito|periti|pereceram|pereceu|umkamen|umgekommen)"
    # Arabic writes its prepositions and articles onto the word ("بمقتل", "by the killing of").
    r"|مقتل|مصرع|حتفه|وفاة|توفي|قتلى",
    re.IGNORECASE,
)
# Arabic puts "at least" after the counted noun ("95 شخصا على الأقل").
_HEDGE_AFTER = re.compile(r"\s*(?:[^\W\d_]+\s+)?(على الأقل)(?![^\W\d_])")
# What else happens to the people a disaster report counts, and is counted apart: brought
# to safety, and held where they are (on roads, in buildings, by water). "vast" is Dutch
# only right after its noun ("1200 mensen vast"): in English it is an adjective; "fest"
# only after sitting or being stuck ("saßen in ihren Autos fest"), not after an arrest
# ("nahm zwölf Menschen fest").
_EVACUATED_VERBS = re.compile(
    r"\b(evakuier|in Sicherheit (?:gebracht|bringen)|evacua|evacue|évacu|ewakuowa|geëvacueerd|evakuov|"
    r"эвакуир|tahliye|"
    # driven from their homes: displaced, made to leave them
    r"displaced|vertrieben|déplacé|desplazad|sfollat|deslocad|przesiedl|ontheemd|"
    r"(?:leave|left|fled|flee) their homes|ihre (?:Häuser|Wohnungen|Heimat) verlassen|"
    r"quitter leurs? (?:domiciles?|maisons?|foyers?)|abandonar sus (?:hogares|casas|viviendas)|"
    r"lasciare le (?:loro )?case|deixar (?:as )?suas casas)|إجلاء",
    re.IGNORECASE,
)
_STRANDED_VERBS = re.compile(
    r"\b(eingeschlossen|festsaßen|festsitzen|(?:saß|saßen|sitzen|sitzt|steck\w*|hingen|hängen|hängt)\b[^.,;]{0,40}"
    r"\bfest\b|stranded|trapped|bloqué|coincé|atrapad|bloquead|"
    r"intrappolat|bloccat|uwięzi|utknęł|ingesloten|vastzitten|vastgezeten|(?:mensen|personen)\s+vast\b|"
    r"uvízl|заблокирован)",
    re.IGNORECASE,
)
# Missing people, said with a verb or an adjective after the count.
_MISSING_VERBS = re.compile(
    r"\b(vermisst|missing|unaccounted|disparu|desaparecid|dispers[io]|scompars|zaginion|zaginęł|vermist|"
    r"pohřešov|пропал)|مفقود",
    re.IGNORECASE,
)
# A year is a fact of its own when it is someone's year of birth: in obituaries and
# profiles every report gives it, and reports may differ.
_BORN = re.compile(
    r"\b(geboren\b|born|née?\b|nacid[oa]|naci[óo]|nat[oa]\b|nasceu|nascid[oa]|urodzi[łl]|urodzon|"
    r"narodil|narozen|родил|doğdu|doğum)",
    re.IGNORECASE,
)


# Where what stands before a year stops being about it: a figure (the day of its own date
# excepted), a semicolon or colon, an "and" (not Czech "a", an article or preposition elsewhere).
_BEFORE_YEAR_ENDS = re.compile(r"\d(?!\d*\s*\.?\s*(?:[^\W\d_]+\s+)?$)|[;:]|\b(?:und|and|et|y|e|i|en|ve|и)\b")


def before_year(sentence: str, start: int) -> str:
    """The words before a year that may say it is a birth year: up to 60 characters, after
    the last figure, semicolon or "and" ("born in 1936, he joined the order in 1958",
    "wurde 1936 geboren und 2013 gewählt": not 1958, not 2013)."""
    window = sentence[max(0, start - 60) : start]
    return _BEFORE_YEAR_ENDS.split(window)[-1]


_HAPPENED = (_DEATH_VERBS, _WOUND_VERBS, _EVACUATED_VERBS, _STRANDED_VERBS)


def tells_what_happened(word: str) -> bool:
    """Whether a word says what happened to counted people ("Evakuierung", "Todesopfer"):
    part of the count, never a name that tells the counts of one story apart."""
    return any(p.search(word) for p in _HAPPENED)


_SAVED = re.compile(
    r"\b(?:saved|save|saving|rescued|gerettet|rettete|retteten|salvó|salvaron|salvado|sauvé|sauvée?s?|"
    r"salvato|salvati|salvou|salvaram|uratował\w*|ocalił\w*|gered|redde\w*)\b",
    re.IGNORECASE,
)
# The size of a body, presupposed: "des 300-köpfigen Parlaments", "the 300-seat assembly",
# "of its 300 members", "l'Assemblée de 577 députés", "the parliament has 300 seats".
_SIZE_AFTER = re.compile(r"-(?:köpfig|sitzig|member|seat|strong)", re.IGNORECASE)
_MEMBERS_AFTER = re.compile(r"-(?:köpfig|sitzig|member|seat)", re.IGNORECASE)
_WHOLE_BEFORE = re.compile(
    r"\b(?:out of(?: the)?|of its|of their|von insgesamt|sur un total de|de un total de|su un totale di|"
    r"de um total de|z ogólnej liczby)\s*$",
    re.IGNORECASE,
)
_BODY_BEFORE = re.compile(
    r"\b(?:parlament\w*|parliament|parlement|assembl\w+|asamblea|nationalversammlung|chamber|chambre|cámara|"
    r"camera|câmara|kammer|kamer|house|haus(?:es)?|senat\w*|sénat|senado|senato|congress\w*|kongress\w*|"
    r"congrès|congreso|bundestag|landtag|sejm|cortes|duma|дума|парламент\w*|meclis\w*|sněmovn\w+|legislature)"
    r"\b(?:\s+[^\W\d_][\w-]*){0,2}?\s+(?:de|of|mit|with|di|da|van|met|z|ze|из|has|hat|zählt|compte|"
    r"cuenta con|tiene|conta|ha|liczy|telt|heeft|má|имеет)\s*$",
    re.IGNORECASE,
)
# "190 of its 300 members", "190 de los 300 diputados", "190 z 300 posłów".
_PART_OF = re.compile(
    r"\s*(?:(?:out\s+)?of(?:\s+(?:its|their|the))?|von(?:\s+(?:den|insgesamt))?|der|aus|sur(?:\s+les)?|des|"
    r"de(?:\s+(?:los|las|les|ses|sus))?|dos|das|dei|degli|delle|di|su|z|ze|van(?:\s+de)?|из)\s*"
    # "331 der derzeit 574", "40 of the current 95": the whole as it stands now
    r"(?:(?:derzeit|aktuell|insgesamt|current|currently|total|actuels|actuelles|actuales|attuali|atuais|"
    r"obecnych|huidige)\s+)?",
    re.IGNORECASE,
)
# "rose from 62 to 92", "passé de 62 à 92": two counts in turn, not a range.
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|risen|climbed|increased|grown|grew|jumped|stieg|gestiegen|erhöht|kletterte|passé|passée|"
    r"grimpé|augmenté|pasó|subió|aumentó|elevó|ascendió|pasado|subido|aumentado|salit[oa]|passat[oa]|"
    r"aumentat[oa]|cresciut[oa]|subiu|passou|aumentou|wzrosł[aoy]?|wzrósł|zwiększył[aoy]?|steeg|gestegen|"
    r"vzrostl[aoy]?|stoupl[aoy]?|вырос\w*|увеличил\w*)\b[^.\d]{0,25}\b(?:from|von|de|da|van|z|od|от|dal|desde)"
    r"\s*$",
    re.IGNORECASE,
)
# The word between the two counts of a change ("von 62 auf 92", "de 62 à 92").
_UP_FROM = re.compile(
    r"\s*,?\s*(?:(?:up|down) from|(?:gegenüber|nach zuvor|von zuvor)|contre|frente a(?: los)?|"
    r"rispetto a(?:i|lle)?|wobec|tegen)\s*(?:the\s+)?",
    re.IGNORECASE,
)
_TURN_TO = re.compile(r"\s*(?:auf|to|à|a|al|hasta|até|para|fino a|a quota|do|naar|tot|na|до)\s*", re.I)
# A person's age, not a span of years: "im Alter von 88 Jahren", "aged 88", "à l'âge de 88 ans",
# "w wieku 88 lat", "88 years old", "88 yaşında"; before a number of years, "a los 88 años",
# "aveva 88 anni", "aos 88 anos". German "-jährig" is an age before a person ("ein
# 26-jähriger Syrer"), a span before a period or an institution ("12-jährigen Pontifikat").
_AGE_BEFORE = re.compile(
    r"(?:\balter\s+von|\baged|\bage\s+of|\bâgée?s?\s+de|âge\s+de|\bedad\s+de|\betà\s+di|\bidade\s+de|"
    r"\bw\s+wieku|\bve\s+věku|\bв\s+возрасте)\s*$",
    re.IGNORECASE,
)
_AGE_BEFORE_YEARS = re.compile(
    r"(?:\bà|\ba\s+los|\bcon|\ba|\baveva|\bavait|\btenía|\btinha|\bao|\baos|\bcom|\bmit|\bmiał[a]?|\bbylo|"
    r"\bбыло|\bбуло)\s*$",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"(?:(?i:-year-old|\s*years?\s+old|\s*-?\s*jahre?\s+alt|\s*de\s+edad|\s*di\s+età|\s*de\s+idade|"
    r"\s*yaşında|-jarige\s+leeftijd)|-Jährige[nr]?)(?![^\W\d_])"
    r"|-jährig\w*\s+(?![^\W\d_]*(?:at|zeit|schaft|jubiläum|ung|krieg|geschichte|bestehen|ehe|haft|strafe|"
    r"karriere|dienst|frist|periode|phase|feier|tradition|amt|regime)s?(?![^\W\d_]))",
)
# A bare number that closes "he was", "er war", "miał", "avait": a person's age.
_BARE_AGE_BEFORE = re.compile(
    r"(?:\b(?i:he|she|er|sie|il|elle|él|ella|lui|lei|ele|ela|on|ona|hij|zij)\s+(?i:was|is|war|ist|était|est|era|es|è|"
    r"é|jest|był|była|werd|wurde)|\b(?i:avait|tenía|aveva|tinha|miał|miała|had|hatte))\s+$"
)
_BARE_AGE_AFTER = re.compile(r"\s*(?:[.,;)]|$)")
# Counts of people by what happened to them, and those that combine ("Tote und Verletzte").
_STATES = ("Tote", "Verletzte", "Vermisste")
_COUNTED = (*_STATES, "Menschen", "Soldaten")


@dataclass(slots=True)
class Quantity:
    """A number in a sentence: value (or range), hedge, what is counted, where it stands."""

    value: float
    value_max: float | None
    unit: str | None
    approx: str | None
    raw: str
    start: int
    end: int
    # Presupposed, not reported: the size of a whole ("of its 300 members", "des
    # 300-köpfigen Parlaments") describes what the claim is about.
    background: bool = False

    @property
    def vague(self) -> bool:
        """Whether the quantity is a vague amount ("Tausende", "dozens"): a lower bound at
        most, never a value to compare."""
        approx = (self.approx or "").lower()
        return approx in _ALL_VAGUE or approx in _SEVERAL

    def interval(self) -> tuple[float, float]:
        """The values the quantity allows: "mindestens 5" anything from 5 up, "rund 10.000"
        five per cent either way, "11.000 bis 12.000" its range."""
        lo, hi = self.value, self.value_max if self.value_max is not None else self.value
        approx = (self.approx or "").lower()
        if approx in LOWER_BOUND or approx in _ALL_VAGUE or approx in _SEVERAL:
            return lo, float("inf")
        if approx in UPPER_BOUND:
            return 0.0, hi
        if approx in NEAR:
            return lo * (1 - NEAR_TOLERANCE), hi * (1 + NEAR_TOLERANCE)
        return lo, hi

    def as_dict(self) -> dict:
        """The fields of spec/claims.schema.json."""
        return {
            "value": _plain(self.value),
            "value_max": _plain(self.value_max),
            "unit": self.unit,
            "approx": self.approx,
            "raw": self.raw,
        }


def _plain(value: float | None):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class _Language:
    """What a language writes: its number pattern, words and dates."""

    code: str | None
    number: re.Pattern
    single: re.Pattern
    vague_words: re.Pattern
    scales: dict[str, float]
    vague: dict[str, float]
    units: dict[str, str]
    unit_phrase: re.Pattern
    date_after: re.Pattern
    date_before: re.Pattern
    decimal: str
    small_numbers: dict[str, float]


@lru_cache(maxsize=32)
def _language(code: str | None) -> _Language:
    """The language's data; for None, all languages' data in one."""
    codes = (code,) if code in LANGUAGES else LANGUAGES
    scales, vague, units, small = {}, {}, dict(_UNIT_OF), {}
    months, abbreviations, days, per_area = set(), set(), set(), set()
    for c in codes:
        # Unknown language: no scale of two letters ("mi" is a mile in English).
        scales |= {w: v for w, v in _cldr_scales(c).items() if w not in scales and (code or len(w) > 2)}
        vague |= {w: v for w, v in _numbers(_VAGUE_WORDS.get(c, "")).items() if w not in vague}
        units |= {w: u for w, u in _cldr_units(c).items() if w not in units}
        # Unknown language: no Turkish "on" (ten), "bin" (thousand).
        if code or c != "tr":
            small |= {w: v for w, v in _numbers(_SMALL_NUMBERS.get(c, "")).items() if w not in small}
        m, a, d = _cldr_calendar(c)
        months, abbreviations, days = months | m, abbreviations | a, days | d
        per_area |= _cldr_per_square_metre(c)
    scales |= {w: v for w, v in _SCALES.items() if w not in scales}
    # A word that names what is counted is not a vague amount ("56 square miles").
    vague = {w: v for w, v in vague.items() if w not in units} | _VAGUE_PHRASES
    thousands = [w for w, v in vague.items() if v == 2000]
    vague_pattern = rf"(?:{_alternation(vague)})(?:\s+(?:of|de|di|van)\s+(?:{_alternation(thousands)}))?"
    litres = [w for w, u in units.items() if u == "Liter"]
    unit_phrase = re.compile(
        rf"(?:{_alternation(litres)})(?:\s+[^\W\d_][\w'’]*){{0,2}}?\s*(?:{_alternation(per_area)})(?![^\W\d_])"
        rf"|(?P<unit>{_alternation(units)})(?![^\W\d_])",
        re.IGNORECASE,
    )
    decimal = _locale(code).number_symbols["latn"]["decimal"] if code else ","
    number, single = _number_patterns(scales)
    vague_words = re.compile(rf"(?<![^\W\d_])(?:{vague_pattern})(?![^\W\d_])", re.IGNORECASE)
    date_after, date_before = _dates(code, months, abbreviations, days)
    return _Language(
        code,
        number,
        single,
        vague_words,
        scales,
        vague,
        units,
        unit_phrase,
        date_after,
        date_before,
        decimal,
        small,
    )


def _number_patterns(scales: dict[str, float]) -> tuple[re.Pattern, re.Pattern]:
    """A number with its scale and, or not, a range after it. They start at the digits: what
    stands before a number is read from there (_PREFIX), which is many times faster."""
    # Abbreviations ("Mio.", "tys.") take their dot, words ("million.") leave the sentence's.
    words = _alternation(w for w in scales if len(w) > 4)
    abbreviations = _alternation(w for w in scales if len(w) <= 4)
    scale = rf"(?:\s*(?:(?:{words})(?![^\W\d_])|(?:{abbreviations})(?![^\W\d_])\.?)|[MmKk](?![^\W\d_]))?"
    number = rf"(?P<num>{_NUM}){scale}"
    rest = rf"{scale}(?P<pct>\s*%)?"
    return (
        re.compile(
            rf"{number}(?:\s*(?P<to>{_TO}|{_AND})\s*{_CURRENCY}?\s?(?P<num2>{_NUM}))?{rest}", re.IGNORECASE
        ),
        re.compile(rf"{number}(?P<pct>\s*%)?", re.IGNORECASE),
    )


def _dates(
    code: str | None, months: set[str], abbreviations: set[str], days: set[str]
) -> tuple[re.Pattern, re.Pattern]:
    """Days of a month in the language, from the day on ("21 de abril", "17 grudnia",
    "29 et 30 octobre") and what stands before a day ("March 13", "mardi 29")."""
    month_names = _alternation(months)
    if code in (None, "de", "en"):
        # German and English abbreviations stand without a dot ("3 Dec", "Nov 1").
        month_names += "|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez|mar|oct|dec"
    month = rf"(?:(?:{month_names})(?![^\W\d_])\.?|(?:{_alternation(abbreviations - months)})\.)"
    day = r"\d{1,2}(?!\d|[.,]\d)"
    after = re.compile(
        rf"{day}\.?(?:er|º)?(?:\s*(?:-|–|/|au|bis|to|and|und|et|y|e|i|a|al|do|tot|až|и|ve)\s*(?:el\s+)?{day}\.?)?"
        rf"\s*(?:(?:de|di|du|of)\s+)?{month}",
        re.IGNORECASE,
    )
    before = re.compile(
        rf"(?<![^\W\d_])(?:{month}|(?:{_alternation(days)}),?\s*(?:den\s+|le\s+|el\s+|\()?)\s*$",
        re.IGNORECASE,
    )
    return after, before


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _locale(code: str):
    from babel import Locale

    return Locale.parse(code)


def _cldr_words(pattern: str) -> str:
    return re.sub(r"\{\d\}|'", "", pattern).replace("\u00a0", " ").replace("\u202f", " ").strip().lower()


def _cldr_units(code: str) -> dict[str, str]:
    """Unit words of the language ("ans", "días", "godzin", "km/h") to canonical names."""
    units = {}
    patterns = _locale(code)._data["unit_patterns"]
    for key, canon in _CLDR_UNITS.items():
        for forms in patterns.get(key, {}).values():
            for plural, pattern in forms.items():
                word = _cldr_words(pattern) if plural != "per" and isinstance(pattern, str) else ""
                if len(word) > 2 and not word.endswith(".") or word in _SYMBOLS - _VERBS.get(code, set()):
                    units.setdefault(word, canon)
    return units


# Unit symbols that are verbs of the language: Italian and Spanish "ha" ("6.8 ha colpito").
_VERBS = {"it": {"ha"}, "es": {"ha"}}


def _cldr_per_square_metre(code: str) -> set[str]:
    """How the language says "per square metre" ("pro Quadratmeter", "par mètre carré", "/m²")."""
    out = {"/m²", "/m2", "/qm", "pro qm", "per m²", "par m²", "par m2", "por m²", "por m2"}
    for forms in _locale(code)._data["unit_patterns"].get("area-square-meter", {}).values():
        if isinstance(forms.get("per"), str):
            out.add(_cldr_words(forms["per"]))
    return out


def _cldr_scales(code: str) -> dict[str, float]:
    """Scale words of the language ("Mio", "milliards", "tys", "mil millones") to their factor."""
    scales = {}
    for width in ("long", "short"):
        for forms in _locale(code).compact_decimal_formats.get(width, {}).values():
            for magnitude, pattern in forms.items():
                text = getattr(pattern, "pattern", str(pattern))
                word, zeros = _cldr_words(text.replace("0", "")).rstrip("."), text.count("0")
                if len(word) > 1 and zeros:
                    scales.setdefault(word, int(magnitude) / 10 ** (zeros - 1))
    return scales


def _cldr_calendar(code: str) -> tuple[set[str], set[str], set[str]]:
    """Month names, month abbreviations (written with a dot) and weekday names."""
    locale = _locale(code)
    months, abbreviations, days = set(), set(), set()
    for context in locale.months.values():
        months.update(n.lower() for n in context.get("wide", {}).values())
        abbreviations.update(n.lower().rstrip(".") for n in context.get("abbreviated", {}).values())
    for context in locale.days.values():
        days.update(n.lower() for n in context.get("wide", {}).values())
    if code == "pl":
        days.update(d[:-1] + "ę" for d in list(days) if d.endswith("a"))  # "w środę 30"
    return months, abbreviations, days


def parse_number(text: str, language: str | None = None) -> float | None:
    """A written number as a float: "10.000" and "10,000" are ten thousand, "3,5" is 3.5
    where the language writes a decimal comma and "3.5" where it writes a decimal point;
    a separator followed by three digits groups thousands."""
    text = re.sub("[\u00a0\u202f\u2009'’]", " ", text).strip()
    if re.fullmatch(r"\d{1,3}(?:[ .,]\d{3})+", text):
        return float(re.sub(r"[ .,]", "", text))
    m = re.fullmatch(r"(\d{1,3}(?:[ .,]\d{3})*)([.,])(\d+)", text)
    if m:
        whole = re.sub(r"[ .,]", "", m.group(1))
        if m.group(2) == "," and language in LANGUAGES and _language(language).decimal == ".":
            return float(whole + m.group(3))
        return float(f"{whole}.{m.group(3)}")
    if re.fullmatch(r"\d+", text):
        return float(text)
    return None


def find_quantities(sentence: str, language: str | None = None) -> list[Quantity]:
    """Every quantity in a sentence, left to right. Read once per sentence and language:
    claims, dates, the verifier and the writer all ask for the same sentences (the
    quantities are shared, and no caller changes one)."""
    return list(_quantities_of(sentence, language))


@lru_cache(maxsize=50_000)
def _quantities_of(sentence: str, language: str | None) -> tuple[Quantity, ...]:
    return tuple(_find_quantities(sentence, language))


def forget_quantities() -> None:
    """Empty the figures read so far (benchmarks measure a first reading with it)."""
    _quantities_of.cache_clear()


def _find_quantities(sentence: str, language: str | None) -> list[Quantity]:
    lang = _language(language if language in LANGUAGES else None)
    out = [_vague(m, sentence, lang) for m in lang.vague_words.finditer(sentence)]
    pos = 0
    while m := lang.number.search(sentence, pos):
        skip = _calendar_end(sentence, m.start(), lang)
        if skip:
            out += _clock_time(sentence, m.start(), skip)
            pos = skip
            continue
        prefix = _PREFIX.search(sentence, max(0, m.start() - 45), m.start())
        if m.group("to") and not prefix.group("between") and _AND_WORD.fullmatch(m.group("to")):
            m = lang.single.match(sentence, m.start())  # "5 und 6": a range only after "zwischen"
        out += _quantities(m, prefix, sentence, lang)
        pos = m.end()
    taken = [(q.start, q.end) for q in out]
    words = _word_quantities(sentence, lang)
    out += [q for q in words if not any(a < q.end and q.start < b for a, b in taken)]
    out.sort(key=lambda q: q.start)
    _elided_units(out, sentence)
    out = [q for q in out if not (q.unit is None and q.raw == _BARE)]
    for a, b in zip(out, out[1:], strict=False):
        between = sentence[a.end : b.start]
        if a.unit == "Alter" and b.unit == "Jahre" and _AND_ONLY.fullmatch(between):
            b.unit = "Alter"  # "im Alter von 56 und 67 Jahren"
        # A part counts what its whole counts.
        if _PART_OF.fullmatch(between):
            b.background = True
            if (a.unit is None) != (b.unit is None):
                a.unit = b.unit = a.unit or b.unit
        # "stieg von 62 auf 92", "rose from 62 to 92 deaths": one count at two times.
        turned = _TURN_TO.fullmatch(between) and _CHANGE_BEFORE.search(sentence, 0, a.start)
        # "has climbed to 89, up from 61": the earlier count, after the later one
        turned = turned or _UP_FROM.fullmatch(between)
        if turned and (a.unit is None) != (b.unit is None):
            a.unit = b.unit = a.unit or b.unit
    for a, b in zip(out, out[1:], strict=False):
        if b.unit == "Menschen" and a.unit in _STATES and _OTHERS.match(sentence, b.end):
            b.unit = a.unit  # "92 morts ..., et trois autres": more of the same
    for q in out:
        after = _HEDGE_AFTER.match(sentence, q.end) if q.approx is None else None
        if after:
            q.approx = after.group(1)
        before = sentence[max(0, q.start - 60) : q.start]
        body = q.unit == "Abgeordnete" and _BODY_BEFORE.search(before)
        if body or _WHOLE_BEFORE.search(before) or _SIZE_AFTER.match(sentence, q.end):
            q.background = True
    return out


def is_part_of(between: str) -> bool:
    """Whether the words between two figures make the first a part of the second ("190 of
    its 300", "40 de los 95", "12 z 30")."""
    return bool(_PART_OF.fullmatch(between))


def _calendar_end(sentence: str, start: int, lang: _Language) -> int | None:
    """Where the date or clock time that the number at start is part of ends, if it is one:
    "21 de abril", "mardi 29", "March 13", "19h20", "21.04.2025", "alle 7,35"."""
    m = (
        _CLOCK.match(sentence, start)
        or _NUMERIC_DATE.match(sentence, start)
        or lang.date_after.match(sentence, start)
    )
    if m:
        return m.end()
    before = sentence[max(0, start - 30) : start]
    for cue, clock in _CUED_CLOCKS:
        m = clock.match(sentence, start)
        if m and cue.search(before):
            return m.end()
    # "mardi 29", "March 13", but "On Tuesday 25 people died".
    m = _DAY.match(sentence, start)
    if m and lang.date_before.search(before) and _unit_word(sentence[m.end() :], lang) is None:
        return m.end()
    return None


_HOUR_MINUTE = re.compile(r"(\d{1,2})\s?[:.,hH]\s?([0-5]\d)")


def _clock_time(sentence: str, start: int, end: int) -> list[Quantity]:
    """A clock time to the minute ("7:35 Uhr", "19h20", "o 7.35") as a fact of its own,
    valued hours.minutes (7.35): when something happened is what reports may differ on.
    A date ("21.04.2025") and a time to the hour ("um 20 Uhr") are none."""
    m = _HOUR_MINUTE.match(sentence, start, end)
    if not m or int(m.group(1)) > 24:
        return []
    if _NUMERIC_DATE.match(sentence, start) and int(m.group(2)) <= 12:
        return []  # "21.04." is a day and a month
    value = int(m.group(1)) + int(m.group(2)) / 100
    return [Quantity(value, None, "Uhrzeit", None, sentence[start:end].strip().rstrip(".,;"), start, end)]


def _quantities(m: re.Match, prefix: re.Match, sentence: str, lang: _Language) -> list[Quantity]:
    after = sentence[m.end() :]
    if _is_rank(m, after):
        return []
    num2 = m.groupdict().get("num2")
    value = parse_number(m.group("num"), lang.code)
    value_max = parse_number(num2, lang.code) if num2 else None
    if value is None:
        return []
    scale = _scale_of(m.group(0), lang)
    value *= scale
    value_max = value_max * scale if value_max is not None else None
    if value_max is not None and value_max <= value:
        value_max = None  # "190-0" is a vote count, not a range
    approx = (prefix.group("approx") or "").lower() or None
    start = next(
        (prefix.start(g) for g in ("approx", "between", "cur", "pctb") if prefix.group(g)), m.start()
    )
    currency = prefix.group("cur")
    if value_max is not None and _CHANGE_BEFORE.search(sentence, 0, start):
        # The count before and the count after: both are the report's, neither a range.
        unit, end = _unit(m, after, sentence, lang, currency), m.end("num")
        first = Quantity(value, None, unit, approx, sentence[start:end].strip(), start, end)
        return [first, Quantity(value_max, None, unit, None, num2, m.start("num2"), m.end())]
    if m.group("pct") or prefix.group("pctb"):
        unit = "%"
    elif _MEMBERS_AFTER.match(after):
        unit = "Abgeordnete"
    else:
        unit = _unit(m, after, sentence, lang, currency)
    return [Quantity(value, value_max, unit, approx, sentence[start : m.end()].strip(), start, m.end())]


def _vague(m: re.Match, sentence: str, lang: _Language) -> Quantity:
    text = re.sub(r"\s+", " ", m.group().lower())
    first = text if text in _VAGUE_PHRASES else re.split(r" (?:of|de|di|van) ", text)[0]
    value = lang.vague[first] * (1000 if first != text else 1)  # "dizaines de milliers"
    hedge = _HEDGE_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
    start = hedge.start(1) if hedge else m.start()
    unit = _unit(None, sentence[m.end() :], sentence, lang, start=m.start())
    return Quantity(
        value,
        None,
        unit,
        hedge.group(1).lower() if hedge else first,
        sentence[start : m.end()],
        start,
        m.end(),
    )


def _is_rank(m: re.Match, after: str) -> bool:
    if _ORDINAL_SUFFIX.match(after):
        return True  # "the 266th pope", "François 1er": a rank, not a count
    short = re.fullmatch(r"\d{1,3}", m.group("num")) and not m.groupdict().get("num2")
    return bool(short and _ORDINAL_AFTER.match(after))


def _scale_of(text: str, lang: _Language) -> float:
    m = re.search(r"\d\s*([^\W\d_][\w ]*[^\W\d_]|[^\W\d_])\.?\s*$", text)
    if not m:
        return 1.0
    word = re.sub(r"\s+", " ", m.group(1).lower())
    return lang.scales.get(word, 1e6 if word == "m" else 1e3 if word == "k" else 1.0)


class _Token:
    """A word of a sentence as text2num reads it; digits are numbers of their own."""

    __slots__ = ("match",)

    def __init__(self, match: re.Match) -> None:
        self.match = match

    def text(self) -> str:
        return self.match.group()

    def nt_separated(self, previous: _Token) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return self.match.group()[0].isdigit()


_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s-]")


def _word_quantities(sentence: str, lang: _Language) -> list[Quantity]:
    """Numbers written in words ("quatre-vingt-douze morts", "drei Tage", "trzy dni") that
    count something named after them: alone, "un", "one", "dos" are articles or other words;
    and round numbers ("un millier de soldats")."""
    out = []
    for start, end, value in _number_words(sentence, lang):
        dozen = _DOZEN.match(sentence, end)
        if dozen:
            value, end = value * 12, dozen.end()  # "dos docenas de personas"
        unit = _unit(None, sentence[end:], sentence, lang, start=start)
        if unit is None and 1 < value < 1000:
            # A count whose unit the sentence just gave ("and another nine"): kept until
            # _elided_units reads whether it is one.
            out.append(Quantity(value, None, None, None, _BARE, start, end))
            continue
        # "Millionen Dollar", "millions of people": an amount without a count.
        if value <= 1 or unit is None or value >= 1e6 and " " not in sentence[start:end].strip():
            continue
        hedge = _HEDGE_BEFORE.search(sentence, max(0, start - 30), start)
        approx = hedge.group(1).lower() if hedge else None
        start = hedge.start(1) if hedge else start
        out.append(Quantity(value, None, unit, approx, sentence[start:end], start, end))
    for m in _ROUND_WORD.finditer(sentence):
        word = m.group(1).lower()
        unit = _unit(None, sentence[m.end() :], sentence, lang, start=m.start())
        out.append(Quantity(_ROUND[word], None, unit, word, m.group(), m.start(), m.end()))
    return out


def _number_words(sentence: str, lang: _Language) -> list[tuple[int, int, float]]:
    """(start, end, value) of each number written in words."""
    for code in [lang.code] if lang.code else sorted(_TEXT2NUM):
        if code in _TEXT2NUM and alpha2digit(sentence, code, 1.0) != sentence:
            tokens = [_Token(t) for t in _TOKEN.finditer(sentence)]
            return [
                (tokens[o.start].match.start(), tokens[o.end - 1].match.end(), o.value)
                for o in find_numbers(tokens, code, 1.0)
                if not o.is_ordinal
            ]
    out: list[tuple[int, int, float]] = []
    if not lang.small_numbers:
        return out
    for w in re.finditer(r"[^\W\d_]+", sentence):
        value = lang.small_numbers.get(w.group().lower())
        if value is None:
            continue
        if out and sentence[out[-1][1] : w.start()].isspace():
            start, _, total = out[-1]
            out[-1] = (start, w.end(), total * value if value == 1000 else total + value)
        else:
            out.append((w.start(), w.end(), value))
    return out


# Up to three words after a number, each without an elided article ("2 milliards d'euros").
_WORD = r"(?:[dl]['’])?([^\W\d_][\w'’\-/²]*)"
_UNIT_RUN = re.compile(rf"\.?\s*(?:[-–]\s*)?{_WORD}(?:\s+{_WORD})?(?:\s+{_WORD})?", re.IGNORECASE)


_CONJUNCTIONS = frozenset("und and et y e i en oraz or oder ou o lub sowie while während".split())


def _unit_word(after: str, lang: _Language, words: int = 3) -> str | None:
    """What the first of the next words that names a counted thing names."""
    run = _UNIT_RUN.match(after)
    if not run:
        return None
    # A word after "and" is the next clause's ("killed 12 and injured 40", "12 people and
    # injured 40"): the run stops there.
    found = [w for w in run.groups() if w]
    cut = next((k for k, w in enumerate(found) if w.lower() in _CONJUNCTIONS), len(found))
    for i in range(1, min(words, cut) + 1):
        m = lang.unit_phrase.match(after, run.start(i)) if run.group(i) else None
        if not m:
            continue
        if not m.group("unit"):
            return "Millimeter"  # litres per square metre: rain
        unit = lang.units[re.sub(r"\s+", " ", m.group("unit").lower())]
        states = [lang.units.get(w.lower()) for w in found[i:cut]]
        if unit == "Menschen" and any(s in _STATES for s in states):
            return next(s for s in states if s in _STATES)  # "personas desaparecidas"
        # "Tote und Verwundete", "killed or wounded": one count of both.
        rest = re.match(r"\s+(?:und|oder|and|or|et|ou|y|o|e|i|lub|en|of)\s+([^\W\d_]+)", after[m.end() :])
        other = rest and _UNIT_OF.get(rest.group(1).lower())
        if other and other != unit and {unit, other} <= {"Tote", "Verletzte"}:
            return " und ".join(sorted({unit, other}))
        return unit
    return None


def _unit(
    m: re.Match | None,
    after: str,
    sentence: str,
    lang: _Language,
    currency: str | None = None,
    start: int = 0,
) -> str | None:
    """What a number counts, from the words around it; m is the number's match, if digits."""
    start = m.start() if m is not None else start
    if currency:
        return _CURRENCIES.get(currency.lower(), currency)
    run = _UNIT_RUN.match(after)
    words = [w.lower() for w in run.groups() if w] if run else []
    currency = next((w for w in words if w in _CURRENCIES), None)
    if currency:
        return _CURRENCIES[currency]  # "3,5 Mio. Euro"
    # The words before the number and its hedge ("ofiary miały ponad 70 lat").
    before = _HEDGE_BEFORE.sub("", sentence[max(0, start - 30) : start])
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
        return "Alter"
    unit = _unit_word(after, lang)
    magnitude = m is not None and re.fullmatch(r"\d(?:[.,]\d)?", m.group("num") or "")
    named = _MAGNITUDE_BEFORE.search(before) or _MAGNITUDE_AFTER.match(after)
    # "Stärke", "sile", "kracht" are a magnitude only where an earthquake is
    quake = named and ("agnit" in named.group(0).lower() or _QUAKE.search(sentence))
    if unit is None and magnitude and quake:
        return "Magnitude"  # "ein Beben der Stärke 7,7", "a 7.7-magnitude quake"
    if unit is None and _BARE_AGE_BEFORE.search(before) and _BARE_AGE_AFTER.match(after):
        return "Alter"  # "He was 88.", "Papież miał 88", "Il avait 88 ans" without the years
    year = m is not None and _YEAR.fullmatch(m.group("num") or "")
    if year and _unit_word(after, lang, words=1) in (None, "Jahre"):
        if _BORN.search(before_year(sentence, start)) or _BORN.search(re.split(r"[,;:.]", after[:40])[0]):
            return "Geburtsjahr"  # "Né le 17 décembre 1936", "wurde 1936 in Buenos Aires geboren"
        return "Jahr"  # "seit 1979", "w 2013 roku", "depuis 1996 dans le pays"
    if unit == "Jahre" and _AGE_BEFORE_YEARS.search(before):
        return "Alter"
    if unit is None and re.match(rf"\s*(?:{_AND}|oder|or|ou|o|lub)\s+\d", after, re.IGNORECASE):
        # "3 oder 4 Tage", "56 und 67 Jahren": the unit of the next number.
        nxt = re.match(rf"\s*\S+\s+{_NUM}", after)
        unit = _unit_word(after[nxt.end() :], lang) if nxt else None
    if unit is None and _OTHERS.match(after):
        unit = "Menschen"  # "drei Tote und acht weitere Verletzte": the people counted before
    if unit in ("Menschen", "Soldaten", None):
        # What happened to the counted people: the verbs up to the next number, and before
        # it those of its own clause ("killing 10 people", not "219 mortos e 93 pessoas";
        # "drei Menschen getötet und acht weitere verletzt": the next count is a clause).
        window = re.split(r"[\d;]", after[:120])[0]
        window = _NEXT_COUNT.split(window, maxsplit=1)[0]
        # "and" with a number written in words opens the next count ("drei Menschen wurden
        # getötet und acht verletzt": three dead, eight wounded, not three of both).
        if lang.code in _TEXT2NUM and alpha2digit(window, lang.code, 1.0) != window:
            window = _AND_NEXT.split(alpha2digit(window, lang.code, 1.0), maxsplit=1)[0]
        dead, wounded = _DEATH_VERBS.search(window), _WOUND_VERBS.search(window)
        if dead and wounded:
            return "Tote und Verletzte"
        if unit is None and wounded and _AUXILIARY.fullmatch(window[: wounded.start()]):
            return "Verletzte"  # "und acht verletzt", "and eight injured", "30 wurden verletzt"
        if unit is None and (state := _state_verb_before(before)):
            return state  # "the blast killed 12 and injured 40"
        # Czech and Slovak "a" is "and"; elsewhere it is "to" ("se elevó ya a 95 personas").
        ands = _AND if lang.code in (None, "cs", "sk") else _AND.replace("|a|", "|")
        own_clause = re.split(rf"[\d,;]|\b(?:{ands})\s", before)[-1]
        if dead or unit and _DEATH_VERBS.search(own_clause):
            return "Tote"
        if unit and (wounded or _WOUND_VERBS.search(own_clause)):
            return "Verletzte"
        if unit == "Menschen" and (_EVACUATED_VERBS.search(window) or _EVACUATED_VERBS.search(own_clause)):
            return "Evakuierte"
        if unit == "Menschen" and _STRANDED_VERBS.search(f"{own_clause} {window}"):
            return "Eingeschlossene"
        if unit == "Menschen" and _MISSING_VERBS.search(
            re.split(r"\b(?:but|aber|mais|pero|ma|ale|maar)\b", window)[0]
        ):
            return "Vermisste"  # "vier Menschen wurden noch vermisst", "siguen desaparecidas"
    if unit is None and _TOLL_BEFORE.search(sentence[max(0, start - 80) : start]):
        return "Tote"  # "die Zahl der getöteten Menschen auf 24", "the death toll rose to 25"
    # "i morti sono 41", "the dead are 41": the counted named before its figure
    counted = _NUMBER_OF.search(sentence[max(0, start - 80) : start]) if unit is None else None
    counted = counted or (_COUNTED_ARE.search(before) if unit is None else None)
    if counted and _UNIT_OF.get(counted.group(1).lower()) in _STATES:
        return _UNIT_OF[counted.group(1).lower()]  # "die Zahl der Vermissten liegt bei 89"
    if unit == "Tote" and _SAVED.search(_own_clause(sentence, start, after)):
        return None  # "saved 87 lives", "87 Menschenleben gerettet": the living, not the dead
    return unit


# An auxiliary between a count and its participle ("30 wurden verletzt", "40 were hurt").
_AUXILIARY = re.compile(
    r"\s*(?:(?:wurden|wurde|sind|ist|waren|were|was|are|have been|ont été|furono|sono stati|sono state|"
    r"foram|fueron|zostało|zostali|werden|zijn)\s+)?",
    re.IGNORECASE,
)


def _state_verb_before(before: str) -> str | None:
    """The state a verb right before a count gives it ("killed 12", "injured 40",
    "tötete zwölf"): its object."""
    for state, verbs in (("Tote", _DEATH_VERBS), ("Verletzte", _WOUND_VERBS)):
        found = list(verbs.finditer(before))
        if found and re.fullmatch(r"[^\W\d_]*\s*", before[found[-1].end() :]):
            return state
    return None


def _own_clause(sentence: str, start: int, after: str) -> str:
    """The words around a number up to the nearest punctuation, 40 characters each way."""
    return re.split(r"[.,;:]", sentence[max(0, start - 40) : start])[-1] + re.split(r"[.,;:]", after[:40])[0]


# A number word without a unit after it, until _elided_units reads whether it is a count.
_BARE = "\0"
# Between a count of people and a count without a unit: a new clause of the same kind
# ("12 died in the north fire and another five", "16 Menschen, acht kamen ...", "16
# Menschen und weitere acht"), in the languages the claims read; no other figure between.
_ELIDED_AFTER = re.compile(
    r"^[^\d.;:]{0,80}?(?:,|\b(?:and|und|et|y|e|i|en|oraz|sowie|while|während|whereas))\s*"
    r"(?:(?:another|other|a further|further|weitere|weiteren|noch|encore|autres|otros|otras|otro|altri|altre|"
    r"outros|outras|kolejne|kolejnych|nog)\s+)?$",
    re.IGNORECASE,
)
# A count of people a sentence opens on as a whole ("Von den 30 Toten wurden sechs",
# "Of the 24 deaths, eight were", "De los 95 muertos, 40"): a count right after it, with no
# unit of its own, counts the same.
_WHOLE_OPENS = re.compile(
    r"^\s*(?:of|von|de|des|di|dei|delle|degli|z|ze|van|dos|das)\s+(?:the|den|les|los|las|i|gli|le|de|os|as)?\s*$",
    re.IGNORECASE,
)
_PART_NEXT = re.compile(r"^[^\d.;:]{0,60}$")
# What follows an elided count: where or of what ("in the Palisades Fire", "to the Eaton
# Fire", "de ellos", "auf das Eaton-Feuer"), the clause's end, or a verb of the same state
# ("acht kamen ... ums Leben"); a verb of its own ("Tausende wurden vertrieben", "180
# avaient été blessées") makes it a count of something else.
_WHERE_AFTER = re.compile(
    r"\s*(?:$|[,.;:)]|(?:in|im|at|to|from|of|de|del|des|du|en|à|au|dans|nel|nella|nei|na|no|em|w|we|op|bij|bei|"
    r"beim|auf|dem|der|al|durch|by|per|por|para)\b)",
    re.IGNORECASE,
)
_STATE_VERBS = {"Tote": _DEATH_VERBS, "Verletzte": _WOUND_VERBS, "Vermisste": _MISSING_VERBS}


def _elided_units(out: list[Quantity], sentence: str) -> None:
    """A count without a unit takes that of the count of people right before it when the
    sentence just gave it and left it out ("including 12 in the north fire and another five
    in the south fire", "Von den 30 Toten wurden sechs ...")."""
    for a, b in zip(out, out[1:], strict=False):
        if b.unit is not None or a.unit not in _COUNTED or a.vague:
            continue
        between = sentence[a.end : b.start]
        whole = _WHOLE_OPENS.match(sentence[: a.start]) and _PART_NEXT.match(between)
        clause = re.split(r"[.,;:]", sentence[b.end : b.end + 80])[0]
        verb = _STATE_VERBS.get(a.unit)
        same_kind = _WHERE_AFTER.match(sentence, b.end) or verb is not None and verb.search(clause)
        if _ELIDED_AFTER.match(between) and same_kind or whole:
            b.unit = a.unit
            if b.raw == _BARE:
                b.raw = sentence[b.start : b.end]


# "acht weitere", "eight others", "huit autres": more of the people counted before.
_OTHERS = re.compile(
    r"\s+(?:weitere|weiteren|andere|anderen|others|other|more|autres|otros|otras|altri|altre|outros|outras|"
    r"innych|inne|anderen)\b",
    re.IGNORECASE,
)
# A conjunction followed by another count ("und acht weitere", "and eight others") ends the
# clause whose verbs tell what happened to the first count.
_NEXT_COUNT = re.compile(
    r"\b(?:und|and|et|y|e|i|en|sowie|while|während)\s+(?:\w+\s+)?(?=\S+\s+(?:weitere|weiteren|andere|anderen|"
    r"others|other|more|autres|otros|otras|altri|altre|outros|outras|innych|inne)\b)",
    re.IGNORECASE,
)
_AND_NEXT = re.compile(r"\b(?:und|and|et|y|e|i|en|sowie|oraz|while|während)\s+(?:\w+\s+)?\d", re.IGNORECASE)
_UNIT_WORD = re.compile(r"[^\W\d_][\w-]*")
# Counts whose words alone mark what a sentence is about; not "Länder", "Kinder",
# "Minuten" or "Jahre", which too many sentences name that count nothing.
_TALKED_OF = frozenset(
    [*_COUNTED, "Evakuierte", "Eingeschlossene", "Gebäude", "Abgeordnete", "Fahrzeuge", "Haushalte", "Brände"]
    + ["Stunden", "Tage", "Kilometer", "Hektar"]
)


# Counts of people and things ("Tote", "Gebäude", "Evakuierte"), as opposed to spans of
# time, ages and measures, which many facts of one report share ("38 Tage im Krankenhaus",
# "drei Tage Staatstrauer").
PEOPLE_AND_THINGS = frozenset(UNITS) - {"Jahre", "Tage", "Kilometer", "Meter", "Millimeter", "Liter"} | {
    "Evakuierte",
    "Eingeschlossene",
    "Tote und Verletzte",
}


def counted_things(sentence: str) -> set[str]:
    """The kinds of things a sentence talks about counting, with or without a number
    ("Die Zahl der Todesopfer wird steigen" -> {"Tote"})."""
    return {_UNIT_OF.get(w.lower()) for w in _UNIT_WORD.findall(sentence)} & _TALKED_OF


def is_unit_word(word: str) -> bool:
    """Whether a word names what is counted or a currency ("Soldaten", "Metern", "Euro")."""
    lower = word.lower()
    units = _language(None).units
    return lower in units or lower in _CURRENCIES or lower.rstrip("n") in units
