"""All configuration in one object: CLI options > LAGEBILD_* environment > defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

from lagebild import __version__

DEFAULT_WIKI_API = "https://{lang}.wikipedia.org/w/api.php"


@dataclass(frozen=True)
class Settings:
    """Settings passed down to every stage; nothing reads the environment directly."""

    db: str = "lagebild.db"
    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = f"lagebild/{__version__} (news briefing tool; +https://pypi.org/project/lagebild/)"
    wiki_api: str = DEFAULT_WIKI_API
    # Feed entries whose text is shorter than this are teasers: the linked page is fetched.
    teaser_chars: int = 500
    # The shortest pause of `watch` between runs, in seconds: feeds change every few minutes
    # at most, and without a pause it fetches every feed in a busy loop (tests lower it).
    watch_min_interval: float = 60.0
    # Who writes briefs: "extractive" (offline, the sources' own sentences) or "llm" (an
    # OpenAI-compatible endpoint at llm_url, gated by the verifier).
    writer: str = "extractive"
    llm_url: str | None = None
    llm_model: str | None = None
    # The endpoint's API key: read from LAGEBILD_LLM_KEY only (no option shows it in a shell's
    # history) and never printed.
    llm_key: str | None = field(default=None, repr=False)
    # Seconds a whole answer of the model may take (a slow read fails sooner, after `timeout`).
    llm_timeout: float = 300.0


_ENV_TYPES = {
    "timeout": float,
    "max_bytes": int,
    "max_redirects": int,
    "teaser_chars": int,
    "watch_min_interval": float,
    "llm_timeout": float,
}


def load_settings(**overrides) -> Settings:
    """Build settings from ``LAGEBILD_*`` variables, then non-None ``overrides`` on top."""
    values: dict = {}
    for f in fields(Settings):
        raw = os.environ.get(f"LAGEBILD_{f.name.upper()}")
        if raw is None:
            continue
        if f.name == "allow_private":
            values[f.name] = raw.strip().lower() in {"1", "true", "yes"}
        else:
            try:
                values[f.name] = _ENV_TYPES.get(f.name, str)(raw)
            except ValueError:
                raise ValueError(f"LAGEBILD_{f.name.upper()}: not a valid value: {raw!r}") from None
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
