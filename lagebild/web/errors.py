"""Errors as one-line answers: JSON under /api/, a short page elsewhere, never a stack trace."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from lagebild.errors import LagebildError, NotFoundError, StoreError, UpstreamError

log = logging.getLogger("lagebild.web")


class BadInput(LagebildError):
    """A form field or request parameter the user has to correct."""


def same_origin(request: Request) -> None:
    """Refuse a POST that a page of another site sent (CSRF): browsers name the sending
    page's origin, and it must be this server. Clients that name none (curl) pass."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    sender = _origin(origin)
    if sender is None or sender != _origin(str(request.base_url)):
        raise HTTPException(403, f"requests from pages of {origin} are refused; use this server's own pages")


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """Scheme, host and port of a URL (the default port filled in), as browsers compare
    origins; None when it has none ("null" from sandboxed pages) or is malformed."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname, port or _DEFAULT_PORTS.get(parts.scheme.lower())


def status_of(exc: LagebildError) -> int:
    """The HTTP status for a library error: what the user asked for is missing or unusable."""
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, StoreError):
        return 503
    if isinstance(exc, UpstreamError):
        return 502  # the article's server failed, not the request
    # Bad input, unreadable or refused URLs and every other message the user can act on.
    return 400


def install_error_handlers(app: FastAPI) -> None:
    """Answer every failure with a status and one line of text."""

    @app.exception_handler(LagebildError)
    async def lagebild_error(request: Request, exc: LagebildError) -> Response:
        return error_response(request, status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if exc.status_code != 404 else f"{request.url.path}: not found"
        return error_response(request, exc.status_code, str(message), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        return error_response(request, 500, "internal error; the details are in the server log")


def error_response(request: Request, status: int, message: str, headers=None) -> Response:
    """JSON ``{"error": message}`` for the API, a small HTML page for the browser."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    templates = request.app.state.templates
    page = templates.get_template("error.html").render(status=status, message=message)
    return HTMLResponse(page, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "form"))
    return f"{where or 'request'}: {first.get('msg', 'invalid')}"
