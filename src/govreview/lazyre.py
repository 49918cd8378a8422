"""Regular expressions compiled on first use.

Module-level ``regex.compile`` calls run at import, and the ``regex`` module's
compiler is written in Python: the ~100 patterns of the detectors cost about a
tenth of the 0.5 s cold-start budget of a CMS check that, on a typical draft,
reaches only a few of them (cue words decide which detectors run at all). A
:class:`LazyPattern` stands in for the compiled pattern and compiles it the
first time any attribute is read; it then copies the pattern's methods onto
itself, so later calls (``PAT.search(...)``) cost one instance-attribute lookup,
as with the compiled object.

It is a stand-in, not a subclass: code that passes a pattern object to a
module-level function (``regex.sub(PAT, ...)``) or checks ``isinstance`` must
call the method instead (``PAT.sub(...)``).
"""

from __future__ import annotations

import re
from typing import Any

import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer",
            "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    """A pattern compiled by ``compile_fn(pattern, flags)`` when first used; thread-safe (at worst
    two threads compile the same pattern once each)."""

    def __init__(self, compile_fn, pattern: str, flags: int = 0):
        self._compile_fn = compile_fn
        self._pattern = pattern
        self._flags = flags
        self.pattern = pattern  # known without compiling: patterns are often built from others' source

    def compiled(self):
        p = self._compile_fn(self._pattern, self._flags)
        self.__dict__.update({name: getattr(p, name) for name in _METHODS if hasattr(p, name)})
        self.__dict__["compiled"] = lambda: p
        return p

    def __getattr__(self, name: str) -> Any:  # only reached for names not yet copied
        if name.startswith("__") or name in ("_compile_fn", "_pattern", "_flags"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __reduce__(self):
        return (LazyPattern, (self._compile_fn, self._pattern, self._flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self._pattern!r})"


def lazy_regex(pattern: str, flags: int = 0) -> LazyPattern:
    """``regex.compile(pattern, flags)``, deferred to first use."""
    return LazyPattern(regex.compile, pattern, flags)


def lazy_re(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)`` (the standard library engine), deferred to first use."""
    return LazyPattern(re.compile, pattern, flags)


__all__ = ["LazyPattern", "lazy_re", "lazy_regex"]
