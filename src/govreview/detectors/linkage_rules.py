"""Declares the collection-level linkage rules so ``govreview rules`` lists them and config can tune them.

The findings come from ``govreview.linkage`` (a two-pass check over a whole
site export), not from one document: ``detect`` here yields nothing. So that a
review does not call it for nothing on every document, its only cue is a
private-use character (U+E000) that no published text is expected to hold:
the engine skips the detector for the cost of a set lookup, and where the
character does occur, ``detect`` still yields nothing.
"""

from __future__ import annotations

from ..linkage.rules import ALL_RULES
from ..registry import detector

NEVER_IN_TEXT = "\ue000"


@detector(*ALL_RULES, name="linkage", order=900, cues=[NEVER_IN_TEXT])
def detect(ctx):
    return ()
