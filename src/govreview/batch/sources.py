"""Sources: everything a scan can read, streamed as :class:`Task` items.

Folders (recursive, sorted, symlinks never followed out), ``.zip``, ``.tar``,
``.tar.gz``/``.tgz`` (archives inside archives up to ``Limits.max_depth``),
JSONL and CSV exports (field names mapped by :class:`FieldMap`), WARC crawl
files (``warcio``) and stdin (JSONL records).

Every file with a document suffix becomes exactly one task — readable ones,
and unreadable ones as ``problem`` tasks that turn into error records. Files
that are not documents at all (images, scripts, styles) are counted in
``skipped`` for the summary, not reviewed.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import sys
import tarfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import IO

from ..lazyre import lazy_re
from .extractors import ARCHIVE_SUFFIXES, document_suffixes, suffix_of
from .limits import Limits, unsafe_member_name
from .tasks import Task, problem


@dataclass(frozen=True)
class FieldMap:
    """Which export field holds what. Defaults are the documented CMS export names."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    title: str = "title"
    url: str = "url"
    published_at: str = "published_at"
    kind: str = "kind"  # policy / 政策文件 / interpretation / 解读 / other, read by the linkage pass

    @classmethod
    def parse(cls, specs: tuple[str, ...] | list[str] = ()) -> FieldMap:
        """``["text=content", "id=article_id"]`` → FieldMap; unknown names raise ``ValueError``."""
        known = {f.name for f in fields(cls)}
        values: dict[str, str] = {}
        for spec in specs:
            for part in spec.split(","):
                if not part.strip():
                    continue
                k, sep, v = part.partition("=")
                k = k.strip()
                if not sep or k not in known or not v.strip():
                    raise ValueError(f"bad field mapping {part!r}: use NAME=FIELD with NAME in {', '.join(sorted(known))}")
                values[k] = v.strip()
        return cls(**values)


def _decompressor(raw: IO[bytes]) -> IO[bytes]:
    """Our own gzip/bz2/xz reader under tarfile: unlike tarfile's stream mode, these raise
    ``EOFError`` on a truncated stream instead of ending quietly."""
    import bz2
    import gzip
    import lzma

    head = raw.read(6)
    raw.seek(-len(head), io.SEEK_CUR)
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if head.startswith(b"BZh"):
        return bz2.BZ2File(raw)  # type: ignore[return-value]
    if head.startswith(b"\xfd7zXZ"):
        return lzma.LZMAFile(raw)  # type: ignore[return-value]
    return raw


_BAD_BYTE = lazy_re("[\udc80-\udcff]")


def member_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as its author wrote it. Without the UTF-8 flag zipfile decodes names as
    cp437, but zips made on Chinese Windows hold GBK names there (and some tools UTF-8 without the
    flag): 附件一.txt would come out as ╕╜╝■╥╗.txt, which no reviewer can find."""
    if info.flag_bits & 0x800 or info.filename.isascii():
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def _with_ids(tasks: Iterator[Task], key: str, id_base: str) -> Iterator[Task]:
    """An archive's items get document ids from the archive's name *relative to the scan* (its file name
    when the archive itself is the target), as files in a folder do — not from the path as typed, which
    differs between ``scan arc/all.zip`` and ``cd arc; scan all.zip``. Ids enter fingerprints, so a
    baseline written by one would not match the other. Keys (for ``--resume``) keep the typed path."""
    for t in tasks:
        did = t.doc_id if t.doc_id is not None else t.key
        if did.startswith(key):
            t = replace(t, doc_id=id_base + did[len(key):])
        yield t


class Sources:
    """Walks one scan target and yields tasks; ``skipped`` counts non-document files by suffix."""

    def __init__(self, limits: Limits | None = None, fieldmap: FieldMap | None = None):
        self.limits = limits or Limits()
        self.fieldmap = fieldmap or FieldMap()
        self.skipped: Counter[str] = Counter()
        self._doc_suffixes = document_suffixes()

    # --- entry point --------------------------------------------------------
    def tasks(self, target: str, stdin: IO[bytes] | None = None) -> Iterator[Task]:
        if target == "-":
            yield from self._jsonl_lines(stdin or sys.stdin.buffer, "stdin")
            return
        p = Path(target)
        if p.is_dir():
            yield from self._folder(p)
            return
        if not p.exists():
            yield problem(target, "read", "找不到文件或目录 no such file or folder", path=target)
            return
        suffix = suffix_of(p.name)
        if suffix in ARCHIVE_SUFFIXES:
            yield from _with_ids(self._archive_file(p, str(p), depth=1), str(p), p.name)
        elif suffix in (".jsonl", ".ndjson"):
            yield from self._jsonl_file(p)
        elif suffix in (".warc", ".warc.gz", ".arc", ".arc.gz"):
            yield from self._warc(p)
        elif suffix == ".csv" and self._csv_is_export(p):
            yield from self._csv_export(p)
        else:
            yield self._file_task(p, key=str(p), doc_id=p.name)

    # --- folders --------------------------------------------------------------
    def _folder(self, root: Path) -> Iterator[Task]:
        real_root = root.resolve()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
            dirnames.sort()
            for d in list(dirnames):
                dp = Path(dirpath) / d
                if dp.is_symlink():  # os.walk would silently skip it: say so
                    dirnames.remove(d)
                    yield problem(str(dp), "unsafe_path", "符号链接目录未跟随 symbolic link to a folder; not followed", path=str(dp))
            for name in sorted(filenames):
                p = Path(dirpath) / name
                suffix = suffix_of(name)
                is_doc = suffix in self._doc_suffixes
                if not is_doc and suffix not in ARCHIVE_SUFFIXES:
                    self.skipped[suffix or "(none)"] += 1
                    continue
                rel = str(p.relative_to(root))
                if p.is_symlink():
                    try:
                        p.resolve().relative_to(real_root)
                    except (ValueError, OSError):
                        yield problem(str(p), "unsafe_path", "符号链接指向扫描目录之外，未跟随 symbolic link points outside the scanned folder; not followed", path=str(p))
                        continue
                if is_doc:
                    yield self._file_task(p, key=str(p), doc_id=rel)
                else:
                    yield from _with_ids(self._archive_file(p, str(p), depth=1), str(p), rel)

    def _file_task(self, p: Path, *, key: str, doc_id: str) -> Task:
        try:
            size = p.stat().st_size
        except OSError as exc:
            return problem(key, "read", f"无法读取 cannot read file: {exc.strerror or exc}", path=str(p))
        if size > self.limits.max_file_bytes:
            return problem(key, "limit", f"文件过大 file is {size} bytes, over the {self.limits.max_file_bytes} byte limit", path=str(p))
        return Task(key=key, kind="file", name=p.name, doc_id=doc_id, path=str(p), size=size)

    # --- archives ---------------------------------------------------------------
    def _archive_file(self, p: Path, key: str, depth: int) -> Iterator[Task]:
        suffix = suffix_of(p.name)
        try:
            if suffix == ".zip":
                zf = zipfile.ZipFile(p)
            else:
                raw = open(p, "rb")
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            yield problem(key, "archive", f"无法打开压缩包 cannot open archive: {exc}", path=str(p))
            return
        if suffix == ".zip":
            with zf:
                yield from self._zip(zf, key, str(p), chain="", depth=depth, on_disk=True)
        else:
            with raw:
                yield from self._tar(raw, key, str(p), chain="", depth=depth)

    def _member_checks(self, key: str, path: str, name: str, size: int, total: int) -> Task | None:
        lim = self.limits
        why = unsafe_member_name(name)
        if why:
            return problem(key, "unsafe_path", why, path=path, member=name)
        if size > lim.max_file_bytes:
            return problem(key, "limit", f"成员过大 member is {size} bytes, over the {lim.max_file_bytes} byte limit", path=path, member=name)
        if total > lim.max_total_bytes:
            return problem(key, "limit", f"压缩包解压总量超限 archive total uncompressed size over {lim.max_total_bytes} bytes; member not read", path=path, member=name)
        return None

    def _classify(self, name: str) -> str | None:
        suffix = suffix_of(name)
        if suffix in ARCHIVE_SUFFIXES:
            return "archive"
        if suffix in self._doc_suffixes:
            return "doc"
        self.skipped[suffix or "(none)"] += 1
        return None

    def _zip(self, zf: zipfile.ZipFile, akey: str, path: str, chain: str, depth: int, on_disk: bool) -> Iterator[Task]:
        lim = self.limits
        try:
            infos = zf.infolist()
        except Exception as exc:  # corrupt central directory
            yield problem(akey, "archive", f"压缩包损坏 corrupt archive: {exc}", path=path)
            return
        if len(infos) > lim.max_members:
            yield problem(akey, "limit", f"压缩包成员过多 archive has {len(infos)} members, over the {lim.max_members} limit; not expanded", path=path)
            return
        total = 0
        seen: Counter[str] = Counter()
        repeated = {n for n, c in Counter(i.filename for i in infos).items() if c > 1}
        for info in infos:
            if info.is_dir():
                continue
            name = member_name(info)
            kind = self._classify(name)
            if kind is None:
                continue
            member = f"{chain}{name}"
            seen[name] += 1
            # two members may carry the same name (an archive appended to): each is its own item
            key = f"{akey}!{name}" + (f"#{seen[name]}" if seen[name] > 1 else "")
            total += info.file_size
            bad = self._member_checks(key, path, member, info.file_size, total)
            if bad is None and stat.S_ISLNK(info.external_attr >> 16):
                bad = problem(key, "unsafe_path", "压缩包内的符号链接未跟随 symbolic link member; not followed", path=path, member=member)
            if bad is None and info.file_size >= lim.ratio_min_bytes and info.file_size > lim.max_ratio * max(info.compress_size, 1):
                bad = problem(key, "zip_bomb", f"压缩比异常（疑似压缩炸弹） compression ratio {info.file_size / max(info.compress_size, 1):.0f}:1 over the {lim.max_ratio:.0f}:1 limit",
                              path=path, member=member)
            if bad is not None:
                yield bad
                continue
            if kind == "doc" and on_disk and not chain and info.filename not in repeated:
                # the worker opens the member by the name zipfile gave it (cp437 for a legacy GBK name)
                yield Task(key=key, kind="zip", name=name, doc_id=key, path=path, member=name, size=info.file_size,
                           open_as=info.filename if info.filename != name else None)
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(lim.max_file_bytes + 1)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                yield problem(key, "archive", f"无法解压成员 cannot read member: {exc}", path=path, member=member)
                continue
            if kind == "doc":
                yield Task(key=key, kind="bytes", name=name, doc_id=key, path=path, member=member, data=data, size=len(data))
            else:
                yield from self._nested(data, key, path, f"{member}/", depth + 1, name)

    def _nested(self, data: bytes, key: str, path: str, chain: str, depth: int, name: str) -> Iterator[Task]:
        if depth > self.limits.max_depth:
            yield problem(key, "limit", f"压缩包嵌套过深 archive nested deeper than {self.limits.max_depth} levels; not expanded", path=path, member=chain.rstrip("/"))
            return
        if suffix_of(name) == ".zip":
            try:
                zf = zipfile.ZipFile(io.BytesIO(data))
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                yield problem(key, "archive", f"无法打开内层压缩包 cannot open nested archive: {exc}", path=path, member=chain.rstrip("/"))
                return
            with zf:
                yield from self._zip(zf, key, path, chain, depth, on_disk=False)
        else:
            yield from self._tar(io.BytesIO(data), key, path, chain, depth)

    def _tar(self, raw: IO[bytes], akey: str, path: str, chain: str, depth: int) -> Iterator[Task]:
        lim = self.limits
        count = total = 0
        try:
            tf = tarfile.open(fileobj=_decompressor(raw), mode="r|")
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            yield problem(akey, "archive", f"无法打开压缩包 cannot open archive: {exc}", path=path, member=chain.rstrip("/") or None)
            return
        reading: tuple[str, str] | None = None  # the member whose bytes are being read, if the archive ends there
        try:
            for m in tf:
                reading = None
                count += 1
                if count > lim.max_members:
                    yield problem(f"{akey}!…", "limit", f"压缩包成员过多 archive has more than {lim.max_members} members; the rest was not read", path=path)
                    return
                if m.isdir():
                    continue
                kind = self._classify(m.name)
                if kind is None:
                    continue
                member = f"{chain}{m.name}"
                key = f"{akey}!{m.name}"
                if m.issym() or m.islnk():
                    yield problem(key, "unsafe_path", f"压缩包内的链接未跟随 link member ({m.linkname!r}); not followed", path=path, member=member)
                    continue
                if not m.isreg():
                    yield problem(key, "unsupported", "特殊文件（设备、管道）未读取 special file member; not read", path=path, member=member)
                    continue
                total += m.size
                bad = self._member_checks(key, path, member, m.size, total)
                if bad is not None:
                    yield bad
                    continue
                reading = (key, member)
                fh = tf.extractfile(m)
                data = fh.read() if fh is not None else b""
                pos = raw.tell() if hasattr(raw, "tell") else 0
                if total >= lim.ratio_min_bytes and pos and total > lim.max_ratio * pos:
                    yield problem(key, "zip_bomb", f"压缩比异常（疑似压缩炸弹） archive expands {total / pos:.0f}:1, over the {lim.max_ratio:.0f}:1 limit; the rest was not read",
                                  path=path, member=member)
                    return
                if kind == "doc":
                    yield Task(key=key, kind="bytes", name=m.name, doc_id=key, path=path, member=member, data=data, size=len(data))
                else:
                    yield from self._nested(data, key, path, f"{member}/", depth + 1, m.name)
        except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
            if reading is not None:  # the member cut off mid-way is an item too: name it
                yield problem(reading[0], "archive", f"成员不完整（压缩包被截断） member cut off: the archive ends inside it: {type(exc).__name__}: {exc}",
                              path=path, member=reading[1])
                count -= 1
            yield problem(f"{akey}!…", "archive", f"压缩包损坏或被截断，已读 {count} 个成员后停止 archive truncated or corrupt after {count} members: {type(exc).__name__}: {exc}",
                          path=path)

    # --- exports --------------------------------------------------------------
    def _jsonl_file(self, p: Path) -> Iterator[Task]:
        try:
            fh = open(p, "rb")
        except OSError as exc:
            yield problem(str(p), "read", f"无法读取 cannot read file: {exc.strerror or exc}", path=str(p))
            return
        with fh:
            yield from self._jsonl_lines(fh, str(p))

    def _jsonl_lines(self, fh: IO[bytes], label: str) -> Iterator[Task]:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            yield Task(key=f"{label}#L{lineno}", kind="record", name=".jsonl", path=label, data=raw, size=len(raw))

    def _csv_encoding(self, p: Path) -> str:
        """CMS exports from Chinese systems are often GBK: decide from the first MB (whole lines)."""
        from ..decoding import decode_bytes

        try:
            with open(p, "rb") as fh:
                head = fh.read(1024 * 1024)
        except OSError:
            return "utf-8-sig"
        if len(head) == 1024 * 1024 and b"\n" in head:
            head = head[: head.rfind(b"\n") + 1]
        d = decode_bytes(head)
        if d.encoding in ("binary", "utf-8") or d.method == "fallback":
            return "utf-8-sig"
        return d.encoding

    def _csv_is_export(self, p: Path) -> bool:
        try:
            with open(p, encoding=self._csv_encoding(p), errors="replace", newline="") as fh:
                header = next(csv.reader(fh), [])
        except OSError:
            return False
        return self.fieldmap.text in header or self.fieldmap.html in header

    def _csv_export(self, p: Path) -> Iterator[Task]:
        csv.field_size_limit(self.limits.max_file_bytes)
        n = 0
        try:
            enc = self._csv_encoding(p)
            # surrogateescape: one bad byte costs its own record, not the rest of the export
            with open(p, encoding=enc, errors="surrogateescape", newline="") as fh:
                for n, row in enumerate(csv.DictReader(fh), start=1):
                    key = f"{p}#R{n}"
                    values = [v for v in row.values() if isinstance(v, str)]
                    if any(_BAD_BYTE.search(v) for v in values):
                        yield problem(key, "decode", f"第 {n} 条记录含无法按 {enc} 解码的字节 record {n} has bytes that are not valid {enc}",
                                      path=str(p))
                        continue
                    yield Task(key=key, kind="record", name=".csv", path=str(p), record=dict(row), size=sum(map(len, values)))
        except (UnicodeDecodeError, csv.Error, OSError) as exc:
            yield problem(f"{p}#…", "parse", f"CSV 导出文件第 {n + 1} 条记录起无法读取 CSV export unreadable from record {n + 1} on: {exc}",
                          path=str(p))

    def _warc(self, p: Path) -> Iterator[Task]:
        try:
            from warcio.archiveiterator import ArchiveIterator
        except ImportError:
            yield problem(str(p), "unsupported", "需要安装 warcio：pip install 'govreview[archive]' WARC support needs warcio", path=str(p))
            return
        from .extractors import suffix_for_content_type

        try:
            fh = open(p, "rb")
        except OSError as exc:
            yield problem(str(p), "read", f"无法读取 cannot read file: {exc.strerror or exc}", path=str(p))
            return
        with fh:
            it = ArchiveIterator(fh)
            try:
                for rec in it:
                    if rec.rec_type not in ("response", "resource"):
                        continue
                    url = rec.rec_headers.get_header("WARC-Target-URI") or ""
                    ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else None) or \
                        rec.rec_headers.get_header("Content-Type") or ""
                    name = suffix_for_content_type(ctype, url)
                    if name is None:
                        self.skipped[ctype.split(";")[0].strip() or "(warc other)"] += 1
                        continue
                    if rec.http_headers is not None and rec.http_headers.get_statuscode() not in ("200", None):
                        self.skipped["(http non-200)"] += 1
                        continue
                    data = rec.content_stream().read(self.limits.max_file_bytes + 1)
                    key = f"{p}#{it.get_record_offset()}"  # only after reading: it consumes the record
                    if len(data) > self.limits.max_file_bytes:
                        yield problem(key, "limit", f"响应过大 response over {self.limits.max_file_bytes} bytes", path=str(p))
                        continue
                    yield Task(key=key, kind="bytes", name=name, doc_id=url or key, path=str(p), data=data,
                               size=len(data), meta={"url": url} if url else {})
                # warcio ends quietly on a truncated gzip member: the records it read stop short of the file's end
                end, size = getattr(it, "offset", None), p.stat().st_size
                if isinstance(end, int) and end < size:
                    yield problem(f"{p}#…", "archive", f"WARC 文件被截断，字节 {end} 之后的记录无法读取 WARC truncated: "
                                  f"records after byte {end} of {size} are unreadable", path=str(p))
            except Exception as exc:  # warcio raises several types on truncated/corrupt input
                yield problem(f"{p}#…", "archive", f"WARC 文件损坏或被截断 WARC truncated or corrupt: {type(exc).__name__}: {exc}", path=str(p))
