"""Turning files and exports into Documents, streaming, without losing any item.

Every input item becomes either a :class:`~govreview.model.Document` or an
:class:`InputProblem` naming it and saying why it could not be read; the
caller turns problems into error reports, so items in = reports out.
The full archive scanner (zip/tar, office formats, workers, resume) builds on
these same types.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .decoding import decode_bytes
from .html import looks_like_html
from .model import Document, DocumentInfo, Report, ReviewError, Verdict

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
DOC_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class InputProblem:
    id: str
    source: str
    kind: str
    message: str

    def report(self, lexicon_version: str = "", config_digest: str = "") -> Report:
        """An error record in the report contract: verdict ``review`` because nobody has reviewed it."""
        return Report(
            document=DocumentInfo(id=self.id, source=self.source),
            verdict=Verdict.review,
            findings=[],
            errors=[ReviewError(kind=self.kind, message=self.message)],
            lexicon_version=lexicon_version,
            config_digest=config_digest,
        )


def document_from_bytes(data: bytes, *, doc_id: str, source: str | None = None, suffix: str = "") -> Document | InputProblem:
    decoded = decode_bytes(data)
    if decoded.encoding == "binary":
        return InputProblem(doc_id, source or doc_id, "decode", decoded.problem or "binary content")
    text = decoded.text
    is_html = suffix.lower() in HTML_SUFFIXES or (suffix.lower() not in TEXT_SUFFIXES and looks_like_html(text))
    body = {"html": text} if is_html else {"text": text}
    problems = (decoded.problem,) if decoded.problem else ()
    return Document(id=doc_id, source=source, encoding=decoded.encoding, input_errors=problems, **body)


def read_file(path: str | Path, *, doc_id: str | None = None) -> Document | InputProblem:
    p = Path(path)
    did = doc_id or str(p)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            # the kind a scan gives the same file (batch/sources.py): a size limit, not read
            return InputProblem(did, str(p), "limit", f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit")
        data = p.read_bytes()
    except OSError as exc:
        return InputProblem(did, str(p), "read", f"cannot read file: {exc.strerror or exc}")
    return document_from_bytes(data, doc_id=did, source=str(p), suffix=p.suffix)


def iter_folder(root: str | Path) -> Iterator[Document | InputProblem]:
    """Files with a document suffix under ``root``, recursively, in a stable order; symlinks are not followed out."""
    root = Path(root)
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.suffix.lower() not in DOC_SUFFIXES:
                continue
            rel = str(p.relative_to(root))
            if p.is_symlink():
                try:
                    p.resolve().relative_to(real_root)
                except ValueError:
                    yield InputProblem(rel, str(p), "unsafe_path", "symbolic link points outside the scanned folder; not followed")
                    continue
            yield read_file(p, doc_id=rel)


JSONL_TEXT_FIELDS = ("text", "html")


def iter_jsonl(path: str | Path) -> Iterator[Document | InputProblem]:
    """A CMS export: one JSON object per line with ``id``, ``url``, ``title``, ``published_at`` and ``text`` or ``html``."""
    p = Path(path)
    try:
        fh = open(p, "rb")
    except OSError as exc:
        yield InputProblem(str(p), str(p), "read", f"cannot read file: {exc.strerror or exc}")
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{p.name}:{lineno}"
            try:
                rec = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield InputProblem(where, str(p), "parse", f"line {lineno} is not valid JSON: {exc}")
                continue
            if not isinstance(rec, dict):
                yield InputProblem(where, str(p), "parse", f"line {lineno} is not a JSON object")
                continue
            doc_id = str(rec.get("id") or where)
            if not any(isinstance(rec.get(k), str) for k in JSONL_TEXT_FIELDS):
                yield InputProblem(doc_id, str(p), "parse", f"line {lineno} has neither 'text' nor 'html'")
                continue
            fields = {**rec, "id": doc_id, "source": rec.get("source") or where}
            try:
                yield Document.model_validate(fields)
                continue
            except Exception as exc:  # pydantic validation: bad date etc.
                problem = f"line {lineno}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"
            pub = fields.pop("published_at", None)
            if pub is not None:  # a date nobody can read does not stop the review: drop it and say so
                note = f"发布日期无法解析，已忽略 unparseable 'published_at': {str(pub)[:40]!r}"
                try:
                    yield Document.model_validate({**fields, "input_problems": (("parse", note),)})
                    continue
                except Exception:
                    pass
            yield InputProblem(doc_id, str(p), "parse", problem)


def iter_inputs(path: str | Path) -> Iterator[Document | InputProblem]:
    p = Path(path)
    if p.is_dir():
        yield from iter_folder(p)
    elif p.suffix.lower() == ".jsonl":
        yield from iter_jsonl(p)
    elif p.exists():
        yield read_file(p, doc_id=p.name)
    else:
        yield InputProblem(str(p), str(p), "read", "no such file or folder")
