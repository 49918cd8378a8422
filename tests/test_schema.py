import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from export_schema import OUT, schema_text  # noqa: E402


def test_published_schema_matches_the_models():
    assert OUT.read_text(encoding="utf-8") == schema_text(), "run: python tools/export_schema.py"
