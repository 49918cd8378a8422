"""An OOXML package (.docx, .xlsx) as the zip it is: checked before a library inflates it, and its members.

python-docx and python-calamine inflate the whole package; :func:`check_package` applies the scan's zip
bomb limits to it first. :func:`_package_members` lists the files stored under a folder of the package
(``word/embeddings/``) for :mod:`.embedded`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable

from ..limits import Limits
from .registry import _REGISTRY, suffix_of
from .units import NotReviewed


def check_package(data: bytes, limits: Limits) -> None:
    """docx/xlsx are zips: apply the same bomb limits before a library inflates them."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotReviewed("parse", f"文件损坏，不是有效的 Office 文档 corrupt Office file: {exc}") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > 10_000:
            raise NotReviewed("limit", f"Office 包内部件过多 package has {len(infos)} parts")
        total = sum(i.file_size for i in infos)
        comp = sum(i.compress_size for i in infos)
        if total > limits.max_file_bytes:
            raise NotReviewed("limit", f"Office 文档解压后过大 package expands to {total} bytes")
        if total >= limits.ratio_min_bytes and total > limits.max_ratio * max(comp, 1):
            raise NotReviewed("zip_bomb", f"压缩比异常（疑似压缩炸弹） package compression ratio {total / max(comp, 1):.0f}:1")


def _package_members(data: bytes, prefix: str) -> Iterable[tuple[str, Callable[[], bytes]]]:
    """The package's members under ``prefix`` (``word/embeddings/``) as ``(name, read)``; the package was
    checked against zip bombs before, and each member is checked again as a package when it is one."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n.startswith(prefix) and suffix_of(n) in _REGISTRY]
        for n in names:
            yield n, (lambda n=n: z.read(n))
