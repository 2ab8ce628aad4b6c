"""A client of OpenAI-compatible chat-completions endpoints (llama.cpp's server, Ollama,
vLLM, hosted APIs): one streamed answer per request, with timeouts and retries.

Every failure is an LLMError whose message is one line a user can act on: the endpoint
cannot be reached, it does not know the model, it took too long, the model refused.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from lagebild.errors import LagebildError

RETRIES = 2
BACKOFF = 0.5  # seconds before the first retry; doubled for each next one
CONNECT_TIMEOUT = 5.0


class LLMError(LagebildError):
    """The endpoint gave no usable answer; the message says why, in one line."""


@dataclass(slots=True)
class Completion:
    """One answer of the model, with what it cost."""

    text: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float
    finish_reason: str | None

    @property
    def tokens_per_second(self) -> float:
        """Tokens written per second of the whole request (prompt reading included)."""
        return self.completion_tokens / self.seconds if self.seconds > 0 else 0.0


def api_base(url: str) -> str:
    """The API root of an endpoint URL: a bare server ("http://host:8080") serves it under
    /v1, as all the servers named above do; a URL with a path is taken as the root, and a
    full chat-completions URL is cut back to it."""
    url = url.strip().rstrip("/")
    if not url.lower().startswith(("http://", "https://")):
        raise LLMError(f"--llm-url {url}: not an http(s) URL")
    url = url.removesuffix("/chat/completions")
    if httpx.URL(url).path in ("", "/"):
        url += "/v1"
    return url


class ChatClient:
    """Chat completions from one endpoint. ``key`` is sent as a bearer token; ``timeout``
    bounds each read, ``deadline`` a whole answer (seconds)."""

    def __init__(
        self,
        url: str,
        model: str | None = None,
        key: str | None = None,
        timeout: float = 20.0,
        deadline: float = 300.0,
        retries: int = RETRIES,
    ):
        self.base = api_base(url)
        self.model = model
        self.deadline = deadline
        self.retries = retries
        self._resolved = False
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._http = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def resolve_model(self) -> str:
        """The model to ask: the one given, if the endpoint lists it (or lists none), else
        the endpoint's first (a llama.cpp server serves exactly one). LLMError for a model
        the endpoint does not list."""
        response = self._request("GET", "/models")
        listed = []
        if response.status_code == 200:
            try:
                listed = [m["id"] for m in response.json().get("data", []) if isinstance(m, dict)]
            except (ValueError, KeyError, TypeError, AttributeError):
                listed = []
        if self.model:
            if listed and self.model not in listed:
                raise LLMError(
                    f"{self.base}: unknown model {self.model!r} (the endpoint serves: {', '.join(listed)})"
                )
            return self.model
        if not listed:
            raise LLMError(f"{self.base}: lists no model; name one with --llm-model")
        self.model = listed[0]
        return self.model

    def complete(
        self,
        messages: list[dict],
        max_tokens: int = 1024,
        progress: Callable[[int], None] | None = None,
    ) -> Completion:
        """The model's answer to ``messages``, streamed; ``progress`` is called with the
        number of pieces received so far."""
        # The model is checked against the endpoint's list once, so that a misspelt name is
        # said as such (some servers answer any name with the one model they serve).
        if not self._resolved:
            self.resolve_model()
            self._resolved = True
        model = self.model
        body = {
            "model": model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0,
            "stream": True,
            "stream_options": {"include_usage": True},
        }
        started = time.monotonic()
        attempt = 0
        while True:
            try:
                return self._stream(body, started, progress)
            except _Retry as exc:
                attempt += 1
                if attempt > self.retries:
                    raise LLMError(str(exc)) from None
                time.sleep(BACKOFF * 2 ** (attempt - 1))

    def _stream(self, body: dict, started: float, progress) -> Completion:
        pieces: list[str] = []
        usage: dict = {}
        finish = None
        refusal = ""
        try:
            with self._http.stream("POST", self.base + "/chat/completions", json=body) as response:
                if response.status_code != 200:
                    response.read()
                    self._fail(response, body["model"])
                for line in response.iter_lines():
                    if time.monotonic() - started > self.deadline:
                        raise LLMError(f"{self.base}: no complete answer within {self.deadline:g} s")
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    try:
                        event = json.loads(data)
                    except ValueError:
                        raise LLMError(f"{self.base}: the stream is not JSON: {data[:80]!r}") from None
                    if not isinstance(event, dict):
                        continue
                    if event.get("error"):
                        raise LLMError(f"{self.base}: the model failed: {_message(event['error'])}")
                    usage = event.get("usage") or usage
                    for choice in event.get("choices") or []:
                        delta = choice.get("delta") or {}
                        pieces.append(delta.get("content") or "")
                        refusal += delta.get("refusal") or ""
                        finish = choice.get("finish_reason") or finish
                    if progress:
                        progress(len(pieces))
        except httpx.ConnectError as exc:
            raise _Retry(f"{self.base}: unreachable ({_reason(exc)})") from None
        except httpx.TimeoutException:
            raise _Retry(self._timed_out()) from None
        except httpx.HTTPError as exc:
            raise _Retry(f"{self.base}: {_reason(exc)}") from None
        text = "".join(pieces)
        if refusal or finish == "content_filter":
            raise LLMError(f"{self.base}: the model refused: {(refusal or 'content filter')[:120]}")
        return Completion(
            text=text,
            model=body["model"],
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            # Without usage, each streamed piece is about one token.
            completion_tokens=int(usage.get("completion_tokens") or sum(1 for p in pieces if p)),
            seconds=time.monotonic() - started,
            finish_reason=finish,
        )

    def _request(self, method: str, path: str) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self._http.request(method, self.base + path)
                if response.status_code < 500:
                    return response
                problem = f"{self.base}: server error {response.status_code}"
            except httpx.ConnectError as exc:
                problem = f"{self.base}: unreachable ({_reason(exc)})"
            except httpx.TimeoutException:
                problem = self._timed_out()
            except httpx.HTTPError as exc:
                problem = f"{self.base}: {_reason(exc)}"
            attempt += 1
            if attempt > self.retries:
                raise LLMError(problem)
            time.sleep(BACKOFF * 2 ** (attempt - 1))

    def _timed_out(self) -> str:
        return f"{self.base}: timed out after {self._http.timeout.read:g} s without an answer"

    def _fail(self, response: httpx.Response, model: str) -> None:
        """An answer other than 200: a server error is retried, anything else is final."""
        try:
            detail = _message(response.json().get("error") or response.text)
        except ValueError:
            detail = response.text
        detail = " ".join(detail.split())[:160]
        if response.status_code >= 500:
            raise _Retry(f"{self.base}: server error {response.status_code}: {detail}")
        if response.status_code == 404 and "model" in detail.lower():
            raise LLMError(f"{self.base}: unknown model {model!r}: {detail}")
        if response.status_code in (401, 403):
            raise LLMError(f"{self.base}: not authorised ({response.status_code}); set LAGEBILD_LLM_KEY")
        raise LLMError(f"{self.base}: {response.status_code}: {detail}")


class _Retry(Exception):
    """A failure that may pass: the connection, a timeout, a server error."""


def _message(error) -> str:
    if isinstance(error, dict):
        return str(error.get("message") or error)
    return str(error)


def _reason(exc: Exception) -> str:
    """The last line of an httpx error: "[Errno 111] Connection refused", not the stack."""
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__
