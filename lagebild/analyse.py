"""Text analysis: language identification and sentence splitting with offsets.

Sentences are spans into the document text, so later stages can quote them
verbatim: ``text[start:end]`` is always the sentence.

The splitter is written by hand. The libraries tried all break German news
text where it matters for citing numbers: pysbd 0.3.4 splits "am 24. Dez. |
2024", syntok 1.4 splits "Am 11. | September" and "Gov. | Gavin Newsom",
blingfire splits "am 1. | Nov. 2024" and "Prof. | Schmidt"; pysbd also costs
about 4 microseconds per character, several times what extracting the page
costs. The rules below are a candidate boundary (terminal punctuation, closing
quotes, space, then a capital, digit or opening quote) vetoed by abbreviations,
initials and German ordinal numbers ("am 3. Oktober", "zum 5. Mal").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from lagebild.model import Sentence

# Abbreviations that end a sentence only as ordinary words ("said no."), so they
# are abbreviations only when a number follows ("No. 5", "Art. 3").
_NUMBER_ABBREVIATIONS = frozenset("no nos art abs fig vol pp kap".split())

# Abbreviations that end with a period but rarely end a sentence. Compared
# case-insensitively against the word before the period.
_ABBREVIATIONS = frozenset(
    """
    nr bd bzw ca chr dr dipl evtl etc fa frl ggf gr hl hr hrsg inkl insb jh jhd jr
    kap kl lt max min mio mrd mill mrs mr ms mt nachf obb od orig pkt prof rd reg rep sen sr st std
    str tel tsd usw uvm vgl vs zb zt ua ue dh bspw sog ehem gem jew mind ggü gov gen col capt cmdr
    sgt maj adm corp inc ltd co dept est approx eds jan feb febr mär märz apr aug
    sep sept okt oct nov dez dec
    """.split()
)

_MONTHS = frozenset(
    """
    januar jänner februar märz april mai juni juli august september oktober november dezember jan
    feb febr mär apr jun jul aug sep sept okt nov dez january february march may june july october
    december mar oct dec
    """.split()
)

# Nouns after an ordinal number in German news text ("zum 5. Mal", "die 3. Liga").
_ORDINAL_NOUNS = frozenset(
    """
    mal jahrhundert jahrestag jahrtausend liga bundesliga platz stock stockwerk etage runde tag
    woche monat klasse grad division armee brigade korps bataillon regiment flotte sitzung
    legislaturperiode amtszeit wahlgang lesung stufe welle quartal halbjahr hälfte advent
    """.split()
)

# Words before a number that make it an ordinal rather than a sentence end ("am 3.", "vom 12.").
_ORDINAL_LEADS = frozenset(
    """
    am vom zum beim im seit ab bis dem den der des die das jeden jeder
    """.split()
)

_CANDIDATE = re.compile(
    r"""[.!?…]+                      # terminal punctuation
        [\"'»«”“’)\]]*               # closing quotes or brackets
        (?=\s+[\"'„“»«‚(\[]*[\w])     # space, optional opening quotes, then a word character
    """,
    re.VERBOSE,
)
# Scraped text often glues sentences together ("teilten die Behörden mit.Insgesamt gibt es"):
# a lower-case word, its full stop, then at once a capitalised word.
_GLUED = re.compile(r"(?<=[a-zäöüß]{3})[.!?](?=[A-ZÄÖÜ][a-zäöüß]{2})")
_WORD_BEFORE = re.compile(r"(\S+)$")
_LEAD_WORD = re.compile(r"(\w+)\s+$")
_NEXT_WORD = re.compile(r"\s+[\"'„“»«‚(\[]*(\w+)")
_NEWLINE = re.compile(r"\n+")


@lru_cache(maxsize=1)
def _identifier():
    # Imported lazily: loading the model costs ~0.3 s, which commands that
    # never analyse text should not pay.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short or unsure."""
    sample = text[:2000].strip()
    if len(sample) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None


def _is_boundary(text: str, punct_start: int, punct_end: int) -> bool:
    """Decide whether the punctuation at text[punct_start:punct_end] ends a sentence."""
    nxt = _NEXT_WORD.match(text, punct_end)
    if nxt and nxt.group(1)[0].islower():
        return False  # "1. kategoriye", "Yahoo! news", "usw. bis"
    if text[punct_start] != "." or text[punct_start:punct_end].startswith("..."):
        return True
    # Look back through a short window only: searching from the start of the
    # text on every candidate made splitting quadratic in the text length.
    window = text[max(0, punct_start - 80) : punct_start]
    before = _WORD_BEFORE.search(window)
    if not before:
        return True
    word = before.group(1).lstrip("\"'„“»«‚([")
    core = word.rstrip(".").lower()
    # Abbreviations with inner periods ("u.a", "z.B", "U.S") and single letters ("J.", "z.").
    if "." in word or len(core) == 1 and core.isalpha():
        return False
    if core in _ABBREVIATIONS:
        return False
    if core in _NUMBER_ABBREVIATIONS:
        return not (nxt and nxt.group(1)[0].isdigit())
    if core.isdigit() and len(core) <= 3:
        next_word = nxt.group(1).lower() if nxt else ""
        if next_word.rstrip(".") in _MONTHS or next_word in _ORDINAL_NOUNS:
            return False
        lead = _LEAD_WORD.search(window, 0, before.start(1))
        if lead and lead.group(1).lower() in _ORDINAL_LEADS:
            return False
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences; line breaks always end a sentence."""
    sentences: list[Sentence] = []
    line_start = 0
    for line_end in [m.start() for m in _NEWLINE.finditer(text)] + [len(text)]:
        start = line_start
        candidates = [
            *_CANDIDATE.finditer(text, line_start, line_end),
            *_GLUED.finditer(text, line_start, line_end),
        ]
        for m in sorted(candidates, key=lambda m: m.start()):
            if _is_boundary(text, m.start(), m.end()):
                _append(sentences, text, start, m.end())
                start = m.end()
        _append(sentences, text, start, line_end)
        nl = _NEWLINE.match(text, line_end)
        line_start = nl.end() if nl else line_end
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(len(sentences), start, end, text[start:end]))


def normalise_text(text: str) -> str:
    """NFC, unified line breaks, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    lines = [line.strip() for line in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip()


@dataclass(slots=True)
class Analysis:
    """Language and sentences of one text."""

    language: str | None
    sentences: list[Sentence]


def analyse(text: str, language: str | None = None) -> Analysis:
    """Identify the language (unless given) and split the text into sentences."""
    return Analysis(language or detect_language(text), split_sentences(text))
