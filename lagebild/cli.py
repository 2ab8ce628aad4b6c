"""The command line: parse options, call the library, render. No logic lives here."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from lagebild import __version__
from lagebild.errors import LagebildError, NotFoundError
from lagebild.render import documents as render_docs
from lagebild.settings import Settings, load_settings

FORMATS = click.Choice(["text", "json"])


def _fail(message: str) -> None:
    click.echo(f"lagebild: {message}", err=True)
    sys.exit(1)


def command(func):
    """Common options (--db, --json) and one-line errors with exit code 1 for every command."""

    @click.option(
        "--db",
        envvar="LAGEBILD_DB",
        default=None,
        metavar="PATH|URL",
        help="Store: a SQLite file (default ./lagebild.db) or postgresql://...",
    )
    @functools.wraps(func)
    def wrapper(*args, db, **kwargs):
        try:
            settings = load_settings(db=db)
        except ValueError as exc:
            _fail(str(exc))
        try:
            return func(*args, settings=settings, **kwargs)
        except LagebildError as exc:
            _fail(str(exc))

    return wrapper


def format_option(func):
    """--format text|json, with --json as a shorthand."""
    func = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(func)
    return click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)(func)


def writer_options(func):
    """--writer, --llm-url, --llm-model; the endpoint's key is read from LAGEBILD_LLM_KEY only."""
    func = click.option(
        "--llm-model", default=None, help="Model to ask [the endpoint's first; env LAGEBILD_LLM_MODEL]."
    )(func)
    func = click.option(
        "--llm-url",
        default=None,
        metavar="URL",
        help="OpenAI-compatible endpoint of the llm writer, e.g. http://127.0.0.1:8080 "
        "[env LAGEBILD_LLM_URL]; its API key is read from LAGEBILD_LLM_KEY.",
    )(func)
    return click.option(
        "--writer",
        type=click.Choice(["extractive", "llm"]),
        default=None,
        help="Who writes briefs: the sources' own sentences, or a language model gated by the "
        "verifier [extractive; env LAGEBILD_WRITER].",
    )(func)


def _open(settings: Settings, write: bool = False):
    """The store; a command that must ``write`` fails at once on a read-only one, any other
    opens a read-only store for reading."""
    from lagebild.store import open_store

    return open_store(settings.db, read_only=False if write else None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lagebild")
def main() -> None:
    """lagebild: many news reports about one story in, one sourced German briefing out."""
    # File names the shell passes that are not UTF-8 arrive as lone surrogates (os.fsdecode)
    # and reports print them: escaped, they cannot end a run with UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Allow URLs that resolve to private, loopback or link-local addresses.",
)
@click.option("--timeout", type=float, default=None, help="Seconds to wait for a server [20].")
@click.option("--source", "source_name", default=None, help="Publisher name for files that do not name one.")
@click.option("--no-stories", is_flag=True, help="Only store; do not update stories now.")
@format_option
@command
def ingest(inputs, allow_private, timeout, source_name, no_stories, fmt, as_json, settings: Settings):
    """Add reports: files (.jsonl .html .txt .md .warc .warc.gz .opml), directories,
    URLs of pages, feeds and OPML lists, and Wikipedia articles as wiki:LANG:Title."""
    from lagebild.ingest import ingest as run_ingest

    settings = load_settings(db=settings.db, allow_private=allow_private, timeout=timeout)
    with _open(settings, write=True) as store:
        with _progress() as bar:
            report = run_ingest(inputs, store, settings, progress=bar, source_name=source_name)
        clustered = None if no_stories else _update_stories(store)
    if fmt == "json" or as_json:
        click.echo(render_docs.to_json(_report_dict(report, clustered)))
    else:
        click.echo(render_docs.report_text(report))
        if clustered and clustered.documents:
            click.echo(
                f"stories: {clustered.documents} documents placed, "
                f"{clustered.stories_written} stories updated"
            )
    if report.failed:
        # The report above lists every failure; stderr gets the one-line reason the CLI promises.
        first = report.failed[0]
        more = f" (and {len(report.failed) - 1} more, listed above)" if len(report.failed) > 1 else ""
        _fail(f"{first.label}: {first.reason}{more}")


def _report_dict(report, clustered) -> dict:
    """An ingest or backfill report as JSON data: what was added, present, copied, failed."""
    return {
        "added": [r.doc_id for r in report.added],
        "present": [r.doc_id for r in report.present],
        "copies": {r.doc_id: r.copy_of for r in report.copies},
        "failed": [{"input": f.label, "reason": f.reason} for f in report.failed],
        "notes": report.notes,
        "stories_updated": clustered.stories_written if clustered else 0,
    }


def _bar(desc: str):
    from tqdm import tqdm

    return tqdm(desc=desc, unit=" doc", file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)


def _update_stories(store):
    from lagebild.stories import update_stories

    with _bar("stories") as bar:
        return update_stories(store, progress=bar.update)


def _place_pending(store) -> None:
    """Place the documents that are in no story yet; a read-only store is read as it is."""
    pending = store.unclustered_doc_ids()
    if pending and store.read_only:
        click.echo(f"lagebild: {len(pending)} documents are in no story yet (read-only database)", err=True)
    elif pending:
        _update_stories(store)


class _progress:
    """A progress bar on stderr (only on a terminal) counting documents as they are stored."""

    def __init__(self, unit: str = " doc"):
        self.unit = unit

    def __enter__(self):
        from tqdm import tqdm

        self.bar = tqdm(unit=self.unit, file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)
        self.counts = {"added": 0, "present": 0, "failed": 0}
        return self

    def __call__(self, spec: str, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        self.bar.set_description(spec[-40:], refresh=False)
        self.bar.set_postfix(self.counts, refresh=False)
        self.bar.update(1)

    def __exit__(self, *exc):
        self.bar.close()


@main.command()
@click.argument("archives", nargs=-1, required=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes of the local Dask cluster [one per core].",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="A running Dask scheduler to use instead of a local cluster.",
)
@format_option
@command
def backfill(archives, workers, scheduler, fmt, as_json, settings: Settings):
    """Add a large archive (.warc .warc.gz .jsonl, directories, anything ingest reads),
    extracting and analysing on a Dask cluster, then place the reports in stories.
    Started again after a crash, it skips what is stored."""
    import time

    from lagebild.backfill import backfill as run_backfill
    from lagebild.backfill import dask_client

    started = time.monotonic()
    with _open(settings, write=True) as store, dask_client(scheduler, workers, settings.timeout) as client:
        with _progress(unit=" report") as bar:
            report = run_backfill(archives, store, settings, client, progress=bar)
        clustered = _update_stories(store)
    seconds = time.monotonic() - started
    done = len(report.added) + len(report.present) + len(report.failed)
    if fmt == "json" or as_json:
        summary = {"placed": clustered.documents, "seconds": round(seconds, 1)}
        summary["reports_per_second"] = round(done / seconds, 1)
        click.echo(render_docs.to_json(_report_dict(report, clustered) | summary))
    else:
        click.echo(
            f"added {len(report.added)}, present {len(report.present)}, failed {len(report.failed)}, "
            f"{clustered.documents} placed in stories, {seconds:.1f} s ({done / seconds:.1f} reports/s)"
        )
        for note in report.notes:
            click.echo(f"  note: {note}")
    for failure in report.failed:
        click.echo(f"lagebild: {failure.label}: {failure.reason}", err=True)
    if report.failed:
        sys.exit(1)


@main.command()
@click.option("--search", "query", default=None, help="Only documents matching these words.")
@format_option
@command
def docs(query, fmt, as_json, settings: Settings):
    """List the stored documents, oldest first."""
    with _open(settings) as store:
        rows = store.search(query, limit=1000) if query else list(store.documents())
    if fmt == "json" or as_json:
        click.echo(render_docs.to_json([render_docs.summary_dict(d) for d in rows]))
    elif not rows:
        _fail(f"no documents in {settings.db}" + (f" match {query!r}" if query else ""))
    else:
        click.echo(render_docs.documents_table(rows))


@main.command()
@click.argument("doc_id")
@format_option
@command
def show(doc_id, fmt, as_json, settings: Settings):
    """Show one document with its numbered sentences."""
    with _open(settings) as store:
        doc = store.get_document(doc_id)
    if doc is None:
        raise NotFoundError(f"{doc_id}: no such document in {settings.db}")
    if fmt == "json" or as_json:
        click.echo(render_docs.to_json(render_docs.document_dict(doc)))
    else:
        click.echo(render_docs.document_text(doc))


@main.command()
@click.option(
    "--min-size",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only stories with at least this many documents.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only stories with a report on or after this date (YYYY-MM-DD).",
)
@format_option
@command
def stories(min_size, since, fmt, as_json, settings: Settings):
    """List the stories found, biggest first."""
    from lagebild.render import stories as render_stories

    with _open(settings) as store:
        _place_pending(store)
        found = store.stories()
    day = since.date().isoformat() if since else None
    found = [s for s in found if s.size >= min_size and (day is None or (s.last_published or "") >= day)]
    if fmt == "json" or as_json:
        click.echo(render_docs.to_json([render_stories.story_dict(s) for s in found]))
    elif not found:
        _fail(f"no stories in {settings.db}" + (" match the filters" if min_size > 1 or day else ""))
    else:
        click.echo(render_stories.stories_table(found))


@main.command()
@click.argument("story_id")
@format_option
@command
def story(story_id, fmt, as_json, settings: Settings):
    """Show one story: its documents by date, duplicate groups marked."""
    from lagebild.render import stories as render_stories
    from lagebild.stories import get_story

    with _open(settings) as store:
        found = get_story(store, story_id)
        docs = store.summaries(found.doc_ids)
    if fmt == "json" or as_json:
        data = render_stories.story_dict(found)
        data["documents"] = [render_docs.summary_dict(d) for d in docs]
        click.echo(render_docs.to_json(data))
    else:
        click.echo(render_stories.story_text(found, docs))


@main.command()
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@command
def claims(story_id, fmt, as_json, settings: Settings):
    """Who says what in a story, with the numbers of its sources side by side."""
    from lagebild.render import claims as render_claims
    from lagebild.stories import story_comparison

    with _open(settings) as store:
        story_found, result = story_comparison(store, story_id)
    if fmt == "json" or as_json:
        click.echo(render_docs.to_json(render_claims.claims_dict(story_found.id, result)))
    else:
        duplicate_of = {d: g[0] for g in story_found.duplicate_groups for d in g}
        click.echo(render_claims.claims_markdown(story_found.title, result, duplicate_of))


@main.command()
@click.argument("article")
@click.option("--story", "story_id", default=None, help="Check against this story (default: the best fit).")
@click.option(
    "--sources",
    "source_inputs",
    multiple=True,
    help="Ingest these inputs and check against them (repeatable).",
)
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Allow URLs that resolve to private, loopback or link-local addresses.",
)
@click.option(
    "--rules-only",
    is_flag=True,
    help="Skip the paraphrase step for sentences the rules find unsupported (faster).",
)
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@command
def check(article, story_id, source_inputs, allow_private, rules_only, fmt, as_json, settings: Settings):
    """Check an article (file or URL) sentence by sentence against the sources."""
    from lagebild.check import check_article, load_article, pick_story, source_documents
    from lagebild.embed import paraphrase_embedders
    from lagebild.render import claims as render_claims
    from lagebild.stories import documents_of, get_story

    settings = load_settings(db=settings.db, allow_private=allow_private)
    text = load_article(article, settings)
    with _open(settings) as store:
        story_found = None
        if source_inputs:
            docs = source_documents(list(source_inputs), store, settings)
        else:
            _place_pending(store)
            story_found = get_story(store, story_id) if story_id else pick_story(store, text)
            docs = documents_of(store, story_found.doc_ids)
        # The first check of a story embeds the source sentences it compares (about a second with
        # the model's load); a bar shows it moving.
        with _bar("check") as bar:
            bar.unit, bar.total = " sentence", len(text.sentences)
            result = check_article(
                text,
                docs,
                story_found,
                semantic=not rules_only,
                embedders=paraphrase_embedders(store),
                progress=bar.update,
            )
    if fmt == "json" or as_json:
        click.echo(render_docs.to_json(render_claims.check_dict(result)))
    else:
        click.echo(render_claims.check_markdown(result))


@main.command()
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of the terminal.",
)
@writer_options
@command
def brief(story_id, fmt, as_json, output, writer, llm_url, llm_model, settings: Settings):
    """A German briefing of a story, every sentence cited to its sources."""
    from lagebild.render import brief as render_brief
    from lagebild.stories import story_brief
    from lagebild.write import check_writer

    settings = load_settings(db=settings.db, writer=writer, llm_url=llm_url, llm_model=llm_model)
    check_writer(settings)
    with _open(settings) as store, _bar("model") as bar:
        bar.unit = " token"
        result = story_brief(
            store,
            story_id,
            settings,
            warn=lambda message: click.echo(f"lagebild: {message}", err=True),
            progress=lambda pieces: bar.update(pieces - bar.n),
        )
    fmt = "json" if as_json else fmt
    text = {
        "md": render_brief.brief_markdown,
        "html": render_brief.brief_html,
        "json": lambda b: render_docs.to_json(render_brief.brief_dict(b)),
    }[fmt](result)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"brief of story {result.story_id} written to {output}", err=True)
    else:
        click.echo(text)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, help="Pause between runs: 30s, 15m, 2h, 1d.")
@click.option("--runs", type=click.IntRange(min=1), default=None, help="Stop after this many runs.")
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Allow URLs that resolve to private, loopback or link-local addresses.",
)
@command
def watch(inputs, every, runs, allow_private, settings: Settings):
    """Ingest feeds, pages and files again and again and keep the stories current (Ctrl-C stops)."""
    from lagebild.watch import parse_interval
    from lagebild.watch import watch as run_watch

    settings = load_settings(db=settings.db, allow_private=allow_private)
    try:
        seconds = parse_interval(every, settings.watch_min_interval)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    with _open(settings, write=True) as store:
        try:
            run_watch(list(inputs), store, settings, seconds, runs, click.echo)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Let ingest and check fetch URLs that resolve to private, loopback or link-local addresses.",
)
@writer_options
@command
def serve(host, port, allow_private, writer, llm_url, llm_model, settings: Settings):
    """Stories, briefs, claims and checks in the browser, and the same as a JSON API."""
    from lagebild.web.server import serve as run_server
    from lagebild.web.server import store_to_serve
    from lagebild.write import check_writer

    settings = load_settings(
        db=settings.db, allow_private=allow_private, writer=writer, llm_url=llm_url, llm_model=llm_model
    )
    check_writer(settings)
    settings = store_to_serve(settings)
    # A store that cannot be opened (a wrong URL, a server that is down) is reported here in one
    # line, not in a traceback per request.
    _open(settings).close()
    run_server(settings, host, port, click.echo)


@main.command()
@command
def recluster(settings: Settings):
    """Rebuild all stories and duplicate groups from scratch."""
    from lagebild.stories import recluster as run_recluster

    with _open(settings, write=True) as store, _bar("stories") as bar:
        report = run_recluster(store, progress=bar.update)
    click.echo(
        f"{report.documents} documents in {report.stories_written} stories "
        f"({report.duplicates} syndicated copies grouped)"
    )


@main.command()
@click.option(
    "--db",
    "demo_db",
    default="lagebild-demo.db",
    show_default=True,
    help="Where to build the demo database (replaced if it holds only demo data).",
)
def demo(demo_db):
    """Ingest the bundled demo corpus into a fresh database and show what the pipeline makes."""
    from lagebild.demo import corpus_path, run_demo

    if "://" in demo_db:
        # The demo replaces its database; a shared server is no place for that.
        _fail(
            f"--db {demo_db}: the demo builds a fresh SQLite file, give a path "
            f"(load the demo corpus into a server with: lagebild ingest {corpus_path()} --db URL)"
        )
    try:
        run_demo(Path(demo_db), load_settings(db=demo_db), click.echo)
    except LagebildError as exc:
        _fail(str(exc))
