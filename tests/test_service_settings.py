"""Service settings precedence, the shared govreview.toml, the serve command and the committed OpenAPI file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreview.cli import cli
from govreview.config import ReviewConfig
from govreview.service.settings import ServiceSettings, load_settings

ROOT = Path(__file__).resolve().parents[1]

TOML = """
disable = ["quality"]

[server]
port = 9000
max_batch = 7
lexicons = ["terms/org.txt"]
api_token = "from-file"
"""


@pytest.fixture()
def toml_dir(tmp_path: Path) -> Path:
    (tmp_path / "govreview.toml").write_text(TOML, encoding="utf-8")
    return tmp_path


def test_defaults_are_safe():
    s = ServiceSettings()
    assert s.host == "127.0.0.1"
    assert s.max_body_bytes == 5 * 1024 * 1024
    assert s.api_token is None and s.reload_token is None
    assert s.threads >= 1


def test_precedence_file_then_env_then_flags(toml_dir: Path):
    s = load_settings({}, environ={}, cwd=toml_dir)
    assert (s.port, s.max_batch) == (9000, 7)
    assert s.lexicons == (str((toml_dir / "terms/org.txt").resolve()),)  # relative to the file
    assert s.api_token.get_secret_value() == "from-file"
    assert s.config == str((toml_dir / "govreview.toml").resolve())

    env = {"GOVREVIEW_PORT": "9100", "GOVREVIEW_API_TOKEN": "from-env", "GOVREVIEW_ADMIN_TOKEN": "adm"}
    s = load_settings({}, environ=env, cwd=toml_dir)
    assert s.port == 9100 and s.max_batch == 7
    assert s.api_token.get_secret_value() == "from-env"
    assert s.reload_token.get_secret_value() == "adm"

    s = load_settings({"port": 9200, "max_batch": None, "lexicons": ()}, environ=env, cwd=toml_dir)
    assert s.port == 9200 and s.max_batch == 7  # None / () mean "flag not given"


def test_tokens_never_print(toml_dir: Path):
    s = load_settings({}, environ={}, cwd=toml_dir)
    assert "from-file" not in repr(s) and "from-file" not in str(s.model_dump())


def test_review_config_ignores_the_server_table(toml_dir: Path):
    cfg = ReviewConfig.from_file(toml_dir / "govreview.toml")
    assert cfg.disable == ("quality",)


def test_bad_settings_are_rejected(toml_dir: Path):
    with pytest.raises(ValueError):
        load_settings({}, environ={"GOVREVIEW_MAX_BATCH": "lots"}, cwd=toml_dir)
    with pytest.raises(ValueError):
        load_settings({"colour": "red"}, environ={}, cwd=toml_dir)


def test_committed_openapi_matches_the_app():
    from govreview.service.app import export_openapi

    committed = (ROOT / "docs" / "openapi.json").read_text(encoding="utf-8")
    assert committed == export_openapi(), "docs/openapi.json is stale: run `govreview serve --export-openapi docs/openapi.json`"
    spec = json.loads(committed)
    assert {"/v1/review", "/v1/review/batch", "/v1/redact", "/v1/rules", "/v1/reload", "/healthz", "/readyz"} <= set(spec["paths"])


def test_serve_exports_openapi_to_stdout():
    res = CliRunner().invoke(cli, ["serve", "--export-openapi", "-"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["info"]["title"] == "govreview"


def test_serve_command_runs_with_file_env_and_flags(tmp_path: Path):
    """`govreview serve` end to end: [server] table + env token + flag, on an ephemeral port."""
    import os
    import re
    import subprocess
    import sys
    import threading
    import time

    httpx = pytest.importorskip("httpx")
    (tmp_path / "org.txt").write_text("某某违规词\n", encoding="utf-8")
    (tmp_path / "govreview.toml").write_text('[server]\nmax_batch = 2\nlexicons = ["org.txt"]\n', encoding="utf-8")
    env = {**os.environ, "GOVREVIEW_API_TOKEN": "env-token"}
    proc = subprocess.Popen([sys.executable, "-m", "govreview.cli", "serve", "--port", "0", "--threads", "1"],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = None
        for line in proc.stderr:  # uvicorn logs the bound port
            m = re.search(r"running on (http://127\.0\.0\.1:\d+)", line)
            if m:
                base = m.group(1)
                break
        assert base, "server did not start"
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep the pipe drained
        deadline = time.monotonic() + 60
        while httpx.get(base + "/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        auth = {"Authorization": "Bearer env-token"}
        assert httpx.post(base + "/v1/review", json={"text": "x"}).status_code == 401
        rep = httpx.post(base + "/v1/review", json={"text": "文中有某某违规词。"}, headers=auth, timeout=30).json()
        assert [f["text"] for f in rep["findings"]] == ["某某违规词"]  # the [server] lexicon, relative to the file
        r = httpx.post(base + "/v1/review/batch", json={"documents": [{"text": "a"}] * 3}, headers=auth)
        assert r.status_code == 422 and r.json()["error"]["code"] == "batch_too_large"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.parametrize("table", ["api_token = 123456789", "admin_token = 987654321.5",
                                   "api_token = [\"s3cr3t-in-a-list\"]", "api_tokn = \"s3cr3t-typo\""])
def test_a_bad_token_setting_is_a_clear_error_that_never_shows_the_value(tmp_path: Path, table: str):
    (tmp_path / "govreview.toml").write_text(f"[server]\n{table}\n", encoding="utf-8")
    secret = table.split("=", 1)[1].strip(' "[]')
    with pytest.raises(ValueError) as info:
        load_settings({}, environ={}, cwd=tmp_path)
    assert secret not in str(info.value) and "input_value" not in str(info.value)
    assert table.split()[0] in str(info.value)  # names the field
    res = CliRunner().invoke(cli, ["serve", "--config", str(tmp_path / "govreview.toml")])
    assert res.exit_code != 0
    assert secret not in res.output and "invalid server settings" in res.output, res.output
    assert table.split()[0] in res.output


def test_a_numeric_token_from_the_environment_is_fine_and_a_bad_one_is_not_echoed(tmp_path: Path):
    assert load_settings({}, environ={"GOVREVIEW_API_TOKEN": "123456789"}, cwd=tmp_path).api_token.get_secret_value() == "123456789"
    with pytest.raises(ValueError) as info:
        load_settings({}, environ={"GOVREVIEW_ADMIN_TOKEN": "s3cr3t", "GOVREVIEW_PORT": "s3cr3t-port"}, cwd=tmp_path)
    assert "s3cr3t" not in str(info.value) and "port" in str(info.value)
