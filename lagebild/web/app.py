"""The FastAPI application: pages, JSON API and Atom feed over one Settings object."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException

from lagebild import __version__
from lagebild.render.brief import safe_url
from lagebild.settings import Settings
from lagebild.web import api, feed, pages
from lagebild.web.errors import error_response, install_error_handlers
from lagebild.web.state import Web
from lagebild.web.views import german_date

HERE = Path(__file__).parent

# An article to check is at most MAX_ARTICLE_CHARS (100,000 characters, under 1 MB as JSON);
# larger bodies are refused before they are read, so that one request cannot fill the memory.
MAX_BODY_BYTES = 2 * 1024 * 1024

# No script runs on any page (citations open with CSS), so none is allowed: third-party
# text that slipped through escaping still could not execute.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        b"base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    # Not no-referrer: browsers then send "Origin: null" with form posts, which same_origin refuses.
    (b"referrer-policy", b"same-origin"),
]


def templates() -> Environment:
    """The page templates, autoescaped (HTML and XML), with the filters they use."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = german_date
    env.filters["safe_url"] = safe_url
    env.globals["version"] = __version__
    return env


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response (plain ASGI: no per-request overhead worth naming)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses a request body over ``limit`` bytes before it is read: at once when its
    Content-Length says so, else as soon as the streamed (chunked) body passes the limit.

    FastAPI's own ``max_body_size`` answers a too-large Content-Length with a plain-text
    page of its own; here it is answered as every other error (JSON under /api/)."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self.message = f"the request body is larger than {limit:,} bytes"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if _content_length(scope) > self.limit:
            response = error_response(Request(scope), 413, self.message)
            return await response(scope, receive, send)
        received = 0

        async def receive_within_limit():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                # Raised where the application reads the body, so its error handlers answer.
                raise HTTPException(413, self.message)
            return message

        return await self.app(scope, receive_within_limit, send)


def _content_length(scope) -> int:
    try:
        return int(Headers(scope=scope).get("content-length", "0"))
    except ValueError:
        return 0


def create_app(settings: Settings, warm: bool = True, hosts: list[str] | None = None) -> FastAPI:
    """The application serving the store named in ``settings``; ``warm`` writes the latest
    briefs in the background at startup; ``hosts`` are the only Host names it answers (any
    when None)."""
    web = Web(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm:
            threading.Thread(target=web.warm, name="lagebild-warm", daemon=True).start()
        yield
        web.jobs.shutdown()

    app = FastAPI(
        title="lagebild",
        version=__version__,
        summary="News reports as stories, cited German briefs, claims compared, articles checked.",
        description="The JSON answers follow the schemas of shared/spec/ (the same as `--format json` "
        'of the CLI). Errors are `{"error": message, "status": code}`.',
        # The interactive docs load their scripts from a CDN; lagebild works offline.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = web
    app.state.templates = templates()
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    if hosts is not None:
        # A page on another domain rebound to 127.0.0.1 (DNS rebinding) still names that domain.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(feed.router)
    install_error_handlers(app)
    return app
