"""Main text and metadata from an HTML page, with trafilatura.

trafilatura ranks best among open extraction libraries on the ScrapingHub
benchmark; we only choose its options and turn its result into our fields.

Hostile markup is trimmed before trafilatura sees it: its cost (and that of
htmldate, which it calls to find the date) grows with the number of elements,
and lxml's parser compares the attributes of one element pairwise. The limits
below bound one page to seconds and a few hundred MB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import AnyStr, NamedTuple

import trafilatura

from lagebild.analyse import normalise_text
from lagebild.errors import ExtractionError

# Below this many characters a page is a stub (paywall, consent wall, index page).
MIN_TEXT_CHARS = 80

# Limits per page, from generated hostile pages against the devset's 61 real ones
# (largest 1.5 MB, 1,452 elements, 64 attributes on one element):
# - a page is cut after this many characters (bytes, if not yet decoded), the body size
#   fetch.py accepts by default: 8 MB of plain text takes ~4 s.
MAX_PAGE_SIZE = 10 * 2**20
# - and after this many elements: trafilatura spends ~80 µs per element, so 50,000 take
#   ~4 s and 150 MB, where 1,000,000 (8 MB of <p>x</p>) took 59 s and 1.5 GB.
MAX_ELEMENTS = 50_000
# - an element keeps its first this many attributes: lxml checks each new attribute
#   against all earlier ones, so one element of 100,000 took 16 s to parse (57 s to extract).
MAX_ATTRIBUTES = 256
# - and after this many attributes in all: each costs ~6 µs and ~700 bytes in the copies
#   trafilatura makes, so 1.4 million (5,500 elements of 256) took 8 s and 1 GB. The devset's
#   pages have at most 3,877.
MAX_PAGE_ATTRIBUTES = 200_000
# - above this size htmldate searches only the markup for the date, not the whole text
#   with its patterns: that search takes 0.9 s at 2 MB and 3.9 s at 8 MB.
FULL_DATE_SEARCH_SIZE = 2 * 2**20
# - above this many elements trafilatura does not fall back on jusText and readability
#   when its own result is short: jusText compares each short paragraph with all its
#   short neighbours, so 30,000 one-word paragraphs took 105 s (5,000 take 2.5 s). A real
#   article page has a few thousand elements at most (the devset's: 1,452).
FALLBACK_ELEMENTS = 5_000


class Trimmed(NamedTuple):
    """A page cut to the limits above: its markup, what was cut, how many elements remain."""

    html: str | bytes
    cuts: list[str]
    elements: int


class _Syntax(NamedTuple):
    """The patterns trim_markup needs, for ``str`` or for ``bytes``."""

    token: re.Pattern
    attribute: re.Pattern
    close: str | bytes


def _syntax(cast) -> _Syntax:
    # A token is a comment, a script or style element (whose text may hold "<" and quotes
    # that are not markup) or a start tag with its attributes in group "attributes".
    # Possessive quantifiers and closing quotes that may be missing keep the patterns
    # linear: none can fail after a long scan and be retried from each later position.
    token = r"""<!--.*?(?:-->|\Z)
        | <(script|style)\b(?:"[^"]*+"?|'[^']*+'?|[^"'>]++)*+(?:>|\Z).*?(?:</\1|\Z)
        | <[A-Za-z][^\s/<>]*+(?P<attributes>(?:"[^"]*+"?|'[^']*+'?|[^"'>]++)*+)(?:>|\Z)"""
    attribute = r"""[^\s"'<>/=]++(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s"'>]*+))?"""
    return _Syntax(
        re.compile(cast(token), re.IGNORECASE | re.DOTALL | re.VERBOSE),
        re.compile(cast(attribute)),
        cast(">"),
    )


_SYNTAX = {str: _syntax(str), bytes: _syntax(str.encode)}


@dataclass(slots=True)
class Extracted:
    """The article of a page: text plus what the page says about itself."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_html(html: str | bytes, url: str | None = None, label: str | None = None) -> Extracted:
    """Extract the main text, title, author, date and site name of a page.

    ``html`` may be bytes: trafilatura then detects the encoding itself, which
    rescues pages whose declared charset is wrong. Pages beyond the limits above
    are cut first. Raises ExtractionError (naming ``label`` or ``url``, and what
    was cut) when no article text is found.
    """
    name = label or url or "page"
    html, cuts, elements = trim_markup(html)
    fast = elements > FALLBACK_ELEMENTS
    notes = [f"read only {'; '.join(cuts)}"] if cuts else []
    if fast:
        notes.append(f"no fallback extractor, as the page has over {FALLBACK_ELEMENTS:,} elements")
    cut = f" ({'; '.join(notes)})" if notes else ""
    date_params = {
        "original_date": True,
        "extensive_search": len(html) <= FULL_DATE_SEARCH_SIZE,
    }
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            fast=fast,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
            date_extraction_params=date_params,
        )
    except Exception as exc:  # trafilatura raises assorted lxml and value errors on junk input
        raise ExtractionError(name, f"page could not be parsed ({type(exc).__name__}: {exc}){cut}") from exc
    text = normalise_text(result.text or "") if result is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(name, f"no article text found on the page{cut}")
    return Extracted(
        text=text,
        title=_clean(result.title),
        author=_clean(result.author),
        published=_clean(result.date),
        sitename=_clean(result.sitename),
        url=_clean(result.url),
    )


def trim_markup(html: AnyStr) -> Trimmed:
    """``html`` cut to the limits above, what was cut (empty when nothing was) and
    the number of elements left."""
    syntax = _SYNTAX[type(html)]
    cuts = []
    if len(html) > MAX_PAGE_SIZE:
        cuts.append(f"the first {MAX_PAGE_SIZE / 2**20:.0f} MB of {len(html) / 2**20:.0f} MB")
        html = html[:MAX_PAGE_SIZE]
    pieces, done, elements, attributes, trimmed = [], 0, 0, 0, 0
    for token in syntax.token.finditer(html):
        body = token.group("attributes")
        if body is None:
            continue
        found = list(islice(syntax.attribute.finditer(body), MAX_ATTRIBUTES + 1))
        elements += 1
        attributes += min(len(found), MAX_ATTRIBUTES)
        if elements > MAX_ELEMENTS or attributes > MAX_PAGE_ATTRIBUTES:
            cuts.append(
                f"the first {elements - 1:,} elements, as a page is read up to {MAX_ELEMENTS:,} "
                f"elements or {MAX_PAGE_ATTRIBUTES:,} attributes"
            )
            html = html[: token.start()]
            elements -= 1
            break
        if len(found) > MAX_ATTRIBUTES:
            trimmed += 1
            pieces += [html[done : token.start("attributes") + found[-2].end()], syntax.close]
            done = token.end()
    if trimmed:
        cuts.append(f"the first {MAX_ATTRIBUTES} attributes of {trimmed:,} elements")
        html = html[:0].join([*pieces, html[done:]])
    return Trimmed(html, cuts, elements)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
