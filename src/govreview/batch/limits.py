"""Safety limits for archives and files: what a hostile input may not make us do.

Each limit, when hit, becomes an error record for the item concerned (or for
the rest of the archive) and the scan goes on; nothing is ever extracted to
disk, so path traversal can only ever be *reported*, never exploited.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 256 * 1024 * 1024        # one file or member, uncompressed
    max_total_bytes: int = 4 * 1024 * 1024 * 1024  # all members of one archive, uncompressed
    max_ratio: float = 200.0                        # uncompressed / compressed, per zip member
    ratio_min_bytes: int = 1024 * 1024              # ratios only matter above this size
    max_members: int = 1_000_000                    # members of one archive
    max_depth: int = 3                              # archives inside archives
    max_sheet_cells: int = 4_000_000                # cells of one worksheet's grid from A1 (a stray far cell makes it huge)


def unsafe_member_name(name: str) -> str | None:
    """Why an archive member name is unsafe (absolute, drive letter, ``..``), or ``None``."""
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":"):
        return f"成员路径为绝对路径，拒绝读取 absolute member path: {name!r}"
    if ".." in n.split("/"):
        return f"成员路径包含“..”，可能越出扫描范围 path traversal in member name: {name!r}"
    if posixpath.normpath(n).startswith("../"):
        return f"path traversal in member name: {name!r}"
    return None
