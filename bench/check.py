"""Checks on the real reports of ../shared/devset: leave one out, and honest perturbations.

Leave one out: each report of a story (3+ reports) is checked against the rest of its
story. False alarms: the sentences that carry a gold claim (claims.json) stated by
another report of the story too, called unsupported or contradicted. Perturbations, made
in code on real sentences that pass unperturbed: a number changed, the attributed origin
swapped for another origin of the story, a misspelled publisher of the story named as
source, a sentence from another story inserted, a person, place or organisation swapped
for one no report names, a place swapped for an invented one no gazetteer lists, an on-
topic clause no report carries added, the statement negated, the day shifted. Caught =
not "supported", or an issue reported. Articles: the two German synthesis articles of
../shared/devset/articles, checked against all reports of their story, sentence by
sentence against the gold labels: a problem is caught with the right reason when the
verdict is not "supported" and an issue of the gold's family is named (claim:
unsupported_claim, unsupported_detail, non_sequitur, or the verdict "unsupported";
source: unknown_source, misspelled_source; attribution: misattribution,
unconfirmed_attribution; number: number_mismatch); a false alarm is a supported sentence
called unsupported or contradicted, or given a source or attribution issue. A leave-one-out
alarm is counted apart when every detail it names is a day no other report of the story
names, or has a year or a name that no other report has anywhere in its text: then the
other reports bear it out. Speed: 20
sentences of real reports of the largest story checked against the rest of the story
repeated to 60 documents.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from _devset import DEVSET, as_document, require_devset, stories, table
from _devset import sixty as _sixty
from lagebild.analyse import analyse
from lagebild.check import check_article
from lagebild.claims import attribution, attributions, forget_claims
from lagebild.dates import date_mentions
from lagebild.embed import paraphrase_embedders
from lagebild.lexicon import unknown_names
from lagebild.model import Document
from lagebild.numbers import find_quantities
from lagebild.store.sqlite import SQLiteStore
from lagebild.verify import Verifier


def caught(verdict) -> bool:
    return verdict.verdict != "supported" or bool(verdict.issues)


def change_number(sentence: str, language: str | None) -> str | None:
    for q in find_quantities(sentence, language):
        if q.unit in (None, "Jahr", "%") or q.value < 3 and q.unit != "Uhrzeit":
            continue
        if q.unit == "Uhrzeit":
            # A time of day changes by its hour ("7:35" -> "9:35"), as a wrong report would.
            hour = re.match(r"\d{1,2}", q.raw)
            raw = f"{(int(hour.group(0)) + 2) % 24}{q.raw[hour.end() :]}"
            return sentence[: q.start] + raw + sentence[q.end :]
        digits = re.search(r"\d[\d.,]*", q.raw)
        if not digits:
            continue
        new_value = int(q.value * 3 + 7)
        new = f"{new_value:,}".replace(",", "." if language == "de" else ",")
        raw = q.raw.replace(digits.group(0), new, 1)
        return sentence[: q.start] + raw + sentence[q.end :]
    return None


def swap_origin(sentence: str, others: list[str]) -> str | None:
    """The sentence with its origin replaced by another origin of the story; None when the
    replaced sentence no longer reads as attributed to anyone (a word of a longer name
    swapped, "The County AP examiner's office"): that is no origin swap."""
    origin, _ = attribution(sentence)
    if not origin:
        return None
    for other in others:
        if other != origin and other.lower() not in sentence.lower():
            for word in sorted(set(re.findall(r"[\w.'’-]+", sentence)), key=len, reverse=True):
                if word.lower() in origin.lower().split() or word == origin:
                    swapped = sentence.replace(word, other, 1)
                    return swapped if attribution(swapped)[0] else None
    return None


def misspell(name: str, rng: random.Random) -> str:
    word = max(re.findall(r"[A-Za-zÄÖÜäöü]{5,}", name) or [name], key=len)
    i = rng.randrange(1, len(word) - 1)
    wrong = (
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if word[i] != word[i + 1]
        else word[:i] + word[i + 1 :]
    )
    return wrong


SEMANTIC = "--semantic" in sys.argv
ARTICLES = {"dana_synthese": "dana_valencia", "papst_synthese": "pope_francis_death"}
FAMILIES = {
    "unsupported_claim": "claim",
    "unsupported_detail": "claim",
    "non_sequitur": "claim",
    "unknown_source": "source",
    "misspelled_source": "source",
    "misattribution": "attribution",
    "unconfirmed_attribution": "attribution",
    "number_mismatch": "number",
}


def families(verdict) -> set[str]:
    """The issue families a verdict names ("unsupported" with no issue is a claim problem)."""
    found = {FAMILIES.get(i.kind, i.kind) for i in verdict.issues}
    if verdict.verdict in ("unsupported", "contradicted") and not found:
        found.add("claim")
    return found


def articles(docs: dict, by_story: dict) -> None:
    """The devset articles checked sentence by sentence against their gold labels."""
    rows, misses = [], []
    for name, story in ARTICLES.items():
        text = (DEVSET / "articles" / f"{name}.txt").read_text(encoding="utf-8")
        gold = json.loads((DEVSET / "articles" / f"{name}.gold.json").read_text(encoding="utf-8"))
        a = analyse(text, "de")
        article = Document(name, None, "article", None, text, a.language, sentences=a.sentences)
        sources = [docs[r["id"]] for r in by_story[story]]
        report = check_article(article, sources, semantic=SEMANTIC)
        problems = caught_right = supported = alarms = 0
        for row in gold:
            found = [v for t, v in report.sentences if t.startswith(row["starts_with"])]
            if not found or row["gold"] == "ignore":
                continue
            verdict = found[0]
            named = families(verdict)
            if row["gold"] == "problem":
                problems += 1
                want = {FAMILIES[k] for k in row["issues"]}
                ok = verdict.verdict != "supported" or bool(verdict.issues)
                ok = ok and bool(named & want)
                caught_right += ok
                if not ok:
                    misses.append(
                        f"{name}: missed ({'/'.join(sorted(want))}): {row['starts_with']}... -> "
                        f"{verdict.verdict} {[i.kind for i in verdict.issues]}"
                    )
            else:
                supported += 1
                alarm = verdict.verdict in ("unsupported", "contradicted") or bool(
                    named & {"source", "attribution"}
                )
                alarms += alarm
                if alarm:
                    misses.append(
                        f"{name}: false alarm: {row['starts_with']}... -> {verdict.verdict} "
                        f"{[(i.kind, i.detail) for i in verdict.issues]}"
                    )
        rows.append(
            [
                name,
                len(sources),
                problems,
                caught_right,
                f"{caught_right / max(problems, 1):.2f}",
                supported,
                alarms,
                f"{alarms / max(supported, 1):.2f}",
            ]
        )
    print("\nThe devset articles against all reports of their story\n")
    print(
        table(
            [
                "article",
                "sources",
                "problems",
                "caught, right reason",
                "rate",
                "supported",
                "false alarms",
                "rate",
            ],
            rows,
        )
    )
    for line in misses:
        print(line)


# Names of the same kinds that no devset story has: an entity swap puts one in place of a
# name the sentence has, an invented clause adds one with an on-topic purpose.
OTHER_NAMES = {"places": "Kopenhagen", "people": "Maria Lindqvist", "organisations": "Weltbank"}
_NOT = {"de": ((" ist ", " ist nicht "), (" wurde ", " wurde nicht "), (" hat ", " hat nicht "),
               (" sind ", " sind nicht "), (" wurden ", " wurden nicht ")),
        "en": ((" is ", " is not "), (" was ", " was not "), (" has ", " has not "),
               (" are ", " are not "), (" were ", " were not "))}  # fmt: skip
_WEEKDAY_SHIFT = dict(
    zip(
        "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag "
        "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
        "Donnerstag Freitag Samstag Sonntag Montag Dienstag Mittwoch "
        "Thursday Friday Saturday Sunday Monday Tuesday Wednesday".split(),
        strict=True,
    )
)


def swap_entity(
    sentence: str, language: str | None, verifier: Verifier, others: dict[str, str] = OTHER_NAMES
) -> str | None:
    """The sentence with one person, place or organisation it names (one no common word)
    replaced by another of its kind that no report of the devset names."""
    from lagebild.claims import entities
    from lagebild.entities import classify
    from lagebild.lexicon import is_rare

    named = classify(entities(sentence), attribution(sentence)[0])
    for kind in ("places", "people", "organisations"):
        for name in getattr(named, kind):
            if kind in others and is_rare(name, language) and name in sentence:
                return sentence.replace(name, others[kind], 1)
    return None


# A place no gazetteer lists, as a village or a district of a real story may be: the
# invented name must be caught by what the sentence says of it, not by a list.
INVENTED_PLACE = {"places": "Vorlanza"}


def invent_clause(sentence: str, language: str | None) -> str | None:
    """The sentence extended by an on-topic clause that no report carries."""
    if not sentence.endswith(".") or language not in ("de", "en"):
        return None
    clause = (
        ", um mit der Weltbank über die Lage in Kopenhagen zu beraten."
        if language == "de"
        else ", in order to discuss the situation in Copenhagen with the World Bank."
    )
    return sentence[:-1] + clause


def negate(sentence: str, language: str | None) -> str | None:
    for plain, negated in _NOT.get(language or "", ()):
        if plain in sentence:
            return sentence.replace(plain, negated, 1)
    return None


def shift_date(sentence: str) -> str | None:
    for day, other in _WEEKDAY_SHIFT.items():
        if re.search(rf"\b{day}\b", sentence):
            return re.sub(rf"\b{day}\b", other, sentence, count=1)
    found = re.search(
        r"\b(\d{1,2})\.\s*(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
        r"November|Dezember)\b",
        sentence,
    )
    if found:
        day = int(found.group(1))
        return sentence[: found.start(1)] + str(day % 28 + 1 if day != 27 else 3) + sentence[found.end(1) :]
    return None


# A detail the check names that a reader can look up in the other reports' words: a year or
# a capitalised name ("1958", "Sívori").
_LITERAL = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b|\b[^\W\d_][\w'’-]{3,}")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@dataclass(frozen=True)
class OtherReports:
    """The rest of a story as a reader would search it: the words of its texts (folded)
    and every day its sentences name or mean (date marks, see dates.date_mentions)."""

    text: str
    days: frozenset[str]


def other_reports(documents: list[Document]) -> OtherReports:
    """The other reports of a story, to look an alarm's details up in."""
    days = {
        k
        for d in documents
        for s in d.sentences
        for m in date_mentions(s.text, d.language, d.published)
        for k in m.means
        if k[:2] != "y:"
    }
    return OtherReports(_fold(" ".join(d.text for d in documents)), frozenset(days))


def in_no_other_report(verdict, others: OtherReports, language: str | None) -> bool:
    """Whether an alarm is a finding the other reports bear out: every issue names details
    (unsupported_detail), and each detail is a day no other report names or means, or has
    a year or a name that no other report has anywhere in its text. A name is a word the
    language's lexicon barely knows (names.UNKNOWN_WORD): a translated one ("Kolegium
    Kardynalskiego" for the College of Cardinals) would be missing from reports in other
    languages for want of their words, unless English writes it alike ("Pasadena"). Counts
    are not looked up: other languages write them otherwise, and small ones recur by chance."""
    if not verdict.issues or any(i.kind != "unsupported_detail" for i in verdict.issues):
        return False
    for issue in verdict.issues:
        named = issue.detail.removeprefix("keine Quelle nennt ")
        if named == issue.detail:
            return False
        for detail in named.split(", "):
            days = {k for m in date_mentions(detail, language) for k in m.says if k[:2] != "y:"}
            if days:
                if days <= others.days:
                    return False
                continue
            if any(q.unit != "Jahr" for q in find_quantities(detail, language)):
                return False
            literal = [t for t in _LITERAL.findall(detail) if t.isdigit() or _name(t, language)]
            if not literal or all(_fold(t) in others.text for t in literal):
                return False
    return True


def _name(word: str, language: str | None) -> bool:
    """Whether a word is a name that reports in any language write alike: one its language
    barely knows ("Sívori"), or one English writes as it does ("Pasadena")."""
    from wordfreq import zipf_frequency

    if not word[0].isupper():
        return False
    if unknown_names(word, language) == [word]:
        return True
    known = min(zipf_frequency(word, "en"), zipf_frequency(word, language or "en"))
    return language not in (None, "en") and known >= 1


def cite(publisher: str, sentence: str, language: str | None) -> str:
    rest = sentence[0].lower() + sentence[1:]
    return f"Wie {publisher} berichtete, {rest}" if language == "de" else f"According to {publisher}, {rest}"


def main() -> None:
    require_devset()
    rng = random.Random(7)
    rows = stories()
    by_story = defaultdict(list)
    for r in rows:
        by_story[r["story"]].append(r)
    docs = {r["id"]: as_document(r) for r in rows}
    gold = json.loads((DEVSET / "claims.json").read_text(encoding="utf-8"))
    shared_values = defaultdict(set)  # doc -> gold values other reports also state
    for g in gold:
        if len(g["doc_ids"]) > 1:
            for d in g["doc_ids"]:
                shared_values[d].add(g["value"])
    articles(docs, by_story)
    foreign = [s.text for d in docs.values() for s in d.sentences if len(s.text) > 60]
    counts = defaultdict(lambda: [0, 0])  # kind -> [caught, total]
    alarms = [0, 0, 0]  # alarms, sentences asked, alarms naming details no other report has
    # language -> perturbations caught, made; alarms, asked, alarms the other reports bear out
    by_language = defaultdict(lambda: [0, 0, 0, 0, 0])
    verdicts = defaultdict(int)
    elapsed, checked = 0.0, 0
    for members in by_story.values():
        if len(members) < 3:
            continue
        # A name of two letters ("SR") has nothing to misspell.
        publishers = sorted({m["source"] for m in members if re.search(r"[A-Za-zÄÖÜäöü]{4,}", m["source"])})
        for row in members:
            doc = docs[row["id"]]
            verifier = Verifier([docs[m["id"]] for m in members if m["id"] != row["id"]], semantic=SEMANTIC)
            others = other_reports([docs[m["id"]] for m in members if m["id"] != row["id"]])
            origins = sorted({o for o in verifier.origins})
            for s in doc.sentences:
                start = time.perf_counter()
                v = verifier.check(s.text, doc.language)
                elapsed += time.perf_counter() - start
                checked += 1
                verdicts[v.verdict] += 1
                values = {q.value for q in find_quantities(s.text, doc.language)}
                if values & shared_values[doc.id]:
                    alarms[1] += 1
                    alarms[0] += v.verdict in ("unsupported", "contradicted")
                    borne = v.verdict == "unsupported" and in_no_other_report(v, others, doc.language)
                    alarms[2] += borne
                    by_language[doc.language][3] += 1
                    by_language[doc.language][2] += v.verdict in ("unsupported", "contradicted")
                    by_language[doc.language][4] += borne
                if v.verdict != "supported" or v.issues:
                    continue
                perturbed = {
                    "number changed": change_number(s.text, doc.language),
                    "origin swapped": swap_origin(s.text, origins),
                    "misspelled publisher": cite(misspell(rng.choice(publishers), rng), s.text, doc.language),
                    "entity swapped": swap_entity(s.text, doc.language, verifier),
                    "place invented": swap_entity(s.text, doc.language, verifier, INVENTED_PLACE),
                    "invented clause": invent_clause(s.text, doc.language),
                    "negated": negate(s.text, doc.language),
                    "date shifted": shift_date(s.text),
                    "sentence from another story": rng.choice(
                        [
                            f
                            for f in foreign
                            if f not in {x.text for m in members for x in docs[m["id"]].sentences}
                        ]
                    ),
                }
                for kind, text in perturbed.items():
                    if text is None:
                        continue
                    hit = caught(verifier.check(text, doc.language))
                    counts[kind][1] += 1
                    counts[kind][0] += hit
                    by_language[doc.language][1] += 1
                    by_language[doc.language][0] += hit
    mode = "rules and paraphrase step" if SEMANTIC else "rules only"
    print(f"Checks on the real reports of ../shared/devset (leave one out within each story; {mode})\n")
    total_caught = sum(c for c, _ in counts.values())
    total = sum(t for _, t in counts.values())
    rows_out = [[kind, t, c, c / t if t else 0.0] for kind, (c, t) in counts.items()]
    rows_out.append(["all perturbations", total, total_caught, total_caught / max(total, 1)])
    print(table(["perturbation", "sentences", "caught", "rate"], rows_out))
    print(
        f"\nFalse alarms: {alarms[0]} of {alarms[1]} sentences carrying a gold claim that other reports "
        f"state too were called unsupported or contradicted ({alarms[0] / max(alarms[1], 1):.2f}); "
        f"{alarms[2]} of them name only details (a day, a year, a name) that no other report of the "
        f"story has anywhere in its text, which leaves {alarms[0] - alarms[2]} "
        f"({(alarms[0] - alarms[2]) / max(alarms[1], 1):.2f})"
    )
    print("\nPer language of the checked report:\n")
    header = ["language", "perturbations", "caught", "rate", "gold-claim sentences", "false alarms"]
    rows_lang = []
    for lang, (hit, made, alarmed, asked, borne) in sorted(by_language.items(), key=lambda x: x[0] or ""):
        rest = (alarmed - borne) / max(asked, 1)
        rows_lang.append([lang or "?", made, hit, hit / max(made, 1), asked, alarmed, borne, rest])
    print(table([*header, "borne out", "rate of the rest"], rows_lang))
    print("Unperturbed verdicts: " + ", ".join(f"{k} {n}" for k, n in sorted(verdicts.items())))
    print(f"Check speed: {1000 * elapsed / max(checked, 1):.1f} ms per sentence")
    big = max(by_story.values(), key=len)
    # The devset's reports are short excerpts: a 20-sentence article is made of consecutive
    # reports of the largest story, left out of the 60 documents it is checked against.
    # With the paraphrase step, sentence embeddings are kept in a store: the first check
    # of a story embeds (cold), later ones read them back (warm).
    with tempfile.TemporaryDirectory() as tmp, SQLiteStore(Path(tmp) / "vectors.db") as store:
        runs = {"cold": [], "warm": []} if SEMANTIC else {"rules only": []}
        for run, times in runs.items():
            group: list[str] = []
            for row in big:
                group.append(row["id"])
                article = [(s.text, docs[g].language) for g in group for s in docs[g].sentences]
                if len(article) < 20:
                    continue
                sources = _sixty([m for m in big if m["id"] not in group])
                attribution.cache_clear()
                attributions.cache_clear()
                forget_claims()
                start = time.perf_counter()
                verifier = Verifier(sources, semantic=SEMANTIC, embedders=paraphrase_embedders(store))
                for sentence, language in article[:20]:
                    verifier.check(sentence, language)
                times.append(1000 * (time.perf_counter() - start))
                group = []
            times.sort()
            print(
                f"{len(times)} articles of 20 sentences from reports of the largest story, against 60 "
                f"documents of it ({run}): median {times[len(times) // 2]:.0f} ms, max {times[-1]:.0f} ms"
            )


if __name__ == "__main__":
    main()
