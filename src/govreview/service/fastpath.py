"""Answers a well-formed, authorised ``POST /v1/review`` without FastAPI's routing.

Why: on the 2-core reference machine FastAPI's per-request work (routing,
dependency solving for the optional bearer token, parsing the body twice —
``json.loads`` then model validation — and building the response) cost
about as much CPU as reviewing a 10 KB draft, and under 10 concurrent
clients that overhead is what the tail latency queues behind. This is the
endpoint a CMS calls before every publish, so it gets a direct path:
pydantic-core validates the JSON bytes into :class:`ReviewRequest` in one
step and :func:`answer_review` does the rest, exactly as the route does.

Only the happy path is taken here. Anything else — a missing or wrong
token, a body that does not validate, an unknown path — is handed unchanged
to the FastAPI app, which produces the canonical answer (the same 401, 400
or 422 bodies, documented in the OpenAPI spec). Refusals raised by
:func:`answer_review` itself (limits, readiness, busy, timeout) are the same
ApiError the route raises, rendered by the same handler.

It sits inside :class:`~govreview.service.guard.Guard`, so the content type
and size limit are already enforced and the body arrives in one message.
"""

from __future__ import annotations

import secrets

from pydantic import ValidationError

from .errors import ApiError, error_response
from .guard import ASGIApp, Receive, Scope, Send, replaying
from .requests import answer_review
from .schemas import ReviewRequest

REVIEW_PATH = "/v1/review"


def bearer_ok(scope: Scope, expected: str) -> bool:
    """Whether the first Authorization header is ``Bearer <expected>`` (parsed as FastAPI's HTTPBearer does)."""
    for name, value in scope.get("headers") or ():
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            return scheme.lower() == "bearer" and secrets.compare_digest(credentials.encode(), expected.encode())
    return False


class FastReview:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != REVIEW_PATH:
            await self.app(scope, receive, send)
            return
        message = await receive()
        body = message.get("body", b"") if message["type"] == "http.request" else None
        request = self._parse(scope, body) if body is not None and not message.get("more_body", False) else None
        if request is None:  # not the happy path: the app answers, reading the same message again
            await self.app(scope, replaying(message, receive), send)
            return
        try:
            data = await answer_review(scope["app"].state, request)
        except ApiError as exc:
            await error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
        await send({"type": "http.response.body", "body": data})

    @staticmethod
    def _parse(scope: Scope, body: bytes) -> ReviewRequest | None:
        token = scope["app"].state.settings.api_token
        if token is not None and not bearer_ok(scope, token.get_secret_value()):
            return None
        try:
            return ReviewRequest.model_validate_json(body)
        except ValidationError:
            return None
