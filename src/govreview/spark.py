"""PySpark adapter (the ``[spark]`` extra): ``scan(df_or_rdd, config)`` → DataFrame of findings.

Runs :func:`govreview.batch.scan_partition` once per partition via
``mapPartitions``; each executor process builds its Reviewer once (cached for
later partitions, the automaton from the on-disk cache). Input rows are export
records: columns named as in :class:`govreview.batch.FieldMap` (``id``,
``text`` or ``html``, optional ``title``, ``url``, ``published_at``), or a
``path`` column naming a file every executor can read (docx, xlsx, pdf...).

The result has one row per finding, plus one row per error (``error_kind`` set,
``rule`` null) so unreviewable items stay visible. pyspark is imported only
when this module's functions run, never by ``import govreview``.
"""

from __future__ import annotations

from typing import Any

COLUMNS: list[tuple[str, str]] = [
    ("document_id", "string"), ("source", "string"), ("verdict", "string"), ("rule", "string"), ("category", "string"),
    ("severity", "string"), ("start", "int"), ("end", "int"), ("text", "string"), ("message", "string"),
    ("confidence", "double"), ("fingerprint", "string"), ("location", "string"), ("sheet", "string"), ("cell", "string"),
    ("page", "int"), ("error_kind", "string"), ("error_message", "string"),
]


def report_rows(report) -> list[tuple[Any, ...]]:
    """Flatten one Report into rows in :data:`COLUMNS` order (engine-neutral: plain tuples)."""
    from .reporters.csv_format import location_str

    d = report.document
    rows = []
    for f in report.findings:
        loc = f.location
        rows.append((d.id, d.source, report.verdict.value, f.rule, f.category.value, f.severity.value, f.start, f.end, f.text,
                     f.message, float(f.confidence), f.fingerprint, location_str(loc) or None,
                     loc.sheet if loc else None, loc.cell if loc else None, loc.page if loc else None, None, None))
    for e in report.errors:
        rows.append((d.id, d.source, report.verdict.value, e.rule, None, None, None, None, None, None, None, None,
                     location_str(e.location) or None, None, None, None, e.kind, e.message))
    return rows


def schema():
    from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType

    types = {"string": StringType(), "int": IntegerType(), "double": DoubleType()}
    return StructType([StructField(n, types[t], True) for n, t in COLUMNS])


def scan(df_or_rdd, config=None, *, fieldmap=None, spark=None):
    """Review every row of a DataFrame (or RDD of dicts/Rows); return a DataFrame of findings and errors."""
    from pyspark.sql import DataFrame, SparkSession

    from .batch.process import ScanSettings
    from .batch.sources import FieldMap
    from .config import ReviewConfig

    cfg = config if isinstance(config, ReviewConfig) else ReviewConfig.model_validate(dict(config or {}))
    settings = ScanSettings(config=cfg, fieldmap=fieldmap or FieldMap())
    rdd = df_or_rdd.rdd if isinstance(df_or_rdd, DataFrame) else df_or_rdd

    def partition(rows):
        from govreview.batch.process import scan_partition
        from govreview.spark import report_rows

        for report in scan_partition(rows, settings=settings):
            yield from report_rows(report)

    session = spark or SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
    return session.createDataFrame(rdd.mapPartitions(partition), schema=schema())
