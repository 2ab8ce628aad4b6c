"""The HTML pages: stories, a story with its brief, a document, check, ingest."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from lagebild.errors import LagebildError, NotFoundError
from lagebild.web.errors import same_origin, status_of
from lagebild.web.service import MAX_ARTICLE_CHARS, StoryFilter, find_stories, ingest_inputs, run_check
from lagebild.web.state import web_of
from lagebild.web.views import JOB_STATES, check_page, story_page

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """A page from its template; every value is escaped by the template engine."""
    page = request.app.state.templates.get_template(name).render(**context)
    return HTMLResponse(page, status_code=status)


@router.get("/")
def stories(
    request: Request, q: str = "", lang: str = "", since: str = "", until: str = "", min_size: str = ""
):
    """The stories, biggest first: search over titles and text, filters by language and date."""
    web = web_of(request)
    web.place_pending()
    wanted = StoryFilter.parse(q, lang, since, until, min_size)
    store = web.store()
    found = find_stories(store, wanted)
    languages = sorted({lang for s in store.stories() for lang in s.languages})
    return render(
        request,
        "stories.html",
        stories=found,
        wanted=wanted,
        languages=languages,
        documents=store.count_documents(),
        pending=len(store.unclustered_doc_ids()),
    )


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str):
    """A story: the brief with its citations, the numbers compared, who says what, the reports."""
    web = web_of(request)
    view = web.cache.view(web.store(), story_id)
    if view.page is None:
        # Rendered once per story version, like the brief it shows.
        view.page = request.app.state.templates.get_template("story.html").render(**story_page(view))
    return HTMLResponse(view.page)


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str):
    """One stored report: its metadata, the story it belongs to and its text."""
    store = web_of(request).store()
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFoundError(f"document {doc_id}: no such document")
    story_id = store.story_ids_of_docs([doc.id]).get(doc.id)
    story = store.story(story_id) if story_id is not None else None
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    return render(request, "document.html", doc=doc, story=story, paragraphs=paragraphs)


@router.get("/check")
def check_form(request: Request, story: str = ""):
    """The form to check an article: pasted text or a URL, against a story or the best fit."""
    return _check(request, story=story)


@router.post("/check", dependencies=[Depends(same_origin)])
def check(
    request: Request,
    text: str = Form(""),
    url: str = Form(""),
    story: str = Form(""),
    sources: str = Form(""),
    rules_only: bool = Form(False),
):
    """Check the article and show each sentence with its verdict, evidence and issues."""
    web = web_of(request)
    given = dict(text=text, url=url, story=story, sources=sources)
    try:
        report = run_check(
            web.store(),
            web.settings,
            web.compute,
            text,
            url,
            story,
            semantic=not rules_only,
            sources=sources.splitlines(),
            verifiers=web.verifiers,
        )
    except LagebildError as exc:
        return _check(request, status_of(exc), str(exc), **given)
    return _check(request, result=check_page(report), **given)


def _check(request: Request, status: int = 200, error: str | None = None, **context) -> HTMLResponse:
    stories = web_of(request).store().stories()
    return render(
        request,
        "check.html",
        status,
        error=error,
        stories=stories,
        max_chars=MAX_ARTICLE_CHARS,
        **{"text": "", "url": "", "story": "", "sources": "", "result": None, **context},
    )


@router.get("/ingest")
def ingest_form(request: Request):
    """The form to add feeds and pages, with the latest ingest runs."""
    return _ingest(request)


@router.post("/ingest", dependencies=[Depends(same_origin)])
def ingest(request: Request, inputs: str = Form("")):
    """Start an ingest run in the background and go to its status page."""
    web = web_of(request)
    try:
        specs = ingest_inputs(inputs.splitlines(), web.settings)
    except LagebildError as exc:
        return _ingest(request, status_of(exc), str(exc), inputs)
    job = web.jobs.submit(specs)
    return RedirectResponse(f"/ingest/{job.id}", status_code=303)


def _ingest(request: Request, status: int = 200, error: str | None = None, inputs: str = "") -> HTMLResponse:
    web = web_of(request)
    return render(
        request,
        "ingest.html",
        status,
        error=error,
        inputs=inputs,
        jobs=web.jobs.recent(),
        states=JOB_STATES,
        allow_private=web.settings.allow_private,
    )


@router.get("/ingest/{job_id}")
def ingest_status(request: Request, job_id: str):
    """Progress and per-input errors of an ingest run; reloads itself while it runs."""
    job = web_of(request).jobs.get(job_id)
    return render(request, "job.html", job=job, states=JOB_STATES)


@router.get("/api")
def api_overview(request: Request):
    """The JSON API's endpoints, from its OpenAPI description."""
    schema = request.app.openapi()
    endpoints = [
        (method.upper(), path, op.get("summary", ""))
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return render(request, "api.html", endpoints=endpoints)
