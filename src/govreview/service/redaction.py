"""Lazy access to ``govreview.redact.redact(text_or_document, reviewer=...) -> (redacted_text, findings)``.

Redaction is its own module, built separately; the service must start and
review without it, and say clearly (501) when a caller asks for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

MODULE = "govreview.redact"


def load_redactor() -> Callable[[str], tuple[str, Any]] | None:
    """The ``redact`` function, or None when the module is not installed (any other import error propagates)."""
    try:
        mod = importlib.import_module(MODULE)
    except ModuleNotFoundError as exc:
        if exc.name == MODULE:
            return None
        raise
    return getattr(mod, "redact", None)
