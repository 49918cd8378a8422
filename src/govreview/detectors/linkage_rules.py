"""Declares the collection-level linkage rules so ``govreview rules`` lists them and config can tune them.

The findings come from ``govreview.linkage`` (a two-pass check over a whole
site export), not from one document: ``detect`` here yields nothing.
"""

from __future__ import annotations

from ..linkage.rules import ALL_RULES
from ..registry import detector


@detector(*ALL_RULES, name="linkage", order=900)
def detect(ctx):
    return ()
