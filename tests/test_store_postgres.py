"""What only the PostgreSQL store has to show: bad URLs and servers that are down, in one
line; several writers at once, threads and processes, losing nothing and never failing."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest

from lagebild.errors import StoreError
from lagebild.store import open_store


def _lagebild(*args: str, db: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lagebild", *args, "--db", db],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "url, reason",
    [
        ("postgresql://lagebild:geheim@127.0.0.1:1/lagebild", "Connection refused"),
        ("postgresql://lagebild@127.0.0.1:abc/lagebild", 'invalid integer value "abc"'),
        ("postgresql://lagebild@127.0.0.1/lagebild?kein=1", 'invalid URI query parameter: "kein"'),
    ],
)
def test_bad_url_or_server_down_is_one_line_naming_it(url, reason):
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "\n" not in message and "geheim" not in message and reason in message
    assert message.startswith(url.replace(":geheim", "") + ": cannot connect to PostgreSQL")
    for command in (["stories"], ["serve", "--port", "1"]):
        done = _lagebild(*command, db=url, timeout=60)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.strip() == f"lagebild: {message}"


def test_missing_database_is_named(postgres_server):
    url = urlunsplit(urlsplit(postgres_server)._replace(path="/gibt_es_nicht"))
    done = _lagebild("docs", db=url, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert 'database "gibt_es_nicht" does not exist' in done.stderr and len(done.stderr.splitlines()) == 1
