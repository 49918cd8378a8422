"""Declares the collection-level linkage rules so ``govreview rules`` lists them and config can tune them.

The findings come from ``govreview.linkage`` (a two-pass check over a whole
site export), not from one document, so the review never calls this detector
(``per_document=False``).
"""

from __future__ import annotations

from ..linkage.rules import ALL_RULES
from ..registry import detector


@detector(*ALL_RULES, name="linkage", order=900, per_document=False)
def detect(ctx):
    return ()
