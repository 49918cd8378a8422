"""The on-disk cache for compiled artefacts (automaton, fold tables).

Start-up must stay fast for CLI calls and worker processes, so expensive
builds are pickled/saved once under ``$GOVREVIEW_CACHE_DIR`` (default
``~/.cache/govreview``), keyed by a content hash, and written atomically so
concurrent workers never read a partial file. A missing, torn or read-only
cache only costs a rebuild; it is never trusted blindly.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def cache_dir() -> Path:
    env = os.environ.get("GOVREVIEW_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govreview"


def atomic_write(path: Path, write: Callable[[object], None]) -> None:
    """Write via a temp file and rename; swallow OSError (a read-only cache is fine)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass
