"""What the pages and the JSON API both do: read and check user input, call the library."""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date

from lagebild.analyse import analyse, normalise_text
from lagebild.check import CheckReport, check_article, load_article, pick_story, source_documents
from lagebild.embed import paraphrase_embedders
from lagebild.ingest.fetch import check_address
from lagebild.model import Document, Story
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.stories import get_story
from lagebild.web.cache import VerifierCache
from lagebild.web.errors import BadInput

MAX_ARTICLE_CHARS = 100_000
MAX_INGEST_INPUTS = 50
SEARCH_LIMIT = 2000

_URL = re.compile(r"^https?://", re.IGNORECASE)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class StoryFilter:
    """The filters of the stories list; empty fields filter nothing."""

    query: str = ""
    language: str = ""
    since: date | None = None
    until: date | None = None
    min_size: int = 1

    @classmethod
    def parse(cls, query="", language="", since="", until="", min_size="") -> StoryFilter:
        """Filters from query-string values (strings, as forms send them); BadInput names a bad one."""
        language = (language or "").strip().lower()
        if language and not _LANGUAGE.match(language):
            raise BadInput(f"lang: {language!r} is not a language code like de or en")
        size = (str(min_size) if min_size is not None else "").strip() or "1"
        if not size.isdigit() or int(size) < 1:
            raise BadInput(f"min_size: {min_size!r} is not a whole number of at least 1")
        return cls(
            (query or "").strip()[:200], language, _day(since, "since"), _day(until, "until"), int(size)
        )


def _day(value: str | None, name: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def find_stories(store: Store, wanted: StoryFilter) -> list[tuple[Story, int]]:
    """Stories that pass the filters, biggest first, each with its number of matching documents
    (all of them when there is no query)."""
    stories = store.stories()
    hits = {s.id: s.size for s in stories}
    if wanted.query:
        found = store.search(wanted.query, limit=SEARCH_LIMIT)
        hits = Counter(store.story_ids_of_docs([d.id for d in found]).values())
    since = wanted.since.isoformat() if wanted.since else None
    until = wanted.until.isoformat() if wanted.until else None
    return [
        (s, hits[s.id])
        for s in stories
        if hits.get(s.id)
        and s.size >= wanted.min_size
        and (not wanted.language or wanted.language in s.languages)
        # A story passes a date range when its reports overlap it.
        and (since is None or (s.last_published or "")[:10] >= since)
        and (until is None or ("" < (s.first_published or "")[:10] <= until))
    ]


def check_url(url: str, settings: Settings) -> str:
    """An http(s) URL that the address guard lets through, or BadInput / FetchError saying why not."""
    url = url.strip()
    if not _URL.match(url):
        # load_article and ingest read local paths too: from the web only URLs are taken.
        raise BadInput(f"{url[:200]}: not an http(s) URL")
    check_address(url, settings)
    return url


def ingest_inputs(lines: list[str], settings: Settings) -> list[str]:
    """The inputs of an ingest request: URLs of pages and feeds, or wiki:LANG:Title, each checked."""
    inputs = [line.strip() for line in lines if line.strip()]
    if not inputs:
        raise BadInput("no input: give at least one URL of a feed or page")
    if len(inputs) > MAX_INGEST_INPUTS:
        raise BadInput(f"{len(inputs)} inputs: at most {MAX_INGEST_INPUTS} at a time")
    return [spec if spec.startswith("wiki:") else check_url(spec, settings) for spec in inputs]


def article_from_text(text: str) -> Document:
    """Pasted text as an article, the way ``load_article`` reads a .txt file."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise BadInput(f"text: {len(text):,} characters, at most {MAX_ARTICLE_CHARS:,}")
    text = normalise_text(text)
    if not text.strip():
        raise BadInput("text: the article is empty")
    analysis = analyse(text)
    return Document(
        id="article",
        url=None,
        source="Artikel",
        title=None,
        text=text,
        language=analysis.language,
        sentences=analysis.sentences,
    )


def run_check(
    store: Store,
    settings: Settings,
    compute: threading.Lock,
    text: str = "",
    url: str = "",
    story_id: str = "",
    semantic: bool = True,
    sources: list[str] | None = None,
    *,
    verifiers: VerifierCache,
) -> CheckReport:
    """Check pasted text or the article at a URL against a story (the best fit if none is
    given) or, as ``check --sources``, against the pages and feeds at the given URLs."""
    text, url, story_id = (text or "").strip(), (url or "").strip(), (story_id or "").strip()
    if bool(text) == bool(url):
        raise BadInput("give either the article's text or its URL")
    specs = ingest_inputs(sources, settings) if sources and any(s.strip() for s in sources) else []
    if specs and story_id:
        raise BadInput("give either a story or sources, not both")
    article = load_article(check_url(url, settings), settings) if url else article_from_text(text)
    story = get_story(store, story_id) if story_id else None
    if specs:
        with compute:
            docs = source_documents(specs, store, settings)
            return check_article(
                article, docs, None, semantic=semantic, embedders=paraphrase_embedders(store)
            )
    with compute:
        story = story or pick_story(store, article)
        verifier, docs = verifiers.get(store, story)
        # As the CLI does: a story's sentences are embedded once and kept in the store.
        embedders = paraphrase_embedders(store)
        return check_article(article, docs, story, semantic=semantic, embedders=embedders, verifier=verifier)
