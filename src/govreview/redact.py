"""Redaction: a masked copy of a document, everything else preserved byte for byte.

``redact(text)`` reviews the text, keeps the personal-data findings that ask
for action (``medium`` and above, so office phones and organisation
addresses stay), and replaces each finding's span with its standard mask
(:mod:`govreview.pii.masking`). Inadequate masks are re-masked to the
standard. Masking works on the exact source string: inside a span only the
value characters change; outside the spans nothing does. For HTML only text
characters inside the finding spans are touched — tags and entities that a
span happens to cross are copied as they are.

``redact_bytes`` does the same for a file's bytes and writes the result back
in the encoding it came in (with its BOM), so that a diff of input and output
shows only the masked values.
"""

from __future__ import annotations

import html as _html

from collections.abc import Callable
from dataclasses import dataclass

from .decoding import _BOMS, decode_bytes
from .engine import Reviewer, default_reviewer
from .html import looks_like_html
from .inputs import HTML_SUFFIXES, TEXT_SUFFIXES
from .lazyre import lazy_regex
from .model import Category, Document, Finding, Severity
from .pii import masking

_CC = lazy_regex(r"^\s*(?:[+＋]\s?886|00886|[+＋]\s?86|0086|86(?=[\-－]))")  # the country code a mobile may start with


def _mobile(text: str) -> str:
    m = _CC.match(text)
    skip = sum(1 for c in m.group() if c.isdigit()) if m else 0
    return masking.mask_mobile(text, skip)


def _inadequate(f: Finding) -> Callable[[str], str]:
    return _mobile if f.explanation.details.get("value") == "mobile" else masking.mask_id


MASKERS: dict[str, Callable[[str], str]] = {
    "pii.id_card": masking.mask_id,
    "pii.phone.mobile": _mobile,
    "pii.phone.landline": masking.mask_landline,
    "pii.address": masking.mask_address,
    "pii.bank_card": masking.mask_card,
    "pii.email": masking.mask_email,
    "pii.travel_document": lambda t: masking.mask_code(t, 1, 2),
    "pii.im_account": lambda t: masking.mask_code(t, 2, 2),
}

_MARKUP = lazy_regex(r"<[^>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _mask_span(source: str, f: Finding, html: bool) -> str:
    fn = _inadequate(f) if f.rule == "pii.mask_inadequate" else MASKERS[f.rule]
    piece = source[f.start:f.end]
    if not html or not _MARKUP.search(piece):
        return fn(piece)
    # Mask the text only; tags inside the span are copied unchanged. An entity is one text character
    # (4403061990&#48;1012343 is an 18-digit ID): masked, it becomes the mask character; kept, it stays.
    units: list[tuple[str, str | None]] = []  # (source text, the character it shows; None for a tag)
    pos = 0
    for m in _MARKUP.finditer(piece):
        units.extend((ch, ch) for ch in piece[pos:m.start()])
        tok = m.group()
        shown = _html.unescape(tok) if tok.startswith("&") else None
        units.append((tok, shown if shown is not None and len(shown) == 1 else None))
        pos = m.end()
    units.extend((ch, ch) for ch in piece[pos:])
    text_units = [i for i, (_, shown) in enumerate(units) if shown is not None]
    masked = fn("".join(units[i][1] for i in text_units))  # type: ignore[misc]
    if len(masked) != len(text_units):  # a mask that changes length cannot be interleaved with markup
        return piece
    out = [src for src, _ in units]
    for i, ch in zip(text_units, masked):
        if ch != units[i][1]:
            out[i] = ch
    return "".join(out)


def select(findings: list[Finding], min_severity: Severity = Severity.medium) -> list[Finding]:
    """The findings redaction acts on: PII at ``min_severity`` or above, non-overlapping, in order."""
    chosen = [f for f in findings if f.category is Category.pii and f.start is not None and f.end is not None
              and f.severity >= min_severity and (f.rule in MASKERS or f.rule == "pii.mask_inadequate")]
    chosen.sort(key=lambda f: (f.start, -(f.end or 0)))
    out: list[Finding] = []
    for f in chosen:
        if out and f.start < out[-1].end:  # type: ignore[operator]
            continue
        out.append(f)
    return out


def redact(text: str | Document, *, html: bool | None = None, reviewer: Reviewer | None = None,
           min_severity: Severity | str = Severity.medium) -> tuple[str, list[Finding]]:
    """Masked copy of ``text`` and the findings that were masked (offsets into the original)."""
    if isinstance(text, Document):
        doc = text
    else:
        is_html = looks_like_html(text) if html is None else html
        doc = Document(html=text) if is_html else Document(text=text)
    reviewer = reviewer or default_reviewer()
    report = reviewer.review(doc)
    source = doc.content
    todo = select(report.findings, Severity(min_severity))
    parts: list[str] = []
    pos = 0
    for f in todo:
        parts.append(source[pos:f.start])
        parts.append(_mask_span(source, f, doc.is_html))
        pos = f.end  # type: ignore[assignment]
    parts.append(source[pos:])
    return "".join(parts), todo


@dataclass(frozen=True)
class RedactedBytes:
    data: bytes
    findings: list[Finding]
    encoding: str
    problem: str | None = None  # set when the output could not keep the input's encoding exactly


def redact_bytes(data: bytes, *, suffix: str = "", reviewer: Reviewer | None = None,
                 min_severity: Severity | str = Severity.medium) -> RedactedBytes:
    """Redact a file's bytes; the output keeps the input's encoding and BOM when it round-trips."""
    dec = decode_bytes(data)
    if dec.encoding == "binary":
        raise ValueError(dec.problem or "binary content")
    bom = next((b for b, enc in _BOMS if dec.method == "bom" and data.startswith(b) and enc == dec.encoding), b"")
    sfx = suffix.lower()
    is_html = sfx in HTML_SUFFIXES or (sfx not in TEXT_SUFFIXES and looks_like_html(dec.text))
    out, findings = redact(dec.text, html=is_html, reviewer=reviewer, min_severity=min_severity)
    try:
        exact = bom + dec.text.encode(dec.encoding) == data
        if exact:
            return RedactedBytes(bom + out.encode(dec.encoding), findings, dec.encoding)
    except (UnicodeEncodeError, LookupError):
        pass
    return RedactedBytes(out.encode("utf-8"), findings, "utf-8",
                         dec.problem or f"input does not round-trip through {dec.encoding}; output written as UTF-8")


__all__ = ["RedactedBytes", "redact", "redact_bytes", "select"]
