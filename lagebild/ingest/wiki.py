"""Wikipedia articles as plain text, through the MediaWiki Action API."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from lagebild.errors import IngestError
from lagebild.ingest.base import Context, Items
from lagebild.model import RawDocument

_SPEC = re.compile(r"^wiki:([a-z]{2,3}(?:-[a-z0-9]{1,8})*):(.+)$")


def read_wiki(spec: str, ctx: Context) -> Items:
    """``wiki:LANG:Title``: the article's plain text, URL and current revision."""
    m = _SPEC.match(spec.strip())
    if not m:
        raise IngestError(spec, "expected wiki:LANG:Title, for example wiki:de:Oblast Kursk")
    lang, title = m.group(1), m.group(2).strip()
    params = {
        "action": "query",
        "prop": "extracts|info|revisions",
        "explaintext": "1",
        "exsectionformat": "plain",
        "redirects": "1",
        "inprop": "url",
        "rvprop": "ids|timestamp",
        "titles": title,
        "format": "json",
        "formatversion": "2",
    }
    api = ctx.settings.wiki_api.format(lang=lang)
    response = ctx.fetcher.get(f"{api}?{urlencode(params)}")
    try:
        pages = json.loads(response.content)["query"]["pages"]
        page = pages[0]
    except (ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:
        raise IngestError(spec, f"unexpected answer from the MediaWiki API at {api}") from exc
    if page.get("missing") or page.get("invalid"):
        raise IngestError(spec, f"no such article on {lang}.wikipedia.org")
    text = page.get("extract") or ""
    if not text.strip():
        raise IngestError(spec, "the article has no text")
    url = page.get("canonicalurl") or page.get("fullurl")
    known = ctx.known(url, spec) if url else None
    if known:
        yield known
        return
    revision = (page.get("revisions") or [{}])[0]
    yield RawDocument(
        label=spec,
        kind="wiki",
        url=url,
        title=page.get("title") or title,
        source=f"Wikipedia ({lang})",
        language=page.get("pagelanguage") or lang,
        published=revision.get("timestamp"),
        text=text,
        meta={"revision": revision.get("revid") or page.get("lastrevid"), "pageid": page.get("pageid")},
    )
