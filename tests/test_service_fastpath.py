"""The fast path for POST /v1/review answers exactly as FastAPI's route does, and is really taken.

Two apps with the same settings, one with the fast path and one without, get
the same requests; status, headers that matter and JSON bodies must be equal.
A spy on the route's call of ``answer_review`` shows which path answered.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import AsyncExitStack

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")

from govreview.service import ServiceSettings, create_app  # noqa: E402
from govreview.service import app as app_module  # noqa: E402
from govreview.service.redaction import load_redactor  # noqa: E402

TOKEN = "tok-fast-1"
SPAM = "关于开展安全生产检查的通知\n联系人：张建国，电话13919312345。澳*门*博*彩，百家樂在线。"
HTML = "<html><body><p>联系电话：13919312345</p><a href='http://example.com/'>百家乐</a></body></html>"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"Content-Type": "application/json"}

HAPPY = [
    {"text": SPAM},
    {"html": HTML, "id": "p-1", "title": "通知", "url": "http://www.example.gov.cn/a.html", "published_at": "2024-05-06"},
    {"text": SPAM, "rules": ["pii"]},
    {"text": SPAM, "categories": ["advertising", "pii"], "exclude": ["pii.phone"]},
    {"text": "各单位不得公开涉及国家秘密、个人隐私的政府信息。"},
]
# answered by the fast path with an ApiError raised by answer_review
REFUSED = [
    {"text": SPAM, "rules": ["no.such.rule"]},
    {"text": "长" * 501},
]
# handed to FastAPI: not valid for the model, or not decodable by pydantic-core
DELEGATED_BODIES = [
    b'{"text": "a", "html": "<p>b</p>"}',
    b'{"text": "a", "colour": "red"}',
    b'{"text": 5}',
    b'{"text": "a",',
    b'[1, 2]',
    b'{"text": "see http://example.com/a\\ud800b"}',  # a lone surrogate inside the finding: escaped in the report
]


@pytest.fixture(scope="module")
def apps():
    """Both apps started (lifespan entered) once on one event loop, with an HTTP client each."""
    settings = ServiceSettings(api_token=TOKEN, max_chars=500, threads=2)
    pair = (create_app(settings, build_in_background=False), create_app(settings, build_in_background=False, fast_path=False))
    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()

    async def start():
        clients = []
        for app in pair:
            await stack.enter_async_context(app.router.lifespan_context(app))
            clients.append(await stack.enter_async_context(
                httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")))
        return clients

    clients = loop.run_until_complete(start())
    yield loop, clients
    loop.run_until_complete(stack.aclose())
    loop.close()


@pytest.fixture()
def route_calls(monkeypatch):
    calls = []
    real = app_module.answer_review

    async def spy(state, body):
        calls.append(body)
        return await real(state, body)

    monkeypatch.setattr(app_module, "answer_review", spy)
    return calls


def exchange(apps, requests: list[tuple[bytes, dict[str, str]]]) -> list[tuple[tuple, tuple]]:
    loop, clients = apps

    async def run():
        out = []
        for body, headers in requests:
            pair = []
            for c in clients:
                r = await c.post("/v1/review", content=body, headers=headers)
                pair.append((r.status_code, r.headers.get("content-type"), r.headers.get("www-authenticate"), r.json()))
            out.append(tuple(pair))
        return out

    return loop.run_until_complete(run())


def body_of(req: dict) -> bytes:
    return json.dumps(req, ensure_ascii=False).encode()


def test_happy_requests_take_the_fast_path_and_match_the_route(apps, route_calls):
    pairs = exchange(apps, [(body_of(r), {**AUTH, **JSON}) for r in HAPPY])
    for (fast, slow), req in zip(pairs, HAPPY):
        assert fast == slow, req
        assert fast[0] == 200 and fast[3]["schema"].startswith("govreview.report")
    assert len(route_calls) == len(HAPPY)  # every one of them from the app without the fast path


def test_spam_findings_come_back_with_offsets_into_the_text(apps, route_calls):
    ((fast, _),) = exchange(apps, [(body_of({"text": SPAM}), {**AUTH, **JSON})])
    rules = {f["rule"] for f in fast[3]["findings"]}
    assert {"advertising.gambling", "pii.phone.mobile"} <= rules, rules
    for f in fast[3]["findings"]:
        assert SPAM[f["start"]:f["end"]] == f["text"]


def test_refusals_from_the_shared_checks_match(apps, route_calls):
    pairs = exchange(apps, [(body_of(r), {**AUTH, **JSON}) for r in REFUSED])
    assert [p[0] for p in pairs] == [p[1] for p in pairs]
    assert [p[0][3]["error"]["code"] for p in pairs] == ["unknown_rule", "document_too_long"]
    assert len(route_calls) == len(REFUSED)


@pytest.mark.parametrize("body", DELEGATED_BODIES)
def test_invalid_bodies_are_answered_by_fastapi_identically(apps, route_calls, body):
    ((fast, slow),) = exchange(apps, [(body, {**AUTH, **JSON})])
    assert fast == slow
    if fast[0] == 200:  # the lone surrogate is valid JSON for the stdlib parser: reviewed by the route
        assert len(route_calls) == 2
        assert [f["text"] for f in fast[3]["findings"]] == ["http://example.com/a\ud800b"]
    else:
        assert fast[0] in (400, 422) and not route_calls


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN},
    {"Authorization": f"bearer {TOKEN}"},
])
def test_token_handling_matches(apps, route_calls, headers):
    ((fast, slow),) = exchange(apps, [(body_of({"text": SPAM}), {**headers, **JSON})])
    assert fast == slow
    if headers.get("Authorization", "").lower() == f"bearer {TOKEN}":
        assert fast[0] == 200 and len(route_calls) == 1  # case-insensitive scheme, as HTTPBearer parses it
    else:
        assert fast[0] == 401 and fast[2].startswith("Bearer")


@pytest.mark.skipif(load_redactor() is None, reason="govreview.redact is not installed")
def test_redaction_matches(apps, route_calls):
    ((fast, slow),) = exchange(apps, [(body_of({"text": SPAM, "redact": True}), {**AUTH, **JSON})])
    assert fast == slow and fast[0] == 200
    assert "13919312345" not in fast[3]["redaction"]["text"]


# a Java substring() that cut an emoji leaves a lone surrogate; metadata is accepted like the text
SURROGATE_META = [
    b'{"text": "ok", "title": "\\u5173\\u4e8e\\ud83d"}',
    b'{"text": "ok", "id": "cms-\\ud83d", "url": "http://www.example.gov.cn/a\\udc00.html"}',
    b'{"html": "<p>ok</p>", "id": "\\ud83d\\ud83d", "title": "\\ude00"}',
    b'{"text": "a\\ud83d", "title": "b\\ud83d", "id": "c\\ud83d", "url": "d\\ud83d"}',
]


@pytest.mark.parametrize("body", SURROGATE_META)
def test_lone_surrogates_in_metadata_are_accepted_like_the_text(apps, route_calls, body):
    ((fast, slow),) = exchange(apps, [(body, {**AUTH, **JSON})])
    assert fast == slow
    assert fast[0] == 200, fast[3]
    sent = json.loads(body)
    assert {k: fast[3]["document"][k] for k in ("id", "title", "url") if k in sent} == \
        {k: sent[k] for k in ("id", "title", "url") if k in sent}


def test_metadata_over_its_length_limit_is_still_refused(apps, route_calls):
    ((fast, slow),) = exchange(apps, [(body_of({"text": "ok", "id": "x" * 513}), {**AUTH, **JSON})])
    assert fast == slow and fast[0] == 422
    assert fast[3]["error"]["details"] == [{"loc": ["body", "id"], "msg": "String should have at most 512 characters",
                                            "type": "string_too_long"}]
