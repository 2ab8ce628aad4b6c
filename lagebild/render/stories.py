"""Stories as terminal text and as JSON (spec/stories.schema.json)."""

from __future__ import annotations

from lagebild.model import Story
from lagebild.store.base import DocumentSummary


def story_dict(story: Story) -> dict:
    """A story in the fields of spec/stories.schema.json."""
    return {
        "id": story.id,
        "title": story.title,
        "size": story.size,
        "doc_ids": story.doc_ids,
        "languages": story.languages,
        "sources": story.sources,
        "first_published": story.first_published,
        "last_published": story.last_published,
        "duplicate_groups": story.duplicate_groups,
    }


def stories_table(stories: list[Story]) -> str:
    """One line per story, biggest first."""
    rows = [("ID", "DOCS", "LANG", "FROM", "TO", "SOURCES", "TITLE")]
    for s in stories:
        rows.append(
            (
                str(s.id),
                str(s.size),
                ",".join(s.languages),
                (s.first_published or "undated")[:10],
                (s.last_published or "undated")[:10],
                str(len(s.sources)),
                _cut(s.title, 72),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    return "\n".join("  ".join(c.ljust(widths[i]) for i, c in enumerate(r[:6])) + "  " + r[6] for r in rows)


def story_text(story: Story, docs: list[DocumentSummary]) -> str:
    """A story's documents by date, with source and language; copies marked."""
    group_of = {d: g[0] for g in story.duplicate_groups for d in g}
    undated = sum(1 for d in docs if not d.published)
    span = (
        f"{story.first_published} .. {story.last_published}" if story.first_published else "no dated report"
    )
    head = [
        story.title,
        f"  story {story.id}: {story.size} documents, languages {', '.join(story.languages)}, "
        f"{len(story.sources)} sources, {span}" + (f" ({undated} undated)" if undated else ""),
        "",
    ]
    lines = []
    for d in docs:
        mark = ""
        if d.id in group_of and group_of[d.id] != d.id:
            mark = f"[Kopie von {group_of[d.id]}] "
        elif d.id in group_of:
            mark = "[Original, mehrfach verbreitet] "
        # An unknown date is shown as such: not the ingest time, not a neighbour's.
        date = (d.published or "undated").ljust(10)[:10]
        lines.append(
            f"{date}  {d.language or '?'}  {d.id}  {mark}{d.source}: {_cut(d.title or '(ohne Titel)', 80)}"
        )
    return "\n".join(head + lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
