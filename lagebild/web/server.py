"""``lagebild serve``: the application on uvicorn, bound to loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from lagebild.settings import Settings

# Where `lagebild demo` builds its database (the default of its --db option).
DEMO_DB = "lagebild-demo.db"
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]


def store_to_serve(settings: Settings) -> Settings:
    """The settings to serve: with no store of its own here but a demo database beside it,
    ``lagebild demo`` followed by ``lagebild serve`` shows the demo."""
    if settings.db == Settings.db and not Path(settings.db).exists() and Path(DEMO_DB).exists():
        return replace(settings, db=DEMO_DB)
    return settings


def serve(settings: Settings, host: str, port: int, echo: Callable[[str], None]) -> None:
    """Run the web UI and JSON API until Ctrl-C."""
    import uvicorn

    from lagebild.web.app import create_app

    shown = f"[{host}]" if ":" in host else host
    echo(f"lagebild: http://{shown}:{port}/ serves {settings.db} (Ctrl-C stops)")
    if not _is_loopback(host):
        echo(f"lagebild: listening on {host}: other machines can reach this server, and it has no login")
    app = create_app(settings, hosts=allowed_hosts(host))
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    uvicorn.Server(config).run()


def allowed_hosts(host: str) -> list[str] | None:
    """The names a Host header may carry when serving on ``host``: on loopback, the loopback
    names and ``host`` itself, IPv6 addresses in brackets as browsers send them ([::1]:8000);
    None (any) elsewhere."""
    if not _is_loopback(host):
        return None
    return [f"[{name}]" if ":" in name else name for name in dict.fromkeys([*LOOPBACK_NAMES, host])]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
