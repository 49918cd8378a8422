"""Document properties (File → 属性) as units, and the rules left out there.

The properties themselves are read by :mod:`govreview.batch.package_meta` (OOXML) and by :mod:`.pdf`
(the PDF document information); both are reviewed for what must not be published, not as prose
(``_QUIET_META``).
"""

from __future__ import annotations

import io
import zipfile

from ...model import Location
from ..package_meta import PartTooLarge, package_properties
from .units import Unit


def _property_units(data: bytes) -> tuple[list[Unit], tuple[tuple[str, str], ...]]:
    """The document properties of an OOXML package (see :mod:`govreview.batch.package_meta`) as units after the body,
    each marked ``hidden="metadata"``; a part that cannot be read is a problem of the item, and the body
    is reviewed all the same."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            props = package_properties(z)
    except Exception as exc:  # a part over the size limit, or a package too broken to read it
        kind = "limit" if isinstance(exc, PartTooLarge) else "parse"
        return [], ((kind, f"文档属性无法读取，未审查 document properties not reviewed: {type(exc).__name__}: {exc}"),)
    return [Unit(text, Location(part=part, hidden="metadata"), quiet=_QUIET_LINK if part.endswith("#HyperlinkBase") else _QUIET_META)
            for part, text in props], ()


# Document properties are reviewed for what must not be published (markings, personal data, ads), not as
# prose: a typo or a traditional-script 单位 stamped by the installer is no quality problem of the document,
# and a domain in 单位 or 作者 ("www.deepbbs.org", from pirated system images) is not a link anyone follows.
# The hyperlink base (超链接基础) is a link: only the quality rules are left out there.
_QUIET_META = ("link.", "quality.")
_QUIET_LINK = ("quality.",)
