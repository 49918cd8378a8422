"""Which extractor reads a file: the registry of formats by suffix.

A format registers itself with ``@extractor(".ext")`` when its module is imported (the package's
``__init__`` imports them all); the scanner asks :func:`get_extractor` by file name, the sources ask
:func:`document_suffixes` which files are documents at all, and a crawled response without a
suffix gets one from its content type (:func:`suffix_for_content_type`).
"""

from __future__ import annotations

from collections.abc import Callable

from ..limits import Limits
from .units import Extracted


ARCHIVE_SUFFIXES = {".zip", ".tar", ".tar.gz", ".tgz"}
_DOUBLE = (".tar.gz", ".warc.gz", ".arc.gz")


def suffix_of(name: str) -> str:
    low = name.lower()
    for d in _DOUBLE:
        if low.endswith(d):
            return d
    base = low.replace("\\", "/").rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:] if dot > 0 else ""


Extractor = Callable[[bytes, str, Limits], Extracted]
_REGISTRY: dict[str, Extractor] = {}


def extractor(*suffixes: str):
    def deco(fn: Extractor) -> Extractor:
        for s in suffixes:
            _REGISTRY[s.lower()] = fn
        return fn
    return deco


def document_suffixes() -> set[str]:
    return set(_REGISTRY)


def get_extractor(name: str) -> Extractor | None:
    return _REGISTRY.get(suffix_of(name))


_CTYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "application/pdf": ".pdf",
           "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
           "application/vnd.ms-excel": ".xls", "application/msword": ".doc", "text/csv": ".csv"}


def suffix_for_content_type(ctype: str, url: str) -> str | None:
    """A name with the right suffix for a crawled response, or ``None`` if it is not a document."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    s = suffix_of(path.rsplit("/", 1)[-1])
    if s in _REGISTRY:
        return "response" + s
    s = _CTYPES.get(ctype.split(";")[0].strip().lower())
    return "response" + s if s else None
