"""The Spark adapter in local mode (``local[2]``), as CI runs it.

Skipped only when no Java runtime exists on the machine; pyspark itself is in the
``dev`` extra, so a missing pyspark is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

SECRET = "机密★5年"
SPAM = "欢迎访问在线赌场，注册即送彩金"
CLEAN = "各单位不得公开涉及国家秘密的信息。"

JAVA = shutil.which("java") or (os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else None)
needs_java = pytest.mark.skipif(JAVA is None or not os.path.exists(JAVA),
                                reason="no Java runtime (java not on PATH, JAVA_HOME unset): Spark tests need Java 17")


def test_importing_govreview_does_not_import_pyspark():
    code = "import govreview, govreview.batch, govreview.spark, sys; print('pyspark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_report_rows_without_spark():
    from govreview import review
    from govreview.spark import COLUMNS, report_rows

    rows = report_rows(review(SECRET, id="x"))
    assert len(rows) == 1 and len(rows[0]) == len(COLUMNS)
    assert dict(zip([c for c, _ in COLUMNS], rows[0]))["rule"] == "secrecy.marking"


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    s = (SparkSession.builder.master("local[2]").appName("govreview-test")
         .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield s
    s.stop()


@needs_java
def test_scan_dataframe_local_mode(spark):
    from govreview.spark import scan

    rows = [{"id": f"d{i}", "text": SECRET if i % 3 == 0 else CLEAN, "html": None} for i in range(12)]
    rows.append({"id": "h1", "text": None, "html": f"<p>{SPAM}</p>"})
    rows.append({"id": "empty", "text": None, "html": None})
    df = spark.createDataFrame(rows, "id string, text string, html string")
    out = scan(df, {"disable": ["quality"]})
    got = out.collect()
    findings = [r for r in got if r.rule and not r.error_kind]
    assert sorted({r.document_id for r in findings if r.rule == "secrecy.marking"}) == ["d0", "d3", "d6", "d9"]
    assert {r.rule for r in findings if r.document_id == "h1"} == {"advertising.gambling"}
    errors = [r for r in got if r.error_kind]
    assert [(r.document_id, r.error_kind) for r in errors] == [("empty", "parse")]
    assert set(out.columns) >= {"document_id", "rule", "severity", "start", "end", "fingerprint", "location"}


@needs_java
def test_scan_rdd_with_field_mapping(spark):
    from govreview.batch import FieldMap
    from govreview.spark import scan

    rdd = spark.sparkContext.parallelize([{"aid": "r1", "body": SECRET}, {"aid": "r2", "body": CLEAN}], 2)
    got = scan(rdd, None, fieldmap=FieldMap(id="aid", text="body")).collect()
    assert [(r.document_id, r.rule) for r in got] == [("r1", "secrecy.marking")]
