"""Dates as details: a day, date or year a sentence names must be carried by a source
on the same claim, and a source on it naming another day contradicts it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from lagebild.dates import DateMention, date_mentions

# A day or year that the evidence sentences lack is still carried by another report's
# sentence that shares a name, a figure or rare words with the checked one (this share of
# its content weight): reports tell "died on Monday" and "born in 1936" apart from the
# sentence closest in words, and in other languages. On the devset, sentences carrying a
# report's own weekday share 0.10-0.52; a shifted weekday is named only by sentences on
# other facts, which share at most 0.07.
SAME_CLAIM = 0.1
# The share of a story's reports from which a day they name is the story's own.
STORY_DAY = 0.25


def _same_day(mine: DateMention, theirs: DateMention) -> bool:
    """Whether a source names the day of a full date without contradicting its year: "21 de
    abril" in an undated report carries "21.04.2025", "21 April 2024" does not."""
    days = {k for k in mine.says if k.startswith("dm:")}
    if not days or not days <= theirs.says:
        return False
    years = {k for k in theirs.means if k.startswith("y:")}
    return not years or {k for k in mine.says if k.startswith("y:")} <= years


def _conflict(theirs: DateMention, mine: DateMention) -> bool:
    """Whether a source's day is another than a sentence's: it names a day of the same kind
    (weekday, day of a month, feast) and means none of the sentence's."""
    days = {k for k in mine.says if not k.startswith("y:")}
    kinds = {k.split(":")[0] for k in days}
    return any(k.split(":")[0] in kinds for k in theirs.says) and not theirs.means & days


class DateIndex:
    """The days, dates and years each source sentence names, to ask whether a checked
    sentence's dates are carried: by its evidence, or by a sentence on the same claim."""

    def __init__(self, sentences: list[tuple[str, str | None, str | None, str]]):
        """``sentences``: the sources' (text, language, published, report id), in the
        verifier's order."""
        self.mentions = [date_mentions(t, lang, pub) for t, lang, pub, _ in sentences]
        self.by_mark: dict[str, list[int]] = defaultdict(list)
        reports: dict[str, set[str]] = defaultdict(set)
        for i, ((*_, report), mentions) in enumerate(zip(sentences, self.mentions, strict=True)):
            for mark in {mark for m in mentions for mark in m.means}:
                self.by_mark[mark].append(i)
                reports[mark].add(report)
        # The story's own days: a day most reports name is what the story is about ("the
        # pope died on Monday"), carried for any sentence that names it in passing ("the
        # ministry added on Monday evening"). Years are judged on their own (see _carried).
        everyone = {r for *_, r in sentences}
        self.story_days = {
            mark
            for mark, named in reports.items()
            if not mark.startswith("y:") and len(named) >= STORY_DAY * len(everyone)
        }

    def not_carried(
        self,
        mine: Sequence[DateMention],
        evidence: list[int],
        overlap: Callable[[int], float],
        quote: Callable[[int], str],
        contradicts: bool = True,
    ) -> tuple[str, str] | None:
        """Whether every day, date and year the sentence names (``mine``, its date
        mentions) is carried: a date is a detail like a name, and a shifted one changes the
        claim ("am Donnerstag" for a Monday, "1938 geboren" for 1936). ``evidence``: the
        sources backing the claim;
        ``overlap``: a source's share of the sentence's content. (kind, detail):
        date_mismatch when the evidence itself names another date of that kind, quoting
        it (unless ``contradicts`` is false: the evidence tells another day's tally); else
        unsupported_detail naming the dates no source on the claim carries."""
        if not mine:
            return None
        carried = {mark for i in evidence for m in self.mentions[i] for mark in m.means}
        missing = [m for m in mine if not self._carried(m, carried, overlap)]
        if not missing:
            return None
        # Only a day names the same event's date: a sentence's years may each belong to
        # another event ("born in 1936, elected in 2013"). A sentence naming two days dates
        # two events ("died on 21 April, a day after Easter Sunday"): the evidence's day
        # contradicts it only when it is none of them.
        days = [m for m in mine if any(not k.startswith("y:") for k in m.says)]
        # The sentence closest to the claim speaks for its date; the others were chosen for
        # other words and may date other events.
        for i in evidence[:1] if contradicts else ():
            if any(m in missing for m in days) and any(
                all(_conflict(theirs, m) for m in days) for theirs in self.mentions[i]
            ):
                return "date_mismatch", f"die Quelle nennt ein anderes Datum: „{quote(i)}“"
        return "unsupported_detail", "keine Quelle nennt " + ", ".join(m.text for m in missing)

    def _carried(self, mention: DateMention, carried: set[str], overlap: Callable[[int], float]) -> bool:
        # A full date (day, month and year) is specific enough that any report naming it
        # tells the same event, in whatever words and language ("13 de marzo de 2013").
        if len(mention.says) >= 2 and any(
            mention.says <= m.says or _same_day(mention, m)
            for i in self.by_mark.get(min(mention.says), ())
            for m in self.mentions[i]
        ):
            return True
        # A year named alone mostly dates the background ("since his election in 2013", "the
        # worst flood since 1957"), told by other reports in sentences of their own: any
        # report naming it carries it, and "no source names 2013" would be untrue.
        if all(mark.startswith("y:") for mark in mention.says):
            return all(mark in carried or self.by_mark.get(mark) for mark in mention.says)
        return all(
            mark in carried
            or mark in self.story_days
            or any(overlap(i) >= SAME_CLAIM for i in self.by_mark.get(mark, ()))
            for mark in mention.says
        )
