"""Files stored inside a document: a workbook inserted into a Word 公示 as an object, a file attached to a PDF.

Each is read by the extractor for its suffix and its units are located under the file's name; how deep
and how many are read is bounded here. The containers list their members (:func:`.package._package_members`,
:func:`.pdf._pdf_attachments`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar

from ...model import Location
from ..limits import Limits
from .registry import get_extractor
from .units import Extracted, NotReviewed, Unit, problem_pair


MAX_EMBEDDED = 64  # embedded files read per document
MAX_EMBED_DEPTH = 2  # a file embedded in an embedded file is read; one level further is not
_EMBED_DEPTH: ContextVar[int] = ContextVar("govreview_embed_depth", default=0)


def _embedded(members: Iterable[tuple[str, Callable[[], bytes]]], limits: Limits) -> Extracted:
    """The embedded files' units, located under the file's name (``part`` ``word/embeddings/Microsoft_Excel_
    Worksheet.xlsx!…``, the embedded file's own sheet, cell, page, hidden mark kept). An Excel table inserted into
    a Word document as an object shows a picture of a range: the whole workbook, every sheet and column of
    it, is stored. An embedded file that cannot be reviewed is an unreviewed part of the item (its verdict is
    at least ``review``, as for a scanned page), and the rest is reviewed."""
    out = Extracted("embedded", units=[])
    depth = _EMBED_DEPTH.get()
    problems: list[tuple[str, str]] = []
    try:
        for k, (name, read) in enumerate(members):
            if k == MAX_EMBEDDED:
                out.unreviewed.append(("limit", f"未审查：嵌入文件超过 {MAX_EMBEDDED} 个，其余未审查 not reviewed: more than "
                                                f"{MAX_EMBEDDED} embedded files", Location(part=name)))
                break
            if depth >= MAX_EMBED_DEPTH:
                out.unreviewed.append(("limit", f"未审查：嵌入层数过深 embedded file not reviewed: nested more than "
                                                f"{MAX_EMBED_DEPTH} deep", Location(part=name)))
                continue
            ex = get_extractor(name)
            if ex is None:
                continue  # not a document (an image, an OLE object's .bin)
            token = _EMBED_DEPTH.set(depth + 1)
            try:
                inner = ex(read(), name, limits)
            except NotReviewed as exc:
                out.unreviewed.append((exc.kind, f"嵌入文件未审查 embedded file not reviewed: {exc.message}", Location(part=name)))
                continue
            except Exception as exc:  # a broken embedded file is that file's problem, not the document's
                out.unreviewed.append(("extract", f"嵌入文件无法读取 embedded file not reviewed: {type(exc).__name__}: {exc}",
                                       Location(part=name)))
                continue
            finally:
                _EMBED_DEPTH.reset(token)
            def moved(loc: Location, name: str = name) -> Location:
                return loc.model_copy(update={"part": f"{name}!{loc.part}" if loc.part else name})

            if inner.html is not None:
                out.unreviewed.append(("unsupported", "嵌入的网页文件未审查 embedded HTML file not reviewed", Location(part=name)))
                continue
            if inner.units is None:
                text = inner.text or ""
                units = [Unit(text, Location(part=name))] if text.strip() else []
            else:
                units = [Unit(u.text, moved(u.location), u.sep, u.only, u.quiet) for u in inner.units]
            if units and "\n" not in units[-1].sep:
                units[-1].sep = "\n\n"
            out.units.extend(units)
            problems.extend((kind, f"{name}: {msg}") for kind, msg in map(problem_pair, inner.problems))
            out.unreviewed.extend((kind, msg, moved(loc)) for kind, msg, loc in inner.unreviewed)
    except Exception as exc:  # the container's list of embedded files itself
        out.unreviewed.append(("extract", f"嵌入文件无法读取，未审查 embedded files not reviewed: {type(exc).__name__}: {exc}", Location()))
    out.problems = tuple(problems)
    return out
