"""The JSON API: the CLI's `--format json` answers over HTTP (schemas in shared/spec/)."""

from __future__ import annotations

from itertools import islice
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import AfterValidator, BaseModel, Field

from lagebild.errors import NotFoundError
from lagebild.render.claims import check_dict
from lagebild.render.documents import document_dict, summary_dict
from lagebild.render.stories import story_dict
from lagebild.web.errors import same_origin
from lagebild.web.service import (
    MAX_ARTICLE_CHARS,
    MAX_INGEST_INPUTS,
    StoryFilter,
    find_stories,
    ingest_inputs,
    run_check,
)
from lagebild.web.state import web_of

router = APIRouter(prefix="/api", tags=["api"])

_JSON = "application/json"


def _unicode(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode text (a lone surrogate such as \\ud800)") from None
    return text


# A JSON string may carry a lone surrogate ("\ud800"), which is no text: no store, page or
# answer could encode it, so every string of a request body is refused with it.
Text = Annotated[str, AfterValidator(_unicode)]


class CheckRequest(BaseModel):
    """An article to check: its text or its URL (one of them), optionally against a given story."""

    text: Text = Field("", max_length=MAX_ARTICLE_CHARS, description="The article's text.")
    url: Text = Field("", max_length=2000, description="Or the article's http(s) URL.")
    story: Text | int | None = Field(None, description="Story id; default: the story that fits best.")
    rules_only: bool = Field(False, description="Skip the paraphrase step (faster).")
    sources: list[Text] = Field(
        [],
        max_length=MAX_INGEST_INPUTS,
        description="Instead of a story: URLs of pages or feeds to ingest and check against (as --sources).",
    )


class IngestRequest(BaseModel):
    """URLs of pages, feeds or OPML lists, or wiki:LANG:Title, to ingest in the background."""

    inputs: list[Text] = Field(min_length=1, max_length=MAX_INGEST_INPUTS)


@router.get("/stories", summary="Stories, biggest first (stories.schema.json)")
def stories(
    request: Request,
    q: str = Query("", description="Only stories with documents matching these words."),
    lang: str = Query("", description="Only stories with documents in this language (de, en, ...)."),
    since: str = Query("", description="Only stories with a report on or after this day (YYYY-MM-DD)."),
    until: str = Query("", description="Only stories with a report on or before this day (YYYY-MM-DD)."),
    min_size: int = Query(1, ge=1, description="Only stories with at least this many documents."),
) -> list[dict]:
    """As `lagebild stories --format json`."""
    wanted = StoryFilter.parse(q, lang, since, until, min_size)
    web = web_of(request)
    web.place_pending()
    return [story_dict(s) for s, _ in find_stories(web.store(), wanted)]


@router.get("/stories/{story_id}", summary="One story and its documents")
def story(request: Request, story_id: str) -> dict:
    """As `lagebild story ID --format json`: the story's fields and its documents by date."""
    web = web_of(request)
    view = web.cache.view(web.store(), story_id)
    return story_dict(view.story) | {"documents": [summary_dict(d) for d in view.documents]}


@router.get("/stories/{story_id}/brief", summary="The story's German brief (brief.schema.json)")
def brief(request: Request, story_id: str) -> Response:
    """As `lagebild brief ID --format json`; every sentence with its cited source sentences."""
    web = web_of(request)
    return Response(web.cache.view(web.store(), story_id).brief_json, media_type=_JSON)


@router.get("/stories/{story_id}/claims", summary="Who says what, numbers compared (claims.schema.json)")
def claims(request: Request, story_id: str) -> Response:
    """As `lagebild claims ID --format json`."""
    web = web_of(request)
    return Response(web.cache.view(web.store(), story_id).claims_json, media_type=_JSON)


@router.get("/documents", summary="Stored documents, oldest first, or those matching a search")
def documents(
    request: Request,
    q: str = Query("", description="Only documents matching these words, best first."),
    limit: int = Query(1000, ge=1, le=10000),
) -> list[dict]:
    """As `lagebild docs --format json`."""
    store = web_of(request).store()
    rows = store.search(q, limit=limit) if q.strip() else list(islice(store.documents(), limit))
    return [summary_dict(d) for d in rows]


@router.get("/documents/{doc_id}", summary="One document with its sentences")
def document(request: Request, doc_id: str) -> dict:
    """As `lagebild show ID --format json`."""
    doc = web_of(request).store().get_document(doc_id)
    if doc is None:
        raise NotFoundError(f"document {doc_id}: no such document")
    return document_dict(doc)


@router.post(
    "/check",
    dependencies=[Depends(same_origin)],
    summary="Check an article sentence by sentence (check.schema.json)",
)
def check(request: Request, body: CheckRequest) -> dict:
    """As `lagebild check ARTICLE --format json`; URLs go through the private-address guard."""
    web = web_of(request)
    report = run_check(
        web.store(),
        web.settings,
        web.compute,
        body.text,
        body.url,
        "" if body.story is None else str(body.story),
        semantic=not body.rules_only,
        sources=body.sources,
        verifiers=web.verifiers,
    )
    return check_dict(report)


@router.post(
    "/ingest",
    dependencies=[Depends(same_origin)],
    status_code=202,
    summary="Start ingesting URLs in the background",
)
def ingest(request: Request, body: IngestRequest) -> JSONResponse:
    """Checks every input (http(s) URLs through the private-address guard) before anything
    runs; the answer's Location is the job to poll."""
    web = web_of(request)
    job = web.jobs.submit(ingest_inputs(body.inputs, web.settings))
    return JSONResponse(job.as_dict(), status_code=202, headers={"Location": f"/api/ingest/{job.id}"})


@router.get("/ingest/{job_id}", summary="An ingest job: progress, then the report")
def ingest_job(request: Request, job_id: str) -> dict:
    """While running: state and counts; when done, also the fields of `lagebild ingest --format json`."""
    return web_of(request).jobs.get(job_id).as_dict()
