"""JSON text that survives lone surrogates.

Offsets are code points into the caller's exact string, so a report keeps a
lone surrogate (``"\\ud800"`` in a JSON export cut in the middle of an emoji, a
CMS field truncated at a UTF-16 boundary) wherever it falls inside a finding.
UTF-8 cannot encode one, so pydantic's serializer and ``str.encode`` refuse it;
written as the JSON escape ``\\ud800`` instead, the document is valid JSON and
decodes back to the very same string — in Python, and in the JavaScript and
Java of the CMSs that read it (they are UTF-16 inside). A lone surrogate can
only stand inside a JSON string literal, so escaping it in the serialised text
is exact.
"""

from __future__ import annotations

import json
import re
from typing import Any

_LONE = re.compile("[\ud800-\udfff]")


def escape_lone_surrogates(text: str) -> str:
    """``text`` with every surrogate code point written as a ``\\uXXXX`` escape (for JSON text only)."""
    return _LONE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(obj: Any, **kw: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False)`` that can always be encoded as UTF-8."""
    return escape_lone_surrogates(json.dumps(obj, ensure_ascii=False, **kw))
