"""Sentence splitting on the real reports of ../shared/devset/stories.jsonl.

The devset has no gold sentence boundaries, so each splitter's boundaries are
checked against signs of error that do not depend on any splitter's rules:
- false split: the next sentence starts with a lower-case letter, or the
  sentence ends in "<number>." and the next starts with a month name, or it
  ends in a capitalised word of up to four letters or a lower-case word of up
  to two letters with a period ("Nr.", "ca.", "Dr.", "Nov.", "z.");
- missed split: inside a sentence, a word of four or more lower-case letters,
  a period, a space and a capitalised word of four or more letters (for
  German, nouns make this only a sign, not proof).
Run with --show to print every flagged case for reading.
Compared with pysbd and syntok where they are installed (they are not
dependencies of lagebild).
"""

from __future__ import annotations

import re
import sys
import time

from _devset import stories, table
from lagebild.analyse import split_sentences

MONTH = re.compile(
    r"^(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Oct|Nov|Dez|Dec|January|February|March|May|June|"
    r"July|October|December)\b"
)
SHORT_ABBREV = re.compile(r"(^|\s)([A-ZÄÖÜ][a-zäöü]{0,3}|[a-zäöü]{1,2})\.$")
MISSED = re.compile(r"\b[a-zäöüß]{4,}\. [A-ZÄÖÜ][a-zäöüß]{3,}")


def ours(text: str, lang: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def pysbd_splitter():
    try:
        import pysbd
    except ImportError:
        return None
    segs = {}

    def split(text: str, lang: str) -> list[str]:
        code = lang if lang in ("de", "en", "es") else "en"
        seg = segs.setdefault(code, pysbd.Segmenter(language=code, clean=False))
        return [s.strip() for line in text.split("\n") for s in seg.segment(line) if s.strip()]

    return split


def syntok_splitter():
    try:
        import syntok.segmenter as segmenter
    except ImportError:
        return None

    def split(text: str, lang: str) -> list[str]:
        return [
            "".join(t.spacing + t.value for t in sent).strip()
            for para in segmenter.process(text)
            for sent in para
        ]

    return split


def flags(sentences: list[str]) -> tuple[list[str], list[str]]:
    false_splits, missed = [], []
    for cur, nxt in zip(sentences, sentences[1:] + [""], strict=True):
        if nxt and (
            nxt[0].islower() or re.search(r"\d\.$", cur) and MONTH.match(nxt) or SHORT_ABBREV.search(cur)
        ):
            false_splits.append(f"{cur[-40:]} | {nxt[:40]}")
        missed += [m.group(0) for m in MISSED.finditer(cur)]
    return false_splits, missed


def main() -> None:
    docs = stories()
    show = "--show" in sys.argv
    splitters = {"lagebild": ours, "pysbd 0.3": pysbd_splitter(), "syntok 1.4": syntok_splitter()}
    rows = []
    chars = sum(len(d["text"]) for d in docs)
    for name, split in splitters.items():
        if split is None:
            rows.append([name, "not installed", "", "", "", ""])
            continue
        start = time.perf_counter()
        results = [(d, split(d["text"], d["language"])) for d in docs]
        elapsed = time.perf_counter() - start
        n = sum(len(s) for _, s in results)
        false_total = missed_total = 0
        for d, sentences in results:
            false_splits, missed = flags(sentences)
            false_total += len(false_splits)
            missed_total += len(missed)
            if show:
                for f in false_splits:
                    print(f"{name} false split  {d['id']}: {f}")
                for m in missed:
                    print(f"{name} missed split {d['id']}: {m}")
        rows.append(
            [
                name,
                n,
                false_total,
                missed_total,
                f"{chars / elapsed / 1e6:.2f}",
                f"{1e6 * elapsed / chars:.2f}",
            ]
        )
    print(f"Sentence splitting on {len(docs)} real reports ({chars:,} characters) of ../shared/devset\n")
    print(table(["splitter", "sentences", "false splits", "missed splits", "MB/s", "us/char"], rows))


if __name__ == "__main__":
    main()
