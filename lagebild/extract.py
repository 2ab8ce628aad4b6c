"""Main text and metadata from an HTML page, with trafilatura.

trafilatura ranks best among open extraction libraries on the ScrapingHub
benchmark; we only choose its options and turn its result into our fields.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from lagebild.analyse import normalise_text
from lagebild.errors import ExtractionError

# Below this many characters a page is a stub (paywall, consent wall, index page).
MIN_TEXT_CHARS = 80


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
    rescues pages whose declared charset is wrong. Raises ExtractionError
    (naming ``label`` or ``url``) when no article text is found.
    """
    name = label or url or "page"
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura raises assorted lxml and value errors on junk input
        raise ExtractionError(name, f"page could not be parsed ({type(exc).__name__}: {exc})") from exc
    text = normalise_text(result.text or "") if result is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(name, "no article text found on the page")
    return Extracted(
        text=text,
        title=_clean(result.title),
        author=_clean(result.author),
        published=_clean(result.date),
        sitename=_clean(result.sitename),
        url=_clean(result.url),
    )


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
