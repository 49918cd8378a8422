"""The HTTP service over real HTTP: a uvicorn server on 127.0.0.1 and an ephemeral port, in a thread."""

from __future__ import annotations

import json

import logging
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from govreview import Document, Reviewer  # noqa: E402
from govreview.service import ServiceSettings, create_app  # noqa: E402
from govreview.service.redaction import load_redactor  # noqa: E402
from govreview.service.testing import live_server  # noqa: E402

API = "api-secret-1"
ADMIN = "admin-secret-2"
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"

SPAM = "关于开展2024年度安全生产检查的通知\n各乡镇人民政府：现将有关事项通知如下。澳*门*博*彩，百家樂在线，ＢＥＴ。"
RULES_TEXT = "各单位不得公开涉及国家秘密、商业秘密、个人隐私的政府信息，不得刊登商业广告。"
GOOD_TERM = "某某违规词"


TSV_OK = "# name: org-tsv\n# category: sensitive\n# severity: medium\nterm\n某乙测试词\n"


@pytest.fixture(scope="module")
def lexicon_file(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("lex") / "org_terms.txt"
    p.write_text("某甲测试词\n", encoding="utf-8")
    p.with_suffix(".tsv").write_text(TSV_OK, encoding="utf-8")
    return p


@pytest.fixture(scope="module")
def server(lexicon_file):
    settings = ServiceSettings(api_token=API, admin_token=ADMIN,
                               lexicons=(str(lexicon_file), str(lexicon_file.with_suffix(".tsv"))),
                               max_body_bytes=256 * 1024, max_chars=20_000, max_batch=5, threads=2)
    with live_server(create_app(settings)) as base:
        yield base


@pytest.fixture()
def client(server):
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {API}"}, timeout=30) as c:
        yield c


def spans(report: dict) -> list[tuple[str, int, int, str]]:
    return [(f["rule"], f["start"], f["end"], f["text"]) for f in report["findings"]]


# --- reviews ---------------------------------------------------------------------------------

def test_review_text_matches_library_report_and_offsets(client):
    r = client.post("/v1/review", json={"text": SPAM, "id": "cms-1001", "title": "安全生产检查通知",
                                        "published_at": "2024-03-01"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    rep = r.json()
    assert rep["schema"] == "govreview.report/v1"
    assert rep["document"]["id"] == "cms-1001" and rep["document"]["published_at"] == "2024-03-01"
    assert rep["verdict"] == "block"
    assert {f["text"] for f in rep["findings"] if f["rule"] == "advertising.gambling"} >= {"澳*门*博*彩", "百家樂"}
    for _, s, e, t in spans(rep):
        assert SPAM[s:e] == t
    # the service returns exactly what the library returns for the same document
    lib = Reviewer().review(Document(id="cms-1001", text=SPAM, title="安全生产检查通知", published_at="2024-03-01"))
    assert spans(rep) == [(f.rule, f.start, f.end, f.text) for f in lib.findings]


def test_review_html_offsets_index_the_html_source(client):
    html = ('<html><head><title>通知</title></head><body><p class="c">各位市民&amp;企业：</p>'
            '<div style="display:none"><a href="http://x.example/">澳门<b>博彩</b></a> 百家&#27138;</div></body></html>')
    rep = client.post("/v1/review", json={"html": html}).json()
    assert rep["document"]["content_type"] == "html"
    assert rep["findings"], rep
    for _, s, e, t in spans(rep):
        assert html[s:e] == t
    assert any(t == "澳门<b>博彩" for *_, t in spans(rep))  # a match across a tag, sliced from the source


@pytest.mark.parametrize("text", [RULES_TEXT, *(p.read_text(encoding="utf-8")[:3000] for p in sorted(SEEDS.glob("002_*.txt")))])
def test_official_text_about_secrecy_and_ads_passes(client, text):
    rep = client.post("/v1/review", json={"text": text}).json()
    assert rep["verdict"] == "pass", spans(rep)


def test_selection_filters_findings_and_recomputes_verdict(client):
    full = client.post("/v1/review", json={"text": SPAM}).json()
    only_pii = client.post("/v1/review", json={"text": SPAM, "categories": ["pii"]}).json()
    assert full["verdict"] == "block"
    assert only_pii["findings"] == [] and only_pii["verdict"] == "pass"
    assert only_pii["config_digest"] != full["config_digest"]
    gamb = client.post("/v1/review", json={"text": SPAM, "rules": ["advertising.gambling"]}).json()
    assert gamb["findings"] and all(f["rule"] == "advertising.gambling" for f in gamb["findings"])
    no_ads = client.post("/v1/review", json={"text": SPAM, "exclude": ["advertising"]}).json()
    assert not any(f["category"] == "advertising" for f in no_ads["findings"])


def test_unknown_rule_in_selection_is_422(client):
    r = client.post("/v1/review", json={"text": SPAM, "rules": ["advertising.gamblng"]})
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "unknown_rule"
    assert r.json()["error"]["details"] == [{"rule": "advertising.gamblng"}]
    # an empty selection list is a mistake, not "everything"
    assert client.post("/v1/review", json={"text": SPAM, "rules": []}).status_code == 422


def test_batch_reviews_in_order_and_reports_an_oversize_item(client):
    docs = [{"id": "a", "text": SPAM}, {"id": "b", "text": "好" * 20_001}, {"id": "c", "html": "<p>百家樂</p>"}]
    r = client.post("/v1/review/batch", json={"documents": docs})
    assert r.status_code == 200
    reps = r.json()["reports"]
    assert [x["document"]["id"] for x in reps] == ["a", "b", "c"]
    assert reps[0]["verdict"] == "block"
    assert reps[1]["verdict"] == "review" and reps[1]["errors"][0]["kind"] == "too_large"
    assert spans(reps[2]) == [("advertising.gambling", 3, 6, "百家樂")]


def test_lone_surrogates_in_batch_and_redact_metadata_are_accepted(client):
    body = '{"documents": [{"id": "a\\ud83d", "title": "\\ud83d", "url": "u\\udc00", "text": "ok"}]}'
    r = client.post("/v1/review/batch", content=body.encode(), headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["reports"][0]["document"]["title"] == "\ud83d"
    r = client.post("/v1/redact", content=b'{"id": "a\\ud83d", "text": "ok"}', headers={"Content-Type": "application/json"})
    assert r.status_code == (200 if load_redactor() else 501), r.text


def test_batch_over_the_limit_is_422(client):
    r = client.post("/v1/review/batch", json={"documents": [{"text": "好"}] * 6})
    assert r.status_code == 422 and r.json()["error"]["code"] == "batch_too_large"


def test_rules_lists_rules_with_enabled_flag(client):
    body = client.get("/v1/rules").json()
    ids = {r["rule"] for r in body["rules"]}
    assert "advertising.gambling" in ids
    assert all(r["enabled"] for r in body["rules"])


def test_rules_lists_the_loaded_lexicons_without_server_paths(client, lexicon_file):
    """A CMS team checks that the office's issued list is active, and which version, from /v1/rules."""
    body = client.get("/v1/rules").json()
    lists = {x["name"]: x for x in body["lexicons"]}
    assert lists["org-tsv"]["entries"] == 1 and lists["org-tsv"]["builtin"] is False
    assert lists["org-tsv"]["rules"] == ["sensitive.term"]
    assert lists["advertising_gambling"]["builtin"] is True and lists["advertising_gambling"]["version"]
    assert str(lexicon_file.parent) not in json.dumps(body, ensure_ascii=False)


# --- bad requests ------------------------------------------------------------------------------

def test_malformed_json_is_400(client):
    r = client.post("/v1/review", content=b'{"text": "abc"', headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "malformed_json"


def test_undecodable_bodies_say_why(client):
    deep = b'{"text": "a", "title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    for path in ("/v1/review", "/v1/review/batch", "/v1/redact"):
        r = client.post(path, content=deep, headers={"Content-Type": "application/json"})
        assert r.status_code == 400, r.text
        err = r.json()["error"]
        assert err["code"] == "json_too_deep" and "nested too deeply" in err["message"] and "UTF-8" not in err["message"]
    r = client.post("/v1/review", content='{"text": "政务"}'.encode("gbk"), headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "malformed_body"
    assert "UTF-8" in r.json()["error"]["message"]
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"{}", b'{"text": "a", "html": "b"}', b'{"text": 5}',
                                  b'{"text": "a", "color": "red"}'])
def test_wrong_shapes_are_422_without_echoing_input(client, body):
    r = client.post("/v1/review", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid_request" and err["details"]
    assert all("input" not in d for d in err["details"])


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded", None])
def test_wrong_content_type_is_415(client, ctype):
    headers = {"Content-Type": ctype} if ctype else {}
    req = client.build_request("POST", "/v1/review", content=b'{"text": "abc"}', headers=headers)
    assert ("content-type" in req.headers) == (ctype is not None)
    r = client.send(req)
    assert r.status_code == 415
    assert r.json()["error"]["code"] == "unsupported_media_type"


def test_oversize_body_is_413_declared_and_streamed(client):
    big = ('{"text": "' + "政" * 100_000 + '"}').encode()  # 300 KB > 256 KB
    r = client.post("/v1/review", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"

    def chunks():  # no Content-Length: the limit is enforced while reading
        for i in range(0, len(big), 16384):
            yield big[i:i + 16384]

    for _ in range(3):  # the body may end in the chunk that crosses the limit, or later
        r = client.post("/v1/review", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "body_too_large"
    assert client.get("/healthz").status_code == 200


def test_document_over_character_limit_is_422(client):
    r = client.post("/v1/review", json={"text": "好" * 20_001})
    assert r.status_code == 422 and r.json()["error"]["code"] == "document_too_long"


# --- auth ----------------------------------------------------------------------------------------

def test_missing_and_invalid_tokens_are_401(server):
    r = httpx.post(server + "/v1/review", json={"text": SPAM})
    assert r.status_code == 401 and r.json()["error"]["code"] == "missing_token"
    assert r.headers["www-authenticate"].startswith("Bearer")
    r = httpx.post(server + "/v1/review", json={"text": SPAM}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"
    r = httpx.post(server + "/v1/review", json={"text": SPAM}, headers={"Authorization": f"Basic {API}"})
    assert r.status_code == 401
    # the api token is not the admin token
    r = httpx.post(server + "/v1/reload", headers={"Authorization": f"Bearer {API}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "invalid_token"
    # health checks need no token
    assert httpx.get(server + "/healthz").json() == {"status": "ok"}
    assert httpx.get(server + "/readyz").json()["status"] == "ready"


def test_health_checks_answer_head_like_get(server):
    for path in ("/healthz", "/readyz"):
        get, head = httpx.get(server + path), httpx.head(server + path)
        assert head.status_code == get.status_code == 200, (path, head.status_code)
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
    assert httpx.head(server + "/v1/rules").status_code == 405  # only the probes


def test_reload_says_which_server_settings_need_a_restart(tmp_path):
    """Editing [server] and reloading: the reviewer is rebuilt, and the response names the settings it did
    not apply (they were merged with environment and flags at start-up) instead of a silent 200."""
    cfg = tmp_path / "govreview.toml"
    cfg.write_text('[server]\nmax_chars = 1000\nadmin_token = "adm"\n', encoding="utf-8")
    settings = ServiceSettings(config=str(cfg), max_chars=1000, admin_token="adm")
    with live_server(create_app(settings)) as base:
        admin = {"Authorization": "Bearer adm"}
        r = httpx.post(base + "/v1/reload", headers=admin)
        assert r.status_code == 200 and r.json()["restart_required"] == []
        cfg.write_text('disable = ["pii.phone"]\n[server]\nmax_chars = 50\nadmin_token = "adm"\nlexicons = ["x.txt"]\n',
                       encoding="utf-8")
        (tmp_path / "x.txt").write_text("某词\n", encoding="utf-8")
        r = httpx.post(base + "/v1/reload", headers=admin)
        assert r.status_code == 200 and r.json()["restart_required"] == ["lexicons", "max_chars"]
        # the review configuration outside [server] did take effect
        rep = httpx.post(base + "/v1/review", json={"text": "手机：13919312345（本人）"}).json()
        assert not [f for f in rep["findings"] if f["rule"].startswith("pii.phone")]


def test_reload_is_disabled_without_an_admin_token():
    with live_server(create_app(ServiceSettings())) as base:
        r = httpx.post(base + "/v1/reload")
        assert r.status_code == 403 and r.json()["error"]["code"] == "reload_disabled"
        # without an api token, reviews need no auth
        assert httpx.post(base + "/v1/review", json={"text": "好"}).status_code == 200


def test_review_timeout_is_504():
    with live_server(create_app(ServiceSettings(review_timeout=1e-6))) as base:
        r = httpx.post(base + "/v1/review", json={"text": SPAM * 200})
        assert r.status_code == 504 and r.json()["error"]["code"] == "review_timeout"
        assert httpx.get(base + "/healthz").status_code == 200


# --- hot reload ------------------------------------------------------------------------------------

def test_reload_good_and_broken_lexicon_while_requests_are_in_flight(server, lexicon_file):
    admin = {"Authorization": f"Bearer {ADMIN}"}
    statuses: list[int] = []
    stop = threading.Event()

    def hammer():
        with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {API}"}, timeout=30) as c:
            while not stop.is_set():
                r = c.post("/v1/review", json={"text": SPAM + GOOD_TERM})
                statuses.append(r.status_code)
                assert r.json()["schema"] == "govreview.report/v1"

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        with httpx.Client(base_url=server, timeout=30) as c:
            before = c.get("/readyz").json()
            assert GOOD_TERM not in {f["text"] for f in c.post("/v1/review", json={"text": GOOD_TERM},
                                                                headers={"Authorization": f"Bearer {API}"}).json()["findings"]}
            lexicon_file.write_text(f"某甲测试词\n{GOOD_TERM}\n", encoding="utf-8")
            good = c.post("/v1/reload", headers=admin)
            assert good.status_code == 200, good.text
            assert good.json()["generation"] == before["generation"] + 1
            assert good.json()["lexicon_version"] != before["lexicon_version"]
            found = c.post("/v1/review", json={"text": GOOD_TERM}, headers={"Authorization": f"Bearer {API}"}).json()
            assert [f["text"] for f in found["findings"]] == [GOOD_TERM]

            # now break the TSV lexicon (an unknown column): the good generation keeps serving
            tsv = lexicon_file.with_suffix(".tsv")
            tsv.write_text("# name: org-tsv\nterm\tcolour\n坏词\t红\n", encoding="utf-8")
            bad = c.post("/v1/reload", headers=admin)
            assert bad.status_code == 422, bad.text
            err = bad.json()["error"]
            assert err["code"] == "invalid_lexicon"
            [detail] = err["details"]
            assert (detail["path"], detail["line"]) == (str(tsv), 2) and "unknown column(s): colour" in detail["message"]
            tsv.write_text(TSV_OK, encoding="utf-8")
            assert c.get("/readyz").json()["generation"] == good.json()["generation"]
            still = c.post("/v1/review", json={"text": GOOD_TERM}, headers={"Authorization": f"Bearer {API}"}).json()
            assert [f["text"] for f in still["findings"]] == [GOOD_TERM]
            for _ in range(3):  # more swaps under load
                lexicon_file.write_text(f"{GOOD_TERM}\n", encoding="utf-8")
                assert c.post("/v1/reload", headers=admin).status_code == 200
    finally:
        stop.set()
        for t in threads:
            t.join()
        lexicon_file.write_text("某甲测试词\n", encoding="utf-8")
        lexicon_file.with_suffix(".tsv").write_text(TSV_OK, encoding="utf-8")
    assert statuses and set(statuses) == {200}


# --- logs ----------------------------------------------------------------------------------------------

def test_logs_carry_rule_ids_and_counts_not_text(client, caplog):
    secret = "张建国，身份证号：620102195807153216，澳*门*博*彩"
    with caplog.at_level(logging.INFO, logger="govreview.service"):
        assert client.post("/v1/review", json={"text": secret, "title": "低保公示", "url": "http://x.gov.cn/a?id=1"}).status_code == 200
        client.post("/v1/review?q=" + "张建国", json={"text": secret})
        client.post("/v1/review", content=('{"text": "' + secret).encode(), headers={"Content-Type": "application/json"})
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "advertising.gambling:1" in text
    for leaked in ("张建国", "620102195807153216", "澳", "低保", "x.gov.cn"):
        assert leaked not in text


# --- redaction -------------------------------------------------------------------------------------------

REDACT_MISSING = load_redactor() is None


def test_redact_without_the_module_is_a_clear_501(client, monkeypatch):
    import govreview.service.app as service_app
    import govreview.service.requests as service_requests

    for module in (service_app, service_requests):  # as on a build without govreview.redact
        monkeypatch.setattr(module, "load_redactor", lambda: None)
    for path, body in (("/v1/redact", {"text": "电话13919312345"}), ("/v1/review", {"text": "电话13919312345", "redact": True})):
        r = client.post(path, json=body)
        assert r.status_code == 501 and r.json()["error"]["code"] == "redaction_unavailable"


@pytest.mark.skipif(REDACT_MISSING, reason="govreview.redact (redaction, built separately) is not on this branch yet")
def test_redact_masks_personal_data(client):
    text = "张建国，身份证号：620102195807153216，联系电话：13919312345"
    r = client.post("/v1/redact", json={"text": text})
    assert r.status_code == 200
    body = r.json()
    assert "620102195807153216" not in body["text"] and "13919312345" not in body["text"]
    assert body["findings"]
    for f in body["findings"]:
        assert text[f["start"]:f["end"]] == f["text"] and f["category"] == "pii"
    assert body["text"].startswith("张建国，身份证号：") and len(body["text"]) == len(text)
    rep = client.post("/v1/review", json={"text": text, "redact": True}).json()
    assert rep["schema"] == "govreview.report/v1"
    assert {f["rule"] for f in rep["findings"]} >= {"pii.id_card", "pii.phone.mobile"}
    assert rep["redaction"]["text"] == body["text"] and rep["redaction"]["count"] == len(body["findings"])
    html = "<p>联系电话：<b>13919312345</b></p>"
    red = client.post("/v1/redact", json={"html": html}).json()
    assert red["text"].startswith("<p>联系电话：<b>") and "13919312345" not in red["text"]


# --- worker processes ----------------------------------------------------------------------------------------

def test_worker_processes_serve_the_same_reports_and_reload(tmp_path):
    lex = tmp_path / "org.txt"
    lex.write_text("某甲测试词\n", encoding="utf-8")
    settings = ServiceSettings(processes=2, admin_token=ADMIN, lexicons=(str(lex),))
    admin = {"Authorization": f"Bearer {ADMIN}"}
    with live_server(create_app(settings)) as base, httpx.Client(base_url=base, timeout=60) as c:
        assert c.get("/readyz").json()["processes"] == 2
        rep = c.post("/v1/review", json={"text": SPAM, "id": "p1"}).json()
        lib = Reviewer(lexicons=[]).review(Document(id="p1", text=SPAM))
        assert [f for f in spans(rep) if f[0] != "sensitive.term"] == [(f.rule, f.start, f.end, f.text) for f in lib.findings]
        batch = c.post("/v1/review/batch", json={"documents": [{"text": SPAM}, {"html": "<p>百家樂</p>"}]}).json()
        assert len(batch["reports"]) == 2 and batch["reports"][0]["verdict"] == "block"

        lex.write_text(f"某甲测试词\n{GOOD_TERM}\n", encoding="utf-8")
        assert c.post("/v1/reload", headers=admin).status_code == 200
        found = [c.post("/v1/review", json={"text": GOOD_TERM}).json() for _ in range(4)]  # both workers
        assert all([f["text"] for f in x["findings"]] == [GOOD_TERM] for x in found)
        lex.write_bytes(b"\xff\xfe\x00broken")
        bad = c.post("/v1/reload", headers=admin)
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_lexicon"
        still = c.post("/v1/review", json={"text": GOOD_TERM}).json()
        assert [f["text"] for f in still["findings"]] == [GOOD_TERM]


def test_worker_processes_reload_under_load_and_retire_the_old_pool(tmp_path):
    """Reloads while 3 clients keep posting: no request fails, and each retired pool's workers exit
    once its calls in flight are answered (the retirement is scheduled onto the serving loop from the reload thread)."""
    import os
    import time

    lex = tmp_path / "org.txt"
    lex.write_text("某甲测试词\n", encoding="utf-8")
    settings = ServiceSettings(processes=2, admin_token=ADMIN, lexicons=(str(lex),), review_timeout=1.0)
    app = create_app(settings)
    statuses: list[int] = []
    stop = threading.Event()
    with live_server(app) as base:
        def hammer():
            with httpx.Client(base_url=base, timeout=60) as c:
                while not stop.is_set():
                    statuses.append(c.post("/v1/review", json={"text": SPAM}).status_code)

        threads = [threading.Thread(target=hammer) for _ in range(3)]
        for t in threads:
            t.start()
        retired = []
        try:
            with httpx.Client(base_url=base, timeout=120) as c:
                for i in range(2):
                    retired.extend(w.proc for w in app.state.holder.current.pool.workers)
                    lex.write_text(f"某甲测试词\n{GOOD_TERM}{i}\n", encoding="utf-8")
                    assert c.post("/v1/reload", headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200
                ready = c.get("/readyz").json()
                assert ready["generation"] == 3 and ready["workers_alive"] == 2
        finally:
            stop.set()
            for t in threads:
                t.join()
        deadline = time.monotonic() + 30  # drained within a review or two
        while any(p.is_alive() for p in retired) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(p.is_alive() for p in retired), [p.pid for p in retired if p.is_alive()]
        assert all(os.path.exists(f"/proc/{w.proc.pid}") for w in app.state.holder.current.pool.workers)
    assert statuses and set(statuses) == {200}


def _wait_for(cond, timeout: float = 30.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_a_worker_killed_during_a_review_is_a_503_not_a_500():
    """kill -9 of the worker holding a request: that request gets 503 worker_failed (not 500 internal_error);
    with no worker left, reviews and redactions get 503 not_ready, as /readyz says."""
    import os
    import signal

    app = create_app(ServiceSettings(processes=1, review_timeout=60))
    with live_server(app) as base, httpx.Client(base_url=base, timeout=60) as c:
        worker = app.state.holder.current.pool.workers[0]
        answer: list[httpx.Response] = []
        t = threading.Thread(target=lambda: answer.append(c.post("/v1/review", json={"text": SPAM * 5000})))
        t.start()
        _wait_for(lambda: worker.inflight == 1)
        os.kill(worker.proc.pid, signal.SIGKILL)
        t.join(60)
        (r,) = answer
        assert r.status_code == 503, r.text
        assert r.json()["error"]["code"] == "worker_failed" and r.headers["retry-after"] == "1"
        assert c.get("/readyz").status_code == 503
        for path in ("/v1/review", "/v1/redact", "/v1/review/batch"):
            body = {"documents": [{"text": SPAM}]} if path.endswith("batch") else {"text": SPAM}
            r = c.post(path, json=body)
            assert r.status_code == 503, (path, r.text)
            assert r.json()["error"]["code"] == "not_ready" and r.headers["retry-after"] == "1"


def test_worker_processes_busy_and_timeouts_do_not_pile_up():
    """GOVREVIEW_PROCESSES=1, MAX_PENDING=1: a second request while the worker works is 503 busy; a review
    that runs past the timeout is a 504 and its worker is replaced, so the requests after it are not 504s
    queued behind abandoned work (503 not_ready while the new worker starts, then 200)."""
    import time

    app = create_app(ServiceSettings(processes=1, max_pending=1, review_timeout=0.5))
    with live_server(app) as base, httpx.Client(base_url=base, timeout=60) as c:
        pool = app.state.holder.current.pool
        answer: list[httpx.Response] = []
        # ~0.04 s each on an idle machine (a 12× margin under the 0.5 s timeout for a loaded one), ~1 s in all
        batch = {"documents": [{"text": SPAM * 200}] * 20}
        t = threading.Thread(target=lambda: answer.append(c.post("/v1/review/batch", json=batch)))
        t.start()
        _wait_for(lambda: pool.load == 1)
        r = c.post("/v1/review", json={"text": SPAM})
        assert r.status_code == 503 and r.json()["error"]["code"] == "busy" and r.headers["retry-after"] == "1"
        t.join(60)
        assert answer[0].status_code == 200 and len(answer[0].json()["reports"]) == 20

        statuses = []
        for _ in range(3):
            r = c.post("/v1/review", json={"text": SPAM * 5000})  # ~1 s of review, over the 0.5 s timeout
            assert r.status_code == 504 and r.json()["error"]["code"] == "review_timeout"
            deadline = time.monotonic() + 60
            while True:
                r = c.post("/v1/review", json={"text": SPAM})
                statuses.append(r.status_code)
                if r.status_code == 200:
                    break
                assert r.status_code == 503 and r.json()["error"]["code"] == "not_ready", r.text
                assert r.headers["retry-after"] == "1"
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert pool.replaced == 3 and pool.load == 0
        assert c.get("/readyz").json()["workers_alive"] == 1


def test_a_reload_lets_a_long_batch_on_the_old_worker_pool_finish():
    """A batch may take review_timeout per document, far longer than any fixed grace period: a reload
    in the middle must not cut it off; the old pool retires once it is done."""
    import json
    import time

    # a 6× margin per document under the timeout: a loaded machine must not turn this into a timeout test
    settings = ServiceSettings(processes=1, review_timeout=3.0, admin_token=ADMIN, max_batch=100,
                               max_body_bytes=16 * 1024 * 1024)
    app = create_app(settings)
    with live_server(app) as base, httpx.Client(base_url=base, timeout=120) as c:
        old = app.state.holder.current.pool
        answer: list[httpx.Response] = []
        batch = json.dumps({"documents": [{"text": SPAM * 1500}] * 40}, ensure_ascii=False).encode()  # ~0.5 s each here

        def post_batch() -> None:
            answer.append(c.post("/v1/review/batch", content=batch, headers={"Content-Type": "application/json"}))

        t = threading.Thread(target=post_batch)
        t.start()
        _wait_for(lambda: old.load == 1)
        assert c.post("/v1/reload", headers={"Authorization": f"Bearer {ADMIN}"}).status_code == 200
        reloaded = time.monotonic()
        assert c.post("/v1/review", json={"text": SPAM}).status_code == 200  # the new generation serves
        t.join(120)
        assert answer[0].status_code == 200, answer[0].text
        assert len(answer[0].json()["reports"]) == 40
        assert time.monotonic() - reloaded > settings.review_timeout + 5  # it outlived the old fixed grace period
        _wait_for(lambda: not any(w.proc.is_alive() for w in old.workers), timeout=10)  # retired when drained
        assert app.state.holder.current.pool.alive == 1


def test_reload_with_an_invalid_config_names_the_field_without_its_value(tmp_path):
    cfg = tmp_path / "govreview.toml"
    cfg.write_text('disable = ["quality"]\n', encoding="utf-8")
    with live_server(create_app(ServiceSettings(config=str(cfg), admin_token=ADMIN, threads=1))) as base:
        cfg.write_text("disable = 987654321\n", encoding="utf-8")
        r = httpx.post(base + "/v1/reload", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=60)
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_config"
        assert "987654321" not in r.text and "disable" in r.text
