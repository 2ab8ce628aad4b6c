"""Ingest of local files: .jsonl, .html, .txt, .md, .warc(.gz), directories; idempotency."""

from __future__ import annotations

import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import WEB
from lagebild.ingest import ingest

TEXT = (
    "Nach Angaben der Stadt sind rund 10.000 Pendler betroffen. Die Sperrung gilt seit dem "
    "1. Nov. 2024. Eine Sprecherin sagte, man prüfe u.a. eine Behelfsbrücke."
)


def write_jsonl(path, rows):
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
        encoding="utf-8",
    )
    return path


def test_jsonl_documents_errors_and_metadata(db, settings, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {
                "id": "rb-1",
                "url": "https://rheinbote.example/a",
                "source": "Rheinbote",
                "title": "Sperrung",
                "published": "2024-11-01T09:30:00+01:00",
                "text": TEXT,
                "story": "bruecke",
            },
            "{kaputt",
            {"url": "https://x.example/b", "text": TEXT},
            {"url": "https://x.example/c", "source": "X"},
            {"url": "https://x.example/d", "source": "X", "text": TEXT, "published": "letzte Woche"},
            {"url": "https://x.example/m", "source": "X", "text": TEXT + " Monat.", "published": "2024-12"},
            ["not", "an", "object"],
            {
                "url": "https://x.example/e",
                "source": "X",
                "html": f"<html><body><article><p>{TEXT}</p>"
                "<p>Ein zweiter Absatz mit weiteren Angaben zur Lage vor Ort.</p></article></body></html>",
            },
        ],
    )
    report = ingest([str(path)], db, settings)
    reasons = {f.label: f.reason for f in report.failed}
    assert reasons == {
        f"{path}:2": "invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:3": "missing required field 'source' (a non-empty string)",
        f"{path}:4": "needs a non-empty 'text' or 'html' field",
        f"{path}:5": "published 'letzte Woche' is not an ISO 8601 date",
        f"{path}:7": "each line must be a JSON object",
    }
    assert [r.doc_id for r in report.added][0] == "rb-1"
    doc = db.get_document("rb-1")
    assert doc.meta == {"story": "bruecke"}
    assert doc.published == "2024-11-01T09:30:00+01:00"
    assert [s.text for s in doc.sentences] == [
        "Nach Angaben der Stadt sind rund 10.000 Pendler betroffen.",
        "Die Sperrung gilt seit dem 1. Nov. 2024.",
        "Eine Sprecherin sagte, man prüfe u.a. eine Behelfsbrücke.",
    ]
    assert db.get_document(report.added[1].doc_id).published == "2024-12"
    html_doc = db.get_document(report.added[2].doc_id)
    assert html_doc.kind == "jsonl" and "zweiter Absatz" in html_doc.text
    assert html_doc.copy_of is None  # extracted text differs from rb-1 by the second paragraph


def test_idempotent_and_copies_marked(db, settings, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "a", "url": "https://one.example/x", "source": "One", "text": TEXT},
            {"id": "b", "url": "https://two.example/y", "source": "Two", "text": TEXT + "\n"},
        ],
    )
    first = ingest([str(path)], db, settings)
    assert [r.doc_id for r in first.added] == ["a", "b"]
    assert db.get_document("b").copy_of == "a"
    again = ingest([str(path), str(path)], db, settings)
    assert again.added == [] and len(again.present) == 4
    assert db.count_documents() == 2


def test_id_clash_is_reported_not_overwritten(db, settings, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "same", "url": "https://one.example/x", "source": "One", "text": TEXT},
            {"id": "same", "url": "https://two.example/z", "source": "Two", "text": "Ein anderer Text hier."},
        ],
    )
    report = ingest([str(path)], db, settings)
    assert len(report.added) == 1
    (failure,) = report.failed
    assert "already names another document (https://one.example/x)" in failure.reason
    assert db.get_document("same").source == "One"


def test_text_and_markdown_files_without_url(db, settings, tmp_path):
    (tmp_path / "notiz.txt").write_text("Lage am Rhein\n\n" + TEXT, encoding="utf-8")
    (tmp_path / "bericht.md").write_text("# Bericht zur Brücke\n\n" + TEXT + " Mehr folgt.", encoding="utf-8")
    report = ingest([str(tmp_path / "notiz.txt"), str(tmp_path / "bericht.md")], db, settings)
    assert report.failed == []
    txt, md = (db.get_document(r.doc_id) for r in report.added)
    assert txt.title == "Lage am Rhein" and txt.url is None and txt.source == "notiz.txt"
    assert md.title == "Bericht zur Brücke" and not md.text.startswith("#")
    # URL-less inputs are the same document when their text is the same.
    (tmp_path / "kopie.txt").write_text("Lage am Rhein\n\n" + TEXT, encoding="utf-8")
    again = ingest([str(tmp_path / "kopie.txt")], db, settings)
    assert again.added == [] and [r.doc_id for r in again.present] == [txt.id]


def test_html_file_and_directory(db, settings, tmp_path):
    sub = tmp_path / "archiv" / "2024"
    sub.mkdir(parents=True)
    (sub / "bruecke.html").write_bytes(
        (WEB / "artikel" / "bruecke-gesperrt.html")
        .read_bytes()
        .replace(b"{BASE}", b"https://rheinbote.example")
    )
    (sub / "bild.png").write_bytes(b"\x89PNG")
    (tmp_path / "archiv" / "notiz.txt").write_text("Kurz notiert\n" + TEXT, encoding="utf-8")
    report = ingest([str(tmp_path / "archiv")], db, settings)
    assert report.failed == [] and len(report.added) == 2
    html = next(db.get_document(r.doc_id) for r in report.added if db.get_document(r.doc_id).kind == "html")
    assert html.url == "https://rheinbote.example/artikel/bruecke-gesperrt.html"
    assert html.source == "Rheinbote"
    assert "Leserkommentar" not in html.text


def test_unsupported_and_unreadable_files(db, settings, tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "latin.txt").write_bytes("Große Schäden".encode("latin-1"))
    report = ingest([str(tmp_path / "x.pdf"), str(tmp_path / "latin.txt")], db, settings)
    reasons = [f.reason for f in report.failed]
    assert reasons[0].startswith("unsupported file type")
    assert reasons[1].startswith("not UTF-8 text")


def _warc_bytes(pages: dict[str, bytes], gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, body in pages.items():
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        )
    http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://x.example/logo.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=http
        )
    )
    return out.getvalue()


def test_warc_plain_and_gzip(db, settings, tmp_path):
    pages = {
        "https://rheinbote.example/bruecke": (WEB / "artikel" / "bruecke-gesperrt.html").read_bytes(),
        "https://herald.example/storm": (WEB / "artikel" / "sturm-kueste.html").read_bytes(),
    }
    (tmp_path / "a.warc").write_bytes(_warc_bytes(pages, gz=False))
    (tmp_path / "b.warc.gz").write_bytes(
        _warc_bytes(
            {"https://nk.example/kabel": (WEB / "artikel" / "kabel-schaden.html").read_bytes()}, gz=True
        )
    )
    report = ingest([str(tmp_path / "a.warc"), str(tmp_path / "b.warc.gz")], db, settings)
    assert report.failed == []
    urls = {db.get_document(r.doc_id).url for r in report.added}
    assert urls == {
        "https://rheinbote.example/bruecke",
        "https://herald.example/storm",
        "https://nk.example/kabel",
    }
    again = ingest([str(tmp_path / "a.warc")], db, settings)
    assert again.added == [] and len(again.present) == 2


def test_broken_warc_keeps_earlier_records(db, settings, tmp_path):
    data = _warc_bytes(
        {"https://rheinbote.example/bruecke": (WEB / "artikel" / "bruecke-gesperrt.html").read_bytes()}, False
    )
    (tmp_path / "bad.warc").write_bytes(data + b"WARC/1.0\r\nnonsense\r\n\r\n" + b"garbage" * 50)
    report = ingest([str(tmp_path / "bad.warc")], db, settings)
    assert len(report.added) == 1
    assert len(report.failed) == 1 and report.failed[0].label.startswith(f"{tmp_path / 'bad.warc'}#")


def test_one_bad_document_does_not_block_the_batch(db, settings, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "ok-1", "url": "https://a.example/1", "source": "A", "text": TEXT},
            {"id": "bad id with spaces", "url": "https://a.example/2", "source": "A", "text": TEXT},
            {
                "id": "ok-3",
                "url": "https://a.example/3",
                "source": "A",
                "html": "<html><body>x</body></html>",
            },
            {"id": "ok-4", "url": "https://a.example/4", "source": "A", "text": TEXT + " Neu."},
        ],
    )
    report = ingest([str(path), str(tmp_path / "fehlt.jsonl")], db, settings)
    assert [r.doc_id for r in report.added] == ["ok-1", "ok-4"]
    labels = [f.label for f in report.failed]
    assert labels == [f"{path}:2", f"{path}:3", str(tmp_path / "fehlt.jsonl")]
    assert "no article text" in report.failed[1].reason


def test_gzipped_html_file(db, settings, tmp_path):
    import gzip

    page = (WEB / "artikel" / "sturm-kueste.html").read_bytes().replace(b"{BASE}", b"https://h.example")
    (tmp_path / "storm.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * (settings.max_bytes + 10)))
    report = ingest([str(tmp_path / "storm.html.gz"), str(tmp_path / "bomb.html.gz")], db, settings)
    assert len(report.added) == 1
    assert "40,000 homes" in db.get_document(report.added[0].doc_id).text
    (failure,) = report.failed
    assert failure.label == str(tmp_path / "bomb.html.gz") and "too large" in failure.reason
