"""Command line: ``govreview check | scan | rules | redact | serve``.

Exit codes (stable, for CI and CMS hooks): 0 = nothing at or above
``--fail-on``; 1 = findings at or above it; 2 = usage or input error.
Errors go to stderr as one plain sentence, never a traceback.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import click
from pydantic import ValidationError

from .config import ReviewConfig, describe_config_errors
from .engine import Reviewer
from .inputs import InputProblem, document_from_bytes
from .lexicons import Lexicon, LexiconError, loaded_lists
from .model import Category, Report, Severity
from .reporters import FORMATS, get_reporter

FAIL_LEVELS = ("high", "medium", "low", "info", "none")


class InputError(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:  # plain message, no "Error:" noise twice
        click.echo(f"govreview: {self.format_message()}", err=True)


def _build_reviewer(config_path: str | None, lexicon_paths: tuple[str, ...], category: str, severity: str,
                    only: str | None = None) -> Reviewer:
    try:
        cfg = ReviewConfig.from_file(config_path) if config_path else _default_config()
        if only:  # --only CATEGORY: the category names a rule prefix in `enable`
            cfg = cfg.model_copy(update={"enable": (only,)})
        extra = [Lexicon.load(p, category=category, severity=severity) for p in lexicon_paths]
        reviewer = Reviewer(cfg, lexicons=extra)
    except LexiconError as exc:
        raise InputError("词表无效 invalid lexicon:\n" + str(exc)) from None
    except FileNotFoundError as exc:
        raise InputError(f"找不到配置文件 config not found: {exc.filename}") from None
    except ValidationError as exc:
        where = config_path or "govreview.toml"
        raise InputError(f"配置无效 invalid configuration in {where}:\n" + "\n".join(describe_config_errors(exc))) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"配置无效 invalid configuration in {config_path or 'govreview.toml'}: {exc}") from None
    except Exception as exc:  # anything else while building (not only configuration)
        raise InputError(f"配置无效 invalid configuration: {exc}") from None
    for e in reviewer.build_errors:  # once on stderr, not only inside every report
        click.echo(f"govreview: 警告 warning: {e.message}", err=True)
    return reviewer


def _default_config() -> ReviewConfig:
    p = Path("govreview.toml")
    return ReviewConfig.from_file(p) if p.is_file() else ReviewConfig()


def _failed(report: Report, fail_on: str) -> bool:
    if fail_on == "none":
        return False
    level = Severity(fail_on)
    return any(f.severity >= level for f in report.findings)


common = [
    click.option("--config", "config_path", type=click.Path(dir_okay=False), help="govreview.toml (default: ./govreview.toml if present)"),
    click.option("--lexicon", "lexicon_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
                 help="extra lexicon (.tsv, or a .txt list with one term per line); repeatable"),
    click.option("--lexicon-category", type=click.Choice([c.value for c in Category]), default="sensitive",
                 show_default=True, help="category for .txt lists"),
    click.option("--lexicon-severity", type=click.Choice([s.value for s in Severity]), default="medium",
                 show_default=True, help="severity for .txt lists"),
    click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="high", show_default=True,
                 help="exit 1 if any finding is at or above this severity"),
]


def with_common(f):
    for opt in reversed(common):
        f = opt(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govreview")
def cli() -> None:
    """Review Chinese government web content: secrecy, personal data, ads and gambling spam, links, quality."""


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv", "sarif"]), default="text",
              show_default=True, help="sarif/csv as `scan` writes them, for one file (a CI step on a draft)")
@click.option("--id", "doc_id", default=None, help="document id for the report (default: the file name)")
@with_common
def check(file: str, fmt: str, doc_id: str | None, config_path, lexicon_paths, lexicon_category, lexicon_severity, fail_on) -> None:
    """Check one document (.txt, .html, .md, .docx, .xlsx, .pdf…, or - for stdin)."""
    reviewer = _build_reviewer(config_path, lexicon_paths, lexicon_category, lexicon_severity)
    attachment = None if file == "-" else _check_attachment(file, reviewer, doc_id)
    if attachment is not None:
        report, content = attachment
    else:
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise InputError(f"无法读取 cannot read {file}: {exc.strerror or exc}") from None
        suffix = "" if file == "-" else Path(file).suffix
        item = document_from_bytes(data, doc_id=doc_id or ("stdin" if file == "-" else Path(file).name),
                                   source=None if file == "-" else file, suffix=suffix)
        if isinstance(item, InputProblem):
            raise InputError(f"{file}: {item.message}")
        report, content = reviewer.review(item), item.content
    out = sys.stdout
    rep = get_reporter(fmt)(out, single=True, summary=False, show_clean=True)
    if fmt == "text":
        rep.add(report, source=content)
    else:
        rep.add(report)
    rep.close()
    sys.exit(1 if _failed(report, fail_on) else 0)


_MANY_DOCUMENTS = (".jsonl", ".ndjson", ".warc", ".warc.gz", ".arc", ".arc.gz")


def _check_attachment(file: str, reviewer: Reviewer, doc_id: str | None) -> tuple[Report, str | None] | None:
    """A .docx/.xlsx/.pdf… goes through the scan's extractors: the report `govreview scan FILE` gives (its
    bytes read as text were a 'pass' of mojibake). None for text, HTML and CSV, which `check` reads itself."""
    from .batch.extractors import ARCHIVE_SUFFIXES, get_extractor, suffix_of
    from .inputs import DOC_SUFFIXES

    sfx = suffix_of(file)
    if sfx in ARCHIVE_SUFFIXES or sfx in _MANY_DOCUMENTS:
        raise InputError(f"{file}: 压缩包或导出文件含多个文档，请用 govreview scan — an archive or export holds many "
                         f"documents: use govreview scan {file}")
    if sfx in DOC_SUFFIXES or sfx == ".csv" or get_extractor(file) is None:
        return None
    from .batch.process import Processor, ScanSettings
    from .batch.tasks import Task

    p = Path(file)
    if not p.is_file():
        raise InputError(f"无法读取 cannot read {file}: No such file")
    proc = Processor(ScanSettings(config=reviewer.config), reviewer=reviewer)
    report, is_error, _ex, content, _t = proc.review_task(
        Task(key=file, kind="file", name=p.name, doc_id=doc_id or p.name, path=file, size=p.stat().st_size))
    if is_error:
        raise InputError(f"{file}: " + "; ".join(e.message for e in report.errors))
    return report, content


@cli.command()
@click.argument("path", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, help="write here instead of stdout")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None, help="worker processes (default: all cores)")
@click.option("--resume", is_flag=True, help="continue an interrupted scan into the same --output (jsonl)")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, help="report only findings not in this baseline")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), default=None, help="write a baseline of this scan's findings")
@click.option("--map", "field_map", multiple=True, help="export field mapping, e.g. text=content,id=article_id (JSONL/CSV exports)")
@click.option("--max-file-mb", type=click.IntRange(min=1), default=256, show_default=True,
              help="largest file or archive member reviewed; bigger ones are reported as not reviewed")
@click.option("--max-depth", type=click.IntRange(min=0), default=3, show_default=True, help="archives inside archives, levels")
@click.option("--progress/--no-progress", default=True, show_default=True, help="progress on stderr (bar on a terminal, lines otherwise)")
@click.option("--summary/--no-summary", "show_summary", default=True, show_default=True, help="summary table on stderr at the end")
@click.option("--linkage/--no-linkage", default=True, show_default=True,
              help="policy ↔ interpretation check across the collection (its reports follow the per-document ones)")
@click.option("--base-url", default=None, help="site root URL for pages without a URL (folder exports), for resolving links")
@click.option("--only", "only", default=None, type=click.Choice([c.value for c in Category]),
              help="run only the rules of this category (e.g. linkage)")
@with_common
def scan(path: str, fmt: str, output: str | None, workers: int | None, resume: bool, baseline_path: str | None,
         write_baseline: str | None, field_map: tuple[str, ...], max_file_mb: int, max_depth: int,
         progress: bool, show_summary: bool, linkage: bool,
         base_url: str | None, only: str | None, config_path, lexicon_paths, lexicon_category, lexicon_severity,
         fail_on) -> None:
    """Scan a folder, archive (.zip/.tar/.tgz), export (.jsonl/.csv), WARC file or - (JSONL on stdin).

    One record per input item (a report, or an error record saying why it was not reviewed),
    streamed as it goes; the summary on stderr checks items in = reports + errors.
    """
    from .batch import Limits, ScanSettings, Sources, default_workers, run
    from .batch.checkpoint import open_output
    from .batch.progress import Progress
    from .batch.sources import FieldMap
    from .batch.summary import Summary
    from .baseline import Baseline, BaselineError

    if path != "-" and not Path(path).exists():
        raise InputError(f"找不到 no such file or folder: {path}")
    if resume and (not output or fmt != "jsonl"):
        raise InputError("--resume 需要 --format jsonl 和 -o/--output FILE (resume needs --format jsonl and -o FILE)")
    try:
        fieldmap = FieldMap.parse(field_map)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    old_baseline = None
    if baseline_path:
        try:
            old_baseline = Baseline.load(baseline_path)  # checked now; workers load their own copy
        except BaselineError as exc:
            raise InputError(str(exc)) from None
    if write_baseline and not Path(write_baseline).resolve().parent.is_dir():  # not after an hour of scanning
        raise InputError(f"无法写入基线 cannot write baseline {write_baseline}: no such folder")
    reviewer = _build_reviewer(config_path, lexicon_paths, lexicon_category, lexicon_severity, only)  # validates config early
    collector = None
    if linkage and only in (None, "linkage") and reviewer.config.rule_enabled("linkage.late", Category.linkage):
        # --resume into an output that holds nothing yet (the README's command line, used from the first run)
        # is a full scan: only a scan that really continues another one has to skip the collection pass
        if resume and Path(output).is_file() and Path(output).stat().st_size > 0:  # type: ignore[arg-type]
            click.echo("govreview: --resume: 政策解读关联检查需要完整扫描，本次跳过 (the linkage pass needs a full scan; "
                       "skipped on resume — run `govreview scan PATH --only linkage` afterwards)", err=True)
        else:
            try:
                from .linkage import LinkageCollector

                collector = LinkageCollector(reviewer.config, base_url=base_url)
            except Exception as exc:  # bad [options.linkage] or calendar file
                raise InputError(f"关联检查配置无效 invalid linkage configuration: {exc}") from None
    settings = ScanSettings(
        config=reviewer.config,
        lexicons=tuple((str(p), lexicon_category, lexicon_severity) for p in lexicon_paths),
        fieldmap=fieldmap, baseline=baseline_path, contexts=fmt == "html", sources=fmt == "text",
        limits=Limits(max_file_bytes=max_file_mb * 1024 * 1024, max_depth=max_depth),
        linkage=collector is not None, base_url=base_url,
        head_chars=collector.options.head_chars if collector is not None else 400,
    )
    if collector is None:
        del reviewer  # workers build their own; keep the parent small
    summary = Summary()
    done: set[str] = set()
    # --baseline with --write-baseline updates the baseline: what it accepted stays accepted, new findings
    # join it (the reports carry only the new ones, so a baseline of them alone would drop the old)
    new_baseline = None
    if write_baseline:
        new_baseline = old_baseline.copy() if old_baseline is not None else Baseline.new()
    level = None if fail_on == "none" else Severity(fail_on)
    failed = False

    def written(rule: str, severity: str, fingerprint: str) -> None:
        """A finding of a report an interrupted run already wrote: it counts for the exit code and baseline."""
        nonlocal failed
        if level is not None and Severity(severity) >= level:
            failed = True
        if new_baseline is not None:
            new_baseline.add_fingerprint(rule, fingerprint)

    if output:
        try:
            stream, done, _cut = open_output(output, resume, written)
        except OSError as exc:
            raise InputError(f"无法写入 cannot write {output}: {exc.strerror or exc}") from None
    else:
        stream = sys.stdout
    sources = Sources(settings.limits, fieldmap)

    def tasks():
        for t in sources.tasks(path):
            if t.key in done:
                summary.resumed += 1
                continue
            yield t

    total = None
    if progress and sys.stderr.isatty() and path != "-" and (Path(path).is_dir() or path.lower().endswith(".zip")):
        # cheap to walk twice (no file is read), and it buys the bar a total and an ETA
        total = max(sum(1 for _ in Sources(settings.limits, fieldmap).tasks(path)) - len(done), 0)
    # the scan summary (stderr) already has the per-rule table: the text reporter shows findings only
    rep = get_reporter(fmt)(stream, summary=False) if fmt == "text" else get_reporter(fmt)(stream)
    bar = Progress(summary, enabled=progress, total=total)
    try:
        for r in run(tasks(), settings, workers or default_workers()):
            summary.add(r)
            if fmt == "jsonl":
                stream.write(r.json + "\n")
                stream.flush()
            elif fmt == "html":
                rep.add(r.report(), contexts=r.contexts)
            elif fmt == "text":
                rep.add(r.report(), source=r.source)
            else:
                rep.add(r.report())
            if level is not None and not failed:
                failed = any(Severity(sev) >= level for _r, sev, *_ in r.findings)
            if new_baseline is not None:
                for rule, _sev, _cat, fp in r.findings:
                    new_baseline.add_fingerprint(rule, fp)
            if collector is not None and r.linkage is not None:
                collector.index.add(r.linkage)
            bar.update()
        if collector is not None:
            from .linkage import linkage_reports

            result = collector.finish()
            for report in linkage_reports(result, reviewer):  # pass 2: extra records, one per page to change
                if old_baseline is not None and report.findings:
                    report = old_baseline.filter(report, reviewer.config)
                    if not report.findings:
                        continue  # every change this page needed is accepted in the baseline
                summary.add_linkage(report)
                failed = failed or _failed(report, fail_on)
                if fmt == "jsonl":
                    stream.write(report.to_json() + "\n")
                elif fmt == "text":
                    rep.add(report, source=None)
                else:
                    rep.add(report)
                if new_baseline is not None:
                    for f in report.findings:
                        new_baseline.add_fingerprint(f.rule, f.fingerprint)
            if fmt == "text":
                from .linkage.table import render_text

                render_text(result, stream)
            elif fmt == "html":  # the per-site table: a section of its own after the documents, when it has rows
                from .linkage.table import render_html

                rep.add_section(render_html(result))
        rep.close()
    finally:
        bar.close()
        if output:
            stream.close()
    summary.skipped = sources.skipped
    if new_baseline is not None:
        new_baseline.write(write_baseline)
    if show_summary:
        summary.render(sys.stderr)
    sys.exit(1 if failed else 0)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@common[1]
@common[2]
@common[3]
def rules(fmt: str, config_path: str | None, lexicon_paths, lexicon_category, lexicon_severity) -> None:
    """List every rule with its category, default severity and description, and the lexicons loaded.

    With --lexicon (as given to check/scan) a list's rules are listed and the file is validated."""
    reviewer = _build_reviewer(config_path, lexicon_paths, lexicon_category, lexicon_severity)
    rows = sorted(reviewer.rules.values(), key=lambda r: r.id)
    if fmt == "json":
        import json

        click.echo(json.dumps([{"rule": r.id, "category": r.category.value, "severity": r.severity.value,
                                "description": r.description,
                                "enabled": reviewer.config.rule_enabled(r.id, r.category)} for r in rows],
                              ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title="govreview rules")
    for col in ("rule", "category", "severity", "description"):
        t.add_column(col)
    for r in rows:
        t.add_row(r.id, r.category.value, r.severity.value, r.description)
    console = Console()
    console.print(t)
    # which lists are loaded, their versions and sizes: how an office checks that its issued list is active
    lx = Table(title="词表 lexicons")
    for col in ("name", "kind", "version", "entries", "rules", "file"):
        lx.add_column(col, overflow="fold")  # wrapped, never cut to "2026年…": the name is what one looks for
    for row in loaded_lists(reviewer.lexicons):
        names = row["rules"]
        lx.add_row(row["name"], row["kind"], row["version"], str(row["entries"]), ", ".join(names[:3]) + (" …" if len(names) > 3 else ""),
                   "(built-in)" if row["builtin"] else (row["path"] or "(memory)"))
    console.print(lx)


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-", show_default=True,
              help="where to write the masked copy (- = stdout)")
@click.option("--min-severity", type=click.Choice(["high", "medium", "low"]), default="medium", show_default=True,
              help="mask personal data at or above this severity (office phones and addresses are info and stay)")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="govreview.toml")
def redact(file: str, output: str, min_severity: str, config_path: str | None) -> None:
    """Write a masked copy of FILE (ID 110101********4514, mobile 139****5678, address up to 街道/乡镇).

    Everything that is not masked is copied byte for byte, in the input's encoding.
    A summary of what was masked goes to stderr.
    """
    from .redact import redact_bytes

    if file != "-":
        from .batch.extractors import ARCHIVE_SUFFIXES, get_extractor, suffix_of
        from .inputs import DOC_SUFFIXES

        sfx = suffix_of(file)
        if sfx not in DOC_SUFFIXES and sfx != ".csv" and (get_extractor(file) is not None or sfx in ARCHIVE_SUFFIXES
                                                          or sfx in _MANY_DOCUMENTS):
            # its bytes read as text hold no findable number: "masked 0" and a copy would look like a clean file
            raise InputError(f"{file}: 只能为文本和 HTML 文件生成脱敏副本；请用 govreview check 查找个人信息后在原文件中处理 "
                             f"— redact writes masked copies of text and HTML only; find the personal data with "
                             f"govreview check {file} and mask it in the original")
    reviewer = _build_reviewer(config_path, (), "sensitive", "medium")
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取 cannot read {file}: {exc.strerror or exc}") from None
    try:
        result = redact_bytes(data, suffix="" if file == "-" else Path(file).suffix, reviewer=reviewer,
                              min_severity=min_severity)
    except ValueError as exc:
        raise InputError(f"{file}: {exc}") from None
    if output == "-":
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
    else:
        try:
            Path(output).write_bytes(result.data)
        except OSError as exc:
            raise InputError(f"无法写入 cannot write {output}: {exc.strerror or exc}") from None
    counts: dict[str, int] = {}
    for f in result.findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    summary = "，".join(f"{r} {n}" for r, n in sorted(counts.items())) or "无"
    click.echo(f"govreview: 已脱敏 masked {len(result.findings)} 处 ({summary})", err=True)
    if result.problem:
        click.echo(f"govreview: 注意 note: {result.problem}", err=True)


@cli.command()
@click.option("--host", default=None, help="address to bind [default: 127.0.0.1]")
@click.option("--port", type=int, default=None, help="port [default: 8080; 0 = any free port]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="govreview.toml: review configuration plus an optional [server] table (default: ./govreview.toml)")
@click.option("--lexicon", "lexicon_paths", multiple=True, type=click.Path(dir_okay=False),
              help="extra lexicon, reread on POST /v1/reload; repeatable")
@click.option("--max-body-bytes", type=int, default=None, help="request body limit [default: 5 MB]")
@click.option("--max-chars", type=int, default=None, help="per-document character limit [default: 1000000]")
@click.option("--max-batch", type=int, default=None, help="documents per batch request [default: 100]")
@click.option("--timeout", "review_timeout", type=float, default=None, help="seconds per review [default: 10]")
@click.option("--threads", type=int, default=None, help="review threads [default: CPU cores]")
@click.option("--processes", type=int, default=None,
              help="review in N worker processes instead of threads (uses N cores) [default: 0]")
@click.option("--log-level", default=None, type=click.Choice(["debug", "info", "warning", "error"]))
@click.option("--export-openapi", "export_path", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="write the OpenAPI document to this file (- for stdout) and exit")
def serve(export_path: str | None, **flags) -> None:
    """Run the HTTP review service for CMS plugins (needs: pip install 'govreview[server]').

    Tokens come from GOVREVIEW_API_TOKEN / GOVREVIEW_ADMIN_TOKEN or the [server]
    table, never from flags. See docs/cms.md.
    """
    try:
        from .service.app import create_app, export_openapi
        from .service.settings import SettingsError, load_settings
        import tomllib
        import uvicorn
    except ImportError as exc:
        raise InputError(f"服务依赖未安装 the server extra is missing ({exc.name}): pip install 'govreview[server]'") from None
    if export_path is not None:
        text = export_openapi()
        if export_path == "-":
            click.echo(text, nl=False)
        else:
            Path(export_path).write_text(text, encoding="utf-8")
        return
    flags["config"] = flags.pop("config_path")
    flags["lexicons"] = flags.pop("lexicon_paths")
    try:
        settings = load_settings(flags)
    except FileNotFoundError as exc:
        raise InputError(f"找不到配置文件 config not found: {exc.filename}") from None
    except OSError as exc:
        raise InputError(f"无法读取配置文件 cannot read config {exc.filename}: {exc.strerror}") from None
    except (SettingsError, tomllib.TOMLDecodeError) as exc:  # their messages never quote a value
        raise InputError(f"服务配置无效 invalid server settings: {exc}") from None
    except Exception as exc:  # anything else may quote its input, and the input may hold a token
        raise InputError(f"服务配置无效 invalid server settings: {type(exc).__name__}") from None
    import logging

    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, access_log=False,
                log_level=settings.log_level, timeout_keep_alive=5)


def main() -> None:
    # a lone surrogate in the input (see jsonsafe) is written as a visible \udXXXX escape, never a crash
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("govreview: aborted", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if exc.exit_code not in (0, 1) else exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # never a traceback for users
        click.echo(f"govreview: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
