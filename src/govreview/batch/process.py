"""One task → exactly one Report: read, extract, review, locate, suppress, baseline.

A :class:`Processor` is built once per worker process from picklable
:class:`ScanSettings` (the Reviewer's automaton comes from the on-disk cache),
then handles tasks one by one. Nothing a task can contain makes it raise: an
unreadable or unsupported item becomes an error record (verdict ``review``,
no findings, ``errors`` saying why) with the item's key as its source, so
items in = records out always holds.
"""

from __future__ import annotations

import gc
import json
import os
import select
import time

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ..config import ReviewConfig
from ..model import Document, DocumentInfo, Finding, Location, Report, ReviewError, Verdict, is_title
from ..engine import verdict_for
from ..lazyre import lazy_re
from .extractors import Extracted, NotReviewed, get_extractor, sniff_text
from .extractors.units import problem_pair
from .limits import Limits
from .sources import FieldMap
from .tasks import Task


@dataclass(frozen=True)
class ScanSettings:
    """Everything a worker needs to build its own Processor; small and picklable."""

    config: ReviewConfig = field(default_factory=ReviewConfig)
    lexicons: tuple[tuple[str, str, str], ...] = ()  # (path, category, severity) for extra lexicon files
    limits: Limits = field(default_factory=Limits)
    fieldmap: FieldMap = field(default_factory=FieldMap)
    baseline: str | None = None
    contexts: bool = False  # attach highlighted context per finding (HTML report)
    sources: bool = False  # send the reviewed text back for items with findings (text report: line:col, snippets)
    suppressions: bool = True
    linkage: bool = False  # send each document's compact linkage features back (policy ↔ interpretation pass)
    base_url: str | None = None
    head_chars: int = 400


@dataclass
class ItemResult:
    """What a worker sends back per item: the report as JSON plus what the summary needs."""

    key: str
    doc_id: str
    json: str
    is_error: bool
    verdict: str
    findings: list[tuple[str, str, str, str]]  # (rule, severity, category, fingerprint)
    error_kinds: list[str]
    size: int
    contexts: list[tuple[str, str, str]] | None = None  # per finding: (before, the finding as shown, after)
    timings: dict[str, float] = field(default_factory=dict)
    rss_kb: int = 0  # peak RSS of the process that made it (benchmarks: memory per worker)
    source: str | None = None
    linkage: Any = None  # linkage.features.DocFeatures (compact) when ScanSettings.linkage

    def report(self) -> Report:
        return Report.from_json(self.json)


def error_report(task: Task, kind: str, message: str, lexicon_version: str = "", config_digest: str = "") -> Report:
    loc = Location(path=task.path, member=task.member) if (task.path or task.member) else None
    return Report(
        document=DocumentInfo(id=task.id, source=task.key, url=task.meta.get("url")),
        verdict=Verdict.review,
        findings=[],
        errors=[ReviewError(kind=kind, message=message, location=loc)],
        lexicon_version=lexicon_version,
        config_digest=config_digest,
    )


class Processor:
    def __init__(self, settings: ScanSettings, reviewer=None):
        """``reviewer``: one already built (``govreview check``); by default one is built from ``settings``."""
        from ..engine import Reviewer
        from ..lexicons import Lexicon

        self.settings = settings
        self.last_document: Document | None = None  # the document review_task last built (for the linkage features)
        if reviewer is None:
            extra = [Lexicon.load(p, category=c, severity=s) for p, c, s in settings.lexicons]
            reviewer = Reviewer(settings.config, lexicons=extra)
        self.reviewer = reviewer
        self.baseline = None
        if settings.baseline:
            from ..baseline import Baseline

            self.baseline = Baseline.load(settings.baseline)
        self._zip_path: str | None = None
        self._zip: zipfile.ZipFile | None = None

    # --- reading ---------------------------------------------------------------------
    def _bytes(self, task: Task) -> bytes:
        lim = self.settings.limits
        if task.kind == "bytes":
            return task.data or b""
        if task.kind == "file":
            with open(task.path, "rb") as fh:  # type: ignore[arg-type]
                data = fh.read(lim.max_file_bytes + 1)
        else:  # zip member of an archive on disk: keep the archive open between tasks
            if self._zip_path != task.path:
                if self._zip is not None:
                    self._zip.close()
                self._zip = zipfile.ZipFile(task.path)  # type: ignore[arg-type]
                self._zip_path = task.path
            with self._zip.open(task.open_as or task.member) as fh:  # type: ignore[arg-type]
                data = fh.read(lim.max_file_bytes + 1)
        if len(data) > lim.max_file_bytes:
            raise NotReviewed("limit", f"文件过大 over the {lim.max_file_bytes} byte limit")
        return data

    def _record_document(self, task: Task) -> Document:
        fm = self.settings.fieldmap
        rec = task.record
        if rec is None:
            try:
                rec = json.loads((task.data or b"").decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise NotReviewed("parse", f"不是有效的 JSON 行 not valid JSON: {exc}") from None
            if not isinstance(rec, dict):
                raise NotReviewed("parse", "不是 JSON 对象 not a JSON object")
        text, html = rec.get(fm.text), rec.get(fm.html)
        if not (isinstance(text, str) and text) and not (isinstance(html, str) and html):
            raise NotReviewed("parse", f"记录缺少正文字段 record has neither {fm.text!r} nor {fm.html!r}")
        doc_id = rec.get(fm.id)
        fields: dict[str, Any] = {
            "id": str(doc_id) if doc_id not in (None, "") else task.key,
            "source": task.key,
            "title": rec.get(fm.title) if isinstance(rec.get(fm.title), str) else None,
            "url": rec.get(fm.url) if isinstance(rec.get(fm.url), str) else None,
            "kind": rec.get(fm.kind) if isinstance(rec.get(fm.kind), str) else None,
        }
        if isinstance(html, str) and html:
            fields["html"] = html
        else:
            fields["text"] = text
        problems: tuple[tuple[str, str], ...] = ()
        pub = rec.get(fm.published_at)
        if pub not in (None, ""):
            try:
                return Document.model_validate({**fields, "published_at": pub})
            except Exception:  # the record's bytes were fine: a field that cannot be read is a parse problem
                problems = (("parse", f"发布日期无法解析，已忽略 unparseable {fm.published_at!r}: {str(pub)[:40]!r}"),)
        return Document.model_validate({**fields, "input_problems": problems})

    # --- one item ---------------------------------------------------------------------
    def review_task(self, task: Task) -> tuple[Report, bool, Extracted | None, str | None, dict[str, float]]:
        rv = self.reviewer
        timings: dict[str, float] = {}
        if task.kind == "problem":
            kind, msg = task.problem  # type: ignore[misc]
            return error_report(task, kind, msg, rv.lexicon_version, rv.config_digest), True, None, None, timings
        try:
            t0 = time.perf_counter()
            extracted = None
            if task.kind == "record":
                doc = self._record_document(task)
            else:
                data = self._bytes(task)
                ex = get_extractor(task.name) or sniff_text
                extracted = ex(data, task.name, self.settings.limits)
                body = extracted.joined()
                is_html = extracted.html is not None
                doc = Document(id=task.id, source=task.key, encoding=extracted.encoding,
                               input_problems=tuple(map(problem_pair, extracted.problems)),
                               url=task.meta.get("url"), **({"html": body} if is_html else {"text": body}))
            t1 = time.perf_counter()
            report = rv.review(doc)
            t2 = time.perf_counter()
            timings = {"extract": t1 - t0, "review": t2 - t1}
            if extracted is not None and extracted.units and any(u.only or u.quiet for u in extracted.units):
                report = self._only_the_point(report, extracted)
            report = self._locate(report, task, extracted)
            if doc.is_html and self.settings.suppressions and "govreview:" in doc.content:
                from ..suppress import apply_suppressions

                report = apply_suppressions(report, doc.content, rv.config)
            if self.baseline is not None:
                report = self.baseline.filter(report, rv.config)
            if extracted is not None and extracted.unreviewed:  # after the verdict is final: it only goes up
                report = self._partly_reviewed(report, task, extracted)
            self.last_document = doc
            return report, False, extracted, doc.content, timings
        except NotReviewed as exc:
            return error_report(task, exc.kind, exc.message, rv.lexicon_version, rv.config_digest), True, None, None, timings
        except MemoryError:
            return error_report(task, "limit", "内存不足，未审查 out of memory; not reviewed", rv.lexicon_version, rv.config_digest), True, None, None, timings
        except OSError as exc:
            return error_report(task, "read", f"无法读取 cannot read: {exc.strerror or exc}", rv.lexicon_version, rv.config_digest), True, None, None, timings
        except Exception as exc:  # an extractor library failing on odd input: report it, keep going
            return error_report(task, "extract", f"提取失败 extraction failed: {type(exc).__name__}: {exc}", rv.lexicon_version, rv.config_digest), True, None, None, timings
        except BaseException as exc:
            # a native library's panic (pyo3's PanicException derives from BaseException, not Exception) is this
            # item's failure too; only an interrupt or an exit stops the scan
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            return error_report(task, "extract", f"提取失败 extraction failed: {type(exc).__name__}: {exc}", rv.lexicon_version, rv.config_digest), True, None, None, timings

    def _partly_reviewed(self, report: Report, task: Task, extracted: Extracted) -> Report:
        """Parts of the item that could not be reviewed (scanned pages among text pages) are errors of the
        report, located, and the item needs a person's look: its verdict is at least ``review``."""
        base = {k: v for k, v in (("path", task.path), ("member", task.member)) if v is not None}
        errors = [ReviewError(kind=kind, message=msg, location=Location(**{**loc.model_dump(exclude_none=True), **base}))
                  for kind, msg, loc in extracted.unreviewed]
        verdict = Verdict.review if report.verdict is Verdict.pass_ else report.verdict
        return report.model_copy(update={"errors": [*report.errors, *errors], "verdict": verdict})

    def _only_the_point(self, report: Report, extracted: Extracted) -> Report:
        """Drop findings in the unchanged text of a deleted revision's or hidden text's unit: they are reported
        where the paragraph stands now (see ``Unit.only``), and findings of rules a unit leaves out (``Unit.quiet``:
        link rules in document properties); the verdict follows what is left."""
        kept = [f for f in report.findings
                if f.start is None or is_title(f)
                or not (extracted.beside_the_point(f.start, f.end) or extracted.quieted(f.start, f.rule))]
        if len(kept) == len(report.findings):
            return report
        return report.model_copy(update={"findings": kept, "verdict": verdict_for(kept, self.reviewer.config)})

    def _locate(self, report: Report, task: Task, extracted: Extracted | None) -> Report:
        if not report.findings or (task.path is None and task.member is None and (extracted is None or not extracted.units)):
            return report
        base = {"path": task.path, "member": task.member}
        out: list[Finding] = []
        for f in report.findings:
            unit = extracted.location_at(f.start) if (extracted is not None and f.start is not None and not is_title(f)) else None
            fields = {**(unit.model_dump(exclude_none=True) if unit else {}),
                      **(f.location.model_dump(exclude_none=True) if f.location else {})}
            fields.update({k: v for k, v in base.items() if v is not None})
            out.append(f.model_copy(update={"location": Location(**fields)}))
        return report.model_copy(update={"findings": out})

    def process(self, task: Task) -> ItemResult:
        cpu0 = time.process_time()
        self.last_document = None
        report, is_error, _ex, content, timings = self.review_task(task)
        features = None
        if self.settings.linkage and self.last_document is not None:
            from ..linkage.features import extract

            try:
                features = extract(self.last_document, base_url=self.settings.base_url, head_chars=self.settings.head_chars)
            except Exception as exc:  # never lose the document: say linkage could not read it
                err = ReviewError(kind="linkage", detector="linkage",
                                  message=f"linkage index could not read this document: {type(exc).__name__}: {exc}")
                report = report.model_copy(update={"errors": [*report.errors, err]})
        timings["cpu"] = time.process_time() - cpu0
        contexts = None
        if self.settings.contexts and content is not None and report.findings:
            is_html = self.last_document is not None and self.last_document.is_html
            contexts = finding_contexts(report, content, is_html)
        return ItemResult(
            key=task.key, doc_id=report.document.id, json=report.to_json(), is_error=is_error,
            verdict=report.verdict.value,
            findings=[(f.rule, f.severity.value, f.category.value, f.fingerprint) for f in report.findings],
            error_kinds=[e.kind for e in report.errors], size=task.size, contexts=contexts, timings=timings,
            rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if resource else 0,
            source=content if (self.settings.sources and report.findings) else None,
            linkage=features,
        )


# --- worker-process entry points -------------------------------------------------------------
_worker: Processor | None = None


def _exit_with(parent_pid: int) -> None:
    """End this worker when the scan that started it is gone. A pool worker waits for its next task
    on a queue whose write end it holds itself, so after ``kill -9`` of the scan (or the OOM killer
    taking it) it would wait forever, holding a reviewer's memory; a resumed scan starts its own."""
    import threading

    try:
        fd = os.pidfd_open(parent_pid)  # Linux ≥ 5.3: readable once the process has exited, immune to pid reuse
    except ProcessLookupError:
        os._exit(0)
    except (AttributeError, OSError):
        fd = None

    def watch() -> None:
        if fd is not None:
            select.select([fd], [], [])
            os._exit(0)
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # alive (or its pid reused by another user's process)
                pass

    threading.Thread(target=watch, name="govreview-parent-watch", daemon=True).start()


def init_worker(settings: ScanSettings, parent_pid: int | None = None) -> None:
    """Build this worker's reviewer once; then move everything built so far out of the cyclic
    garbage collector's sight (``gc.freeze``): the reviewer's tables live as long as the worker,
    and every collection of the older generations would otherwise walk them again (~7 % of a
    review, measured). The worker never rebuilds its reviewer, so nothing frozen is ever garbage.
    With ``parent_pid`` the worker exits as soon as that process has (see :func:`_exit_with`)."""
    global _worker
    if parent_pid is not None:
        _exit_with(parent_pid)
    _worker = Processor(settings)
    gc.freeze()


def run_chunk(tasks: list[Task]) -> list[ItemResult]:
    assert _worker is not None, "init_worker was not called"
    return [_worker.process(t) for t in tasks]


# --- engine-agnostic partition function ------------------------------------------------------
_cached: dict[int, Processor] = {}


def scan_partition(records, config: ReviewConfig | dict | None = None, *, settings: ScanSettings | None = None):
    """Review an iterable of export records (dicts with the :class:`FieldMap` fields, e.g.
    ``{"id": …, "html": …}``; or ``{"path": …}`` to read a file) and yield one Report each.

    Used as-is by Spark (``mapPartitions``), Dask (``map_partitions``) or any other engine:
    the Processor is built once per process and cached for later partitions.
    """
    if settings is None:
        cfg = config if isinstance(config, ReviewConfig) else ReviewConfig.model_validate(dict(config or {}))
        settings = ScanSettings(config=cfg)
    key = hash((settings.config.digest(), settings.lexicons, settings.baseline, settings.fieldmap, settings.limits))
    proc = _cached.get(key)
    if proc is None:
        proc = _cached[key] = Processor(settings)
    fm = settings.fieldmap
    for i, rec in enumerate(records):
        if hasattr(rec, "asDict"):
            rec = rec.asDict()
        rec = dict(rec)
        key_ = str(rec.get("source") or rec.get(fm.id) or f"record#{i}")
        if rec.get("path") and not rec.get(fm.text) and not rec.get(fm.html):
            from pathlib import Path

            p = str(rec["path"])
            task = Task(key=key_, kind="file", name=Path(p).name, doc_id=str(rec.get(fm.id) or p), path=p)
        else:
            task = Task(key=key_, kind="record", record=rec)
        yield proc.review_task(task)[0]


def finding_contexts(report: Report, content: str, is_html: bool, width: int = 30) -> list[tuple[str, str, str]]:
    """What a reviewer reads around each finding: (before, the finding, after).

    For a page that is its text view (what the reader of the page sees: no tags, entities decoded,
    blank lines collapsed), not the markup, while the finding's offsets stay into the HTML source.
    A finding in markup alone (an ``href``) shows its source text at its place in the view.
    """
    title = report.document.title or ""
    view = None
    if is_html and any(f.start is not None and not is_title(f) for f in report.findings):
        from ..html import parse_html

        view = parse_html(content).view
    out = []
    for f in report.findings:
        if f.start is None:
            out.append(("", f.text, ""))
        elif is_title(f) or view is None:
            before, after = _around(title if is_title(f) else content, f.start, f.end, width)
            out.append((before, f.text, after))
        else:
            span = view.from_source(f.start, f.end if f.end is not None else f.start)
            if span is not None and view.text[span[0]:span[1]].strip():
                vs, ve = span
                shown = _tidy(view.text[vs:ve])
            else:  # markup alone (an href, a whole tag the view shows as a line break)
                vs = ve = view.point_from_source(f.start)
                shown = f.text
            text = view.text
            out.append((_tidy(text[max(0, vs - 3 * width):vs])[-width:], shown, _tidy(text[ve:ve + 3 * width])[:width]))
    return out


_BLANK_LINES = lazy_re(r"[^\S\n]*\n\s*")
_SPACES = lazy_re(r"[^\S\n]{2,}")


def _tidy(text: str) -> str:
    """A page's view as a person reads it: line breaks between blocks once, runs of spaces as one."""
    return _SPACES.sub(" ", _BLANK_LINES.sub("\n", text))


def _around(text: str, start: int, end: int | None, width: int = 30) -> tuple[str, str]:
    return text[max(0, start - width):start], text[end or start:(end or start) + width]
