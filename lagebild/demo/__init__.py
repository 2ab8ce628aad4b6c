"""The bundled demo: a small corpus we wrote ourselves, run through the pipeline."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from lagebild.errors import LagebildError
from lagebild.ingest import ingest
from lagebild.render.brief import brief_html, brief_markdown
from lagebild.render.documents import documents_table, report_text
from lagebild.render.stories import stories_table
from lagebild.settings import Settings
from lagebild.store import open_store
from lagebild.stories import story_brief, update_stories


def corpus_path() -> Path:
    """The demo corpus file inside the installed package."""
    return Path(str(files("lagebild.demo") / "data" / "corpus.jsonl"))


def run_demo(db: Path, settings: Settings, echo: Callable[[str], None]) -> None:
    """Build a fresh demo database at ``db`` and print what the pipeline produced."""
    _make_room(db)
    with open_store(str(db)) as store:
        report = ingest([str(corpus_path())], store, settings)
        echo(f"Demo-Korpus eingelesen nach {db}:")
        echo(report_text(report))
        if report.failed:
            raise LagebildError(f"demo corpus: {len(report.failed)} documents failed")
        docs = list(store.documents())
        echo("")
        echo(documents_table(docs))
        langs = Counter(d.language or "?" for d in docs)
        sentences = sum(d.sentences for d in docs)
        copies = [d for d in docs if d.copy_of]
        echo("")
        echo(
            f"{len(docs)} Dokumente, {sentences} Sätze, Sprachen: "
            + ", ".join(f"{k} {v}" for k, v in langs.most_common())
        )
        for d in copies:
            echo(f"Exakte Kopie: {d.id} ({d.source}) wiederholt {d.copy_of}")
        update_stories(store)
        echo("")
        echo("Geschichten:")
        echo(stories_table(store.stories()))
        largest = store.stories()[0]
        brief = story_brief(store, str(largest.id))
    echo("")
    echo(brief_markdown(brief))
    page = db.with_suffix(".html")
    page.write_text(brief_html(brief) + "\n", encoding="utf-8")
    echo("")
    echo(f"Die Seite mit Belegen (Zitat beim Überfahren der Nummern) liegt in {page}.")
    echo(
        f"Weiter: lagebild serve --db {db} (im Browser: http://127.0.0.1:8000/)   |   "
        f"lagebild stories --db {db}   |   lagebild brief ID --db {db}"
        f"   |   lagebild claims ID --db {db}   |   lagebild check ARTIKEL --db {db}"
    )


def _make_room(db: Path) -> None:
    """Remove an earlier demo database; refuse to touch one that holds other data."""
    if not db.exists():
        return
    with open_store(str(db)) as store:
        foreign = [d.id for d in store.documents() if not _is_demo(store, d.id)]
    if foreign:
        raise LagebildError(
            f"{db}: holds {len(foreign)} documents that are not demo data; choose another path with --db"
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _is_demo(store, doc_id: str) -> bool:
    doc = store.get_document(doc_id)
    return bool(doc and doc.meta.get("demo"))


__all__ = ["corpus_path", "run_demo"]
