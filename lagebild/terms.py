"""Terms and name-like tokens of a text: the lexical signals of comparing and checking.

Terms are lower-cased words cut to their first six letters: truncation is a
crude stemmer, but it joins German and English inflections ("Solinger" and
"Solingen", "Koreas" and "Korea") without a language-specific stemmer, which
matters more here than precision. Name-like tokens are the capitalised ones;
story clustering keeps only those seen in more than one language, which drops
German common nouns (capitalised too) and keeps the names that survive
translation ("Milton", "Yoon", "Palisades").
"""

from __future__ import annotations

import re
from collections import Counter

from anyascii import anyascii

STEM = 6
# Names are transliterated to Latin letters and cut shorter than terms, so that the
# spellings of one name in several scripts meet (Valencia, Valensiya, Valenthia).
NAME_LETTERS = 5

# Function words of the languages most reports come in; they carry no story.
STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim
    bereits bin bis bisher bzw da dabei dadurch dafür damit dann darauf darüber das dass davon dem
    den denen der deren des deshalb dessen die dies diese diesem diesen dieser dieses doch dort du
    durch ein eine einem einen einer eines einige er es etwa euch für gegen gegenüber gewesen habe
    haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in
    indem ins ist jedoch jetzt kann kein keine können konnte laut man mehr mehrere mit muss nach
    neben nicht noch nun nur ob oder ohne schon sei seien sein seine seinem seinen seiner seit
    sich sie sind so soll sollen sollte sowie über um und uns unter vom von vor war waren was
    weil weiter weitere welche wenn wer werde werden wie wieder wir wird wo wurde wurden zu zum
    zur zwei drei vier fünf zwischen heute gestern montag dienstag mittwoch donnerstag freitag
    samstag sonntag uhr jahr jahre jahren prozent mehr rund mindestens insgesamt
    a about after again against all also an and any are as at be because been before being
    between both but by can could did do does during each few for from further had has have
    having he her here hers him his how i if in into is it its just more most no nor not now
    of off on once only or other our out over own said same says she should so some such than
    that the their them then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your according
    monday tuesday wednesday thursday friday saturday sunday year years percent least new
    el la los las de del en y que por para con una un se al lo su sus es fue ha como más
    le les des du et est pour dans sur par une au aux ce qui ne pas
    ve bir bu da de ile için olarak
    """.split()
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def content_terms(text: str, title: str | None = None) -> Counter:
    """Stemmed content words with their counts; the title counts twice."""
    counts: Counter = Counter()
    for chunk, weight in ((title or "", 2), (text, 1)):
        for word in _WORD.findall(chunk):
            lower = word.lower()
            if len(lower) >= 3 and lower not in STOPWORDS:
                counts[lower[:STEM]] += weight
    return counts


def name_tokens(text: str, title: str | None = None) -> Counter:
    """Capitalised tokens (stemmed, lower-cased) with their counts; the title counts twice."""
    counts: Counter = Counter()
    for chunk, weight in ((title or "", 2), (text, 1)):
        for _word, token in _capitalised(chunk):
            counts[token] += weight
    return counts


def common_name_tokens(text: str, is_common) -> set[str]:
    """The name tokens of ``text`` that only common words give (``is_common(word)``): the
    capitalised nouns of German, which look like names but do not survive translation."""
    tokens: dict[str, bool] = {}
    for word, token in _capitalised(text):
        tokens[token] = tokens.get(token, True) and is_common(word)
    return {token for token, common in tokens.items() if common}


def _capitalised(text: str):
    for word in _WORD.findall(text):
        lower = word.lower()
        if word[0].isupper() and len(lower) >= 3 and lower not in STOPWORDS:
            yield word, anyascii(lower).lower()[:NAME_LETTERS]
