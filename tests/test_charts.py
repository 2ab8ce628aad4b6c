"""render/charts.py: the SVG charts of a brief, on facts and sources written for these tests."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from lagebild.model import Brief
from lagebild.render.charts import chart_data, reports_chart, values_chart

SVG = "{http://www.w3.org/2000/svg}"


def value(origin, day, amount, value_max=None, quote="Satz.", source="Testblatt", published=None):
    """A value of Brief.numbers as compare.ClaimGroup.as_dict writes it."""
    return {
        "claim_id": f"d-{origin}-{day}#0",
        "doc_id": f"d-{origin}-{day}",
        "source": source,
        "quote": quote,
        "attributed_to": origin,
        "published": published or day,
        "refers_to": day,
        "value": amount,
        "value_max": value_max,
        "unit": "Soldaten",
        "approx": None,
        "raw": str(amount),
    }


def group(*values) -> dict:
    return {
        "id": 1,
        "what": "Soldaten (Kursk)",
        "unit": "Soldaten",
        "status": "contradicted",
        "values": list(values),
    }


def source(doc_id, published, language="de") -> dict:
    return {
        "doc_id": doc_id,
        "source": "Testblatt",
        "url": None,
        "title": None,
        "published": published,
        "language": language,
    }


def parse(svg: str) -> ET.Element:
    """The chart as XML: it must parse, so every text in it is escaped."""
    return ET.fromstring(svg)


def titles(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}title")]


def series_colours(root: ET.Element) -> list[set[str]]:
    return [{p.get("fill") for p in s.iter(f"{SVG}path")} for s in root.iter() if s.get("class") == "series"]


def of_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == name]


def test_one_series_per_origin_each_in_its_colour_and_in_the_legend():
    svg = values_chart(
        group(
            value("NIS", "2024-10-18", 1500),
            value("NIS", "2024-10-23", 3000),
            value(None, "2024-10-28", 10000, source="Pentagon-Blatt"),
        )
    )
    root = parse(svg)
    colours = series_colours(root)
    assert len(colours) == 2 and all(len(c) == 1 for c in colours) and colours[0] != colours[1]
    legend = [e.find(f"{SVG}text").text for e in of_class(root, "legend-item")]
    # Unattributed figures are the medium's own: their series is named after the source.
    assert legend == ["NIS", "Pentagon-Blatt"]
    assert len(of_class(root, "point")) == 3
    # Nothing the pages' CSP would block: no script, no handler, no style attribute, no link.
    assert not re.search(r"<script|\son\w+=|style=|href", svg)


def test_a_range_is_a_bar_between_two_markers_and_titles_speak_german():
    root = parse(
        values_chart(group(value("NIS", "2024-10-29", 12500), value("Ryder", "2024-11-05", 11000, 12000)))
    )
    ranged = of_class(root, "point")[1]
    assert len(of_class(ranged, "range")) == 1 and len(of_class(ranged, "marker")) == 2
    first, second = titles(root)
    assert first.startswith("12.500 Soldaten laut NIS, 29. Okt. 2024\nTestblatt: „Satz.“")
    assert second.startswith("11.000 bis 12.000 Soldaten laut Ryder, 5. Nov. 2024")
    axis = [t.text for t in root.iter(f"{SVG}text")]
    assert "15.000" in axis and "29. Okt. 2024" in axis and "Soldaten" in axis


def test_third_party_text_is_escaped():
    hostile = 'Er sagte <script>alert("x")</script> & ging.'
    svg = values_chart(
        group(value("<b>NIS</b>", "2024-10-18", 1500, quote=hostile), value("NIS", "2024-10-19", 3000))
    )
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert hostile in titles(root)[0]
    assert [t.text for t in root.iter(f"{SVG}text")].count("<b>NIS</b>") == 1


def test_no_chart_without_two_dated_points():
    undated = dict(value("NIS", None, 3000, published="2024-10"), refers_to=None)
    assert values_chart(group(value("NIS", "2024-10-18", 1500), undated)) is None
    # Copies of one report repeat its figure: still one point.
    assert values_chart(group(value("NIS", "2024-10-18", 1500), value("NIS", "2024-10-18", 1500))) is None
    # The same figure from two origins on one day is two points, side by side.
    root = parse(values_chart(group(value("NIS", "2024-10-18", 1500), value("HUR", "2024-10-18", 1500))))
    xs = {m.get("transform") for m in of_class(root, "marker")}
    assert len(xs) == 2


def test_reports_are_stacked_by_language_per_day_and_undated_ones_counted():
    sources = [
        source("a", "2024-10-30T08:00:00+01:00"),
        source("b", "2024-10-30"),
        source("c", "2024-10-30", "en"),
        source("d", "2024-10-31", "xx"),
        source("e", "2024-11"),
        source("f", None, None),
    ]
    root = parse(reports_chart(sources))
    assert titles(root) == [
        "2 Berichte auf Deutsch am 30. Okt. 2024",
        "1 Bericht auf Englisch am 30. Okt. 2024",
        "1 Bericht in der Sprache xx am 31. Okt. 2024",
    ]
    segments = of_class(root, "segment")
    assert len({s.get("fill") for s in segments}) == 3
    german, english = segments[0], segments[1]
    assert german.get("x") == english.get("x") and float(english.get("y")) < float(german.get("y"))
    assert [e.find(f"{SVG}text").text for e in of_class(root, "legend-item")] == ["Deutsch", "Englisch", "xx"]
    assert of_class(root, "undated")[0].text == "2 Berichte ohne Datum"
    assert reports_chart([source("e", "2024-11"), source("f", None)]) is None


def test_chart_data_is_what_the_charts_draw():
    charted = group(value("NIS", "2024-10-18", 1500), value("Ryder", "2024-11-05", 11000, 12000))
    uncharted = group(value("NIS", "2024-10-18", 1500))
    brief = Brief(
        story_id=1,
        headline="Test",
        lead=[],
        sections=[],
        numbers=[charted, uncharted],
        sources=[source("a", "2024-10-30"), source("b", "2024-10-30"), source("c", None)],
    )
    data = chart_data(brief)
    assert data["reports_per_day"] == [{"day": "2024-10-30", "language": "de", "count": 2}]
    assert data["undated_reports"] == 1
    [fact] = data["values"]
    assert (fact["what"], fact["unit"]) == ("Soldaten (Kursk)", "Soldaten")
    assert [s["origin"] for s in fact["series"]] == ["NIS", "Ryder"]
    assert fact["series"][1]["points"] == [
        {
            "day": "2024-11-05",
            "value": 11000,
            "value_max": 12000,
            "doc_id": "d-Ryder-2024-11-05",
            "source": "Testblatt",
            "quote": "Satz.",
        }
    ]
    assert len(of_class(parse(values_chart(charted)), "point")) == 2
