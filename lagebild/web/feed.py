"""/feed.atom: the latest briefs as an Atom feed, one entry per story."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from lagebild.web.state import web_of
from lagebild.web.views import story_page

router = APIRouter(include_in_schema=False)

ENTRIES = 50

_DAY = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_ZONE = re.compile(r"(Z|[+-]\d{2}:\d{2})$")


def rfc3339(value: str | None) -> str:
    """A stored date as the timestamp Atom requires (reduced precision: the first day, UTC)."""
    if not value:
        return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    if _DAY.match(value):
        year, month, day = (value.split("-") + ["01", "01"])[:3]
        return f"{year}-{month}-{day}T00:00:00Z"
    # Naive datetimes are taken as UTC: Atom readers reject a timestamp without a zone.
    return value if _ZONE.search(value) else value + "Z"


@router.get("/feed.atom")
def feed(request: Request) -> Response:
    """The briefs of the stories with the latest reports, newest first."""
    web = web_of(request)
    store = web.store()
    latest = sorted(store.stories(), key=lambda s: s.last_published or "", reverse=True)[:ENTRIES]
    base = str(request.base_url).rstrip("/")
    templates = request.app.state.templates
    entries = []
    for story in latest:
        view = web.cache.view(store, story.id)
        entries.append(
            {
                "story": story,
                "updated": rfc3339(story.last_published),
                # The entry's content is HTML carried as text: rendered (and escaped) here, then
                # escaped once more as XML by the feed template.
                "html": templates.get_template("feed_entry.html").render(base=base, **story_page(view)),
            }
        )
    updated = max((e["updated"] for e in entries), default=rfc3339(None))
    xml = templates.get_template("feed.xml").render(base=base, entries=entries, updated=updated)
    return Response(xml, media_type="application/atom+xml; charset=utf-8")
