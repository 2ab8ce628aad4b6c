"""Main-text extraction on the real pages of ../shared/devset/html/, scored by shingle F1.

Scored the way the ScrapingHub article-extraction benchmark scores: lower-cased
word tokens, shingles of four tokens counted as multisets, precision and recall
per page, averaged over pages; F1 from the averages. Compares lagebild's
extract_html (trafilatura with our options) with trafilatura.extract alone.
"""

from __future__ import annotations

import re
import time
from collections import Counter

import trafilatura

from _devset import html_pages, table
from lagebild.errors import ExtractionError
from lagebild.extract import extract_html

_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _WORD.findall(text.lower())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(len(tokens) - n + 1, 0)))


def precision_recall(pred: str, gold: str) -> tuple[float, float]:
    p, g = shingles(pred), shingles(gold)
    tp = sum((p & g).values())
    if not p and not g:
        return 1.0, 1.0
    return (tp / sum(p.values()) if p else 0.0), (tp / sum(g.values()) if g else 0.0)


def ours(html: bytes) -> str:
    try:
        return extract_html(html).text
    except ExtractionError:
        return ""


def library_alone(html: bytes) -> str:
    return trafilatura.extract(html) or ""


def main() -> None:
    pages = list(html_pages())
    rows = []
    for name, fn in (("lagebild extract_html", ours), ("trafilatura.extract (defaults)", library_alone)):
        precisions, recalls, empty = [], [], 0
        start = time.perf_counter()
        for _, html, gold in pages:
            text = fn(html)
            empty += not text
            p, r = precision_recall(text, gold)
            precisions.append(p)
            recalls.append(r)
        elapsed = time.perf_counter() - start
        p, r = sum(precisions) / len(pages), sum(recalls) / len(pages)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append([name, len(pages), p, r, f1, empty, f"{1000 * elapsed / len(pages):.1f}"])
    print(f"Main-text extraction, {len(pages)} real pages of ../shared/devset/html (shingle F1)\n")
    print(table(["extractor", "pages", "precision", "recall", "F1", "empty", "ms/page"], rows))


if __name__ == "__main__":
    main()
