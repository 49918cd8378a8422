"""Legacy binary office formats (``.doc``, ``.wps``, ``.et``…): named, never skipped silently.

We cannot read them; registering them makes each such file a "not reviewed: convert to .docx" record
instead of a file the scan passes over.
"""

from __future__ import annotations

from ..limits import Limits
from .registry import extractor
from .units import Extracted, NotReviewed


@extractor(".doc", ".wps", ".et", ".dps", ".ppt")
def extract_legacy(data: bytes, name: str, limits: Limits) -> Extracted:
    raise NotReviewed("unsupported", "未审查：旧版二进制格式（.doc/.wps 等），请转换为 .docx 后重新扫描 "
                                     "not reviewed: legacy binary office format; convert to .docx")
