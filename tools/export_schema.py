"""Write docs/report.schema.json from the pydantic models (tests check it is current).

    python tools/export_schema.py
"""

import json
from pathlib import Path

from govreview.model import Report

OUT = Path(__file__).resolve().parents[1] / "docs" / "report.schema.json"


def schema_text() -> str:
    schema = Report.model_json_schema(by_alias=True)
    schema["$id"] = "https://govreview.invalid/schema/report/v1"
    schema["title"] = "govreview.report/v1"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {OUT}")
