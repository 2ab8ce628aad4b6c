"""Charts of a brief as inline SVG, drawn on the server: one compared fact's values over
time (values_chart) and the reports per day by language (reports_chart).

Pure functions over the brief's plain data (``Brief.numbers``, ``Brief.sources``). The SVG
holds no script, no external resource and no style attribute, only presentation attributes,
so it shows under the pages' CSP (``default-src 'none'``). Every text drawn is escaped here,
which is why a caller inserts the SVG as it is (``Markup`` on the web story page).
``chart_data(brief)`` is the data both charts are drawn from. In render/brief.py the JSON
brief carries ``chart_data(brief)``, and the self-contained HTML brief inserts
``values_chart(group)`` for each entry of ``brief.numbers`` and ``reports_chart(brief.sources)``.

Hand-written rather than drawn by a plotting library: two charts take a few hundred lines,
and matplotlib or a JavaScript charting library would be a large dependency or a script.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from lagebild.model import Brief

WIDTH = 700
LEFT, RIGHT, TOP, PLOT_HEIGHT = 64, 16, 30, 220
PLOT_WIDTH = WIDTH - LEFT - RIGHT
LEGEND_ROW = 20
# Pixels between markers of the same figure on the same day.
DODGE = 10
# Okabe-Ito: told apart with colour-blindness too (its yellow, faint on white, left out).
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
# Marker outlines around (0, 0), so series stay apart in print and grey scale.
MARKERS = (
    "M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0Z",
    "M-4.5,-4.5h9v9h-9Z",
    "M0,-6L6,0L0,6L-6,0Z",
    "M0,-6L5.5,4.5L-5.5,4.5Z",
)
# Days between labels on the x axis: days, weeks, months, quarters, years.
DAY_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364, 728)
MAX_QUOTE = 300
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def chart_data(brief: Brief) -> dict:
    """The data behind the charts of ``brief`` as plain JSON-able data: each compared fact
    that has a chart with its dated values by origin, the reports per day and language, and
    how many reports have no day."""
    per_day, undated = _reports_data(brief.sources)
    return {
        "values": [data for data in map(_values_data, brief.numbers) if _charted(data)],
        "reports_per_day": per_day,
        "undated_reports": undated,
    }


def values_chart(group: dict) -> str | None:
    """One compared fact (an entry of ``Brief.numbers``) over time as SVG: a point per value
    and day (a range as a bar), one colour and marker per origin, each point titled with its
    figure, origin, day, source and quote. None with fewer than two dated points."""
    data = _values_data(group)
    return _draw_values(data) if _charted(data) else None


def reports_chart(sources: list[dict]) -> str | None:
    """The reports of a story (``Brief.sources``) per day as SVG bars stacked by language,
    the undated ones counted below. None when no report has a day."""
    per_day, undated = _reports_data(sources)
    return _draw_reports(per_day, undated) if per_day else None


# -- data ----------------------------------------------------------------------------------


def _values_data(group: dict) -> dict:
    """A fact's values with a day, by origin, the earliest origin first. The same figure of
    the same origin on the same day is one point: syndicated copies repeat it."""
    series: dict[str, list[dict]] = {}
    seen = set()
    for v in group["values"]:
        day = _day(v["refers_to"]) or _day(v["published"])
        origin = v["attributed_to"] or v["source"]
        key = (origin, day, v["value"], v["value_max"])
        if day is None or key in seen:
            continue
        seen.add(key)
        point = {k: v[k] for k in ("value", "value_max", "doc_id", "source", "quote")}
        series.setdefault(origin, []).append({"day": day, **point})
    ordered = sorted(series.items(), key=lambda kv: (min(p["day"] for p in kv[1]), kv[0].casefold()))
    return {
        "what": group["what"],
        "unit": group["unit"],
        "series": [{"origin": o, "points": sorted(ps, key=lambda p: p["day"])} for o, ps in ordered],
    }


def _charted(data: dict) -> bool:
    # A single point tells nothing a sentence would not.
    return sum(len(s["points"]) for s in data["series"]) >= 2


def _reports_data(sources: list[dict]) -> tuple[list[dict], int]:
    counts: Counter = Counter()
    undated = 0
    for s in sources:
        day = _day(s.get("published"))
        if day is None:
            undated += 1
        else:
            counts[day, s.get("language")] += 1
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    return [{"day": day, "language": lang, "count": n} for (day, lang), n in rows], undated


def _day(value: str | None) -> str | None:
    """The ISO day of a date or datetime; None when it names no full day ("2024-10")."""
    try:
        return date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None


# -- drawing -------------------------------------------------------------------------------


@dataclass
class _Plot:
    """The plot area: days left to right, values from 0 up to ``top``; ``pad`` pixels are
    kept free at both ends so that markers and bars do not sit on the y axis."""

    first: date
    last: date
    top: float
    step: float
    pad: float

    def x(self, day: str) -> float:
        span = (self.last - self.first).days
        if span == 0:
            return LEFT + PLOT_WIDTH / 2
        share = (date.fromisoformat(day) - self.first).days / span
        return LEFT + self.pad + share * (PLOT_WIDTH - 2 * self.pad)

    def y(self, value: float) -> float:
        return TOP + PLOT_HEIGHT * (1 - value / self.top)


def _plot(days: list[str], high: float, whole: bool, pad: float) -> _Plot:
    """A plot over ``days`` and values up to ``high``: the y axis ends at a round value, its
    steps are 1, 2 or 5 times a power of ten (whole numbers only when ``whole``)."""
    raw = max(high, 1e-9) / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(step, 1) if whole else step
    top = math.ceil(high / step) * step or step
    return _Plot(date.fromisoformat(min(days)), date.fromisoformat(max(days)), top, step, pad)


def _axes(plot: _Plot, label: str) -> list[str]:
    """Grid lines with German numbers on the y axis, days on the x axis, the unit on top."""
    bottom = TOP + PLOT_HEIGHT
    parts = [f'<text x="8" y="{TOP - 10}" font-weight="600">{_text(label)}</text>']
    for i in range(round(plot.top / plot.step) + 1):
        value = i * plot.step
        y = plot.y(value)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9dee3"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{_number(value)}</text>')
    span = (plot.last - plot.first).days
    # At most seven labels fit under the plot when each carries its year.
    every = next((n for n in DAY_STEPS if span <= 6 * n), math.ceil(span / 6))
    year = None
    for i in range(0, span + 1, every):
        day = plot.first + timedelta(days=i)
        x = plot.x(day.isoformat())
        pattern = "d. MMM" if day.year == year else "d. MMM y"
        year = day.year
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" stroke="#5b6570"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 19}" text-anchor="middle" font-size="11">'
            f"{_text(format_date(day, pattern, locale='de'))}</text>"
        )
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="#5b6570"/>')
    return parts


def _legend(entries: list[tuple[str, str]], y: float) -> tuple[list[str], float]:
    """Legend entries (a swatch or marker, its text) flowing in rows from ``y``; the parts
    and the y below the last row."""
    parts, x = [], LEFT
    for mark, label in entries:
        label = label if len(label) <= 40 else label[:39] + "…"
        # About 7 pixels a character at 12 px: enough to keep entries from overlapping.
        width = 24 + 7 * len(label)
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, y = LEFT, y + LEGEND_ROW
        parts.append(
            f'<g class="legend-item"><g transform="translate({x + 6},{y - 4})">{mark}</g>'
            f'<text x="{x + 16}" y="{y}">{_text(label)}</text></g>'
        )
        x += width
    return parts, y + LEGEND_ROW


def _draw_values(data: dict) -> str:
    series = data["series"]
    points = [p for s in series for p in s["points"]]
    high = max(p["value_max"] or p["value"] for p in points)
    whole = all(float(p["value_max"] or p["value"]).is_integer() for p in points)
    plot = _plot([p["day"] for p in points], high, whole, pad=24)
    parts = _axes(plot, data["unit"])
    # Origins giving the same figure on the same day stand side by side, not on top of each other.
    same = Counter(_figure(p) for p in points)
    placed: Counter = Counter()
    entries = []
    for i, s in enumerate(series):
        colour, marker = COLOURS[i % len(COLOURS)], MARKERS[i % len(MARKERS)]
        mark = f'<path d="{marker}" fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
        entries.append((mark, s["origin"]))
        drawn = []
        for p in s["points"]:
            key = _figure(p)
            x = plot.x(p["day"]) + DODGE * (placed[key] - (same[key] - 1) / 2)
            placed[key] += 1
            ends = [plot.y(v) for v in (p["value"], p["value_max"]) if v is not None]
            drawn.append(_point(_point_title(p, s["origin"], data["unit"]), x, ends, mark, colour))
        parts.append(f'<g class="series">{"".join(drawn)}</g>')
    legend, height = _legend(entries, TOP + PLOT_HEIGHT + 46)
    return _svg(f"{data['what']}: Angaben nach Herkunft und Tag", height, parts + legend)


def _figure(p: dict) -> tuple:
    return p["day"], p["value"], p["value_max"]


def _point(title: str, x: float, ends: list[float], mark: str, colour: str) -> str:
    """A point with its title; a range as a bar with a marker at both ends."""
    bar = ""
    if len(ends) == 2:
        bar = (
            f'<line class="range" x1="{x:.1f}" x2="{x:.1f}" y1="{ends[0]:.1f}" y2="{ends[1]:.1f}" '
            f'stroke="{colour}" stroke-width="3"/>'
        )
    markers = "".join(f'<g class="marker" transform="translate({x:.1f},{y:.1f})">{mark}</g>' for y in ends)
    return f'<g class="point"><title>{_text(title)}</title>{bar}{markers}</g>'


def _point_title(p: dict, origin: str, unit: str) -> str:
    amount = _number(p["value"])
    if p["value_max"] is not None:
        amount += f" bis {_number(p['value_max'])}"
    quote = p["quote"] if len(p["quote"]) <= MAX_QUOTE else p["quote"][: MAX_QUOTE - 1] + "…"
    return f"{amount} {unit} laut {origin}, {_german_day(p['day'])}\n{p['source']}: „{quote}“"


def _draw_reports(per_day: list[dict], undated: int) -> str:
    totals: Counter = Counter()
    per_day_total: Counter = Counter()
    for row in per_day:
        totals[row["language"]] += row["count"]
        per_day_total[row["day"]] += row["count"]
    languages = sorted(totals, key=lambda lang: (-totals[lang], lang or "~"))
    colour = {lang: COLOURS[i % len(COLOURS)] for i, lang in enumerate(languages)}
    span = (date.fromisoformat(max(per_day_total)) - date.fromisoformat(min(per_day_total))).days
    bar = min(24.0, 0.7 * PLOT_WIDTH / (span + 1))
    plot = _plot(list(per_day_total), max(per_day_total.values()), whole=True, pad=bar / 2 + 4)
    parts = _axes(plot, "Berichte")
    stacked: Counter = Counter()
    # Rows come by day and language; the stack follows the legend's order of languages.
    for row in sorted(per_day, key=lambda r: (r["day"], languages.index(r["language"]))):
        below = stacked[row["day"]]
        stacked[row["day"]] += row["count"]
        y_top, y_bottom = plot.y(below + row["count"]), plot.y(below)
        parts.append(
            f'<rect class="segment" x="{plot.x(row["day"]) - bar / 2:.1f}" y="{y_top:.1f}" width="{bar:.1f}" '
            f'height="{y_bottom - y_top:.1f}" fill="{colour[row["language"]]}" stroke="#ffffff" '
            f'stroke-width="0.5"><title>{_text(_reports_title(row))}</title></rect>'
        )
    entries = [
        (f'<rect x="-5" y="-5" width="10" height="10" fill="{colour[lang]}"/>', _language(lang)[0])
        for lang in languages
    ]
    legend, height = _legend(entries, TOP + PLOT_HEIGHT + 46)
    if undated:
        legend.append(f'<text class="undated" x="{LEFT}" y="{height}">{_reports(undated)} ohne Datum</text>')
        height += LEGEND_ROW
    return _svg("Berichte pro Tag nach Sprache", height, parts + legend)


def _reports_title(row: dict) -> str:
    return f"{_reports(row['count'])} {_language(row['language'])[1]} am {_german_day(row['day'])}"


def _reports(n: int) -> str:
    return f"{_number(n)} {'Bericht' if n == 1 else 'Berichte'}"


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    return dict(Locale("de").languages)


def _language(code: str | None) -> tuple[str, str]:
    """A language for the legend and for a sentence: ("Englisch", "auf Englisch"); the code
    where CLDR knows no German name."""
    if code is None:
        return "Sprache unbekannt", "ohne Sprachangabe"
    name = _language_names().get(code)
    return (name, f"auf {name}") if name else (code, f"in der Sprache {code}")


def _svg(label: str, height: float, parts: list[str]) -> str:
    # The page's data tables carry the same figures, so the chart is one image to a screen reader.
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="100%" role="img" aria-label="{_text(label)}" font-family="system-ui, sans-serif" '
        f'font-size="12" fill="#1d232a">' + "".join(parts) + "</svg>"
    )


def _text(value: str) -> str:
    """Text for SVG (content or attribute): escaped, and without the control characters XML forbids."""
    return html.escape(_NOT_XML.sub("", value))


def _number(value: float) -> str:
    return format_decimal(value, locale="de")


def _german_day(day: str) -> str:
    return format_date(date.fromisoformat(day), "d. MMM y", locale="de")
