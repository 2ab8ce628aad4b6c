"""The FastAPI application: pages, JSON API and Atom feed over one Settings object."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from lagebild import __version__
from lagebild.render.brief import safe_url
from lagebild.settings import Settings
from lagebild.web import api, feed, pages
from lagebild.web.errors import install_error_handlers
from lagebild.web.state import Web
from lagebild.web.views import german_date

HERE = Path(__file__).parent

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
