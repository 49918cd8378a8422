"""From a validated request body to the report bytes: the checks every review endpoint shares.

Both the FastAPI route and the fast path (``fastpath.py``) call
:func:`answer_review`, so the two cannot drift: the same character limit,
readiness check, rule selection, redaction check and runner, raising the same
:class:`ApiError` for each refusal.
"""

from __future__ import annotations

from typing import Any

from ..model import Document
from .errors import ApiError
from .holder import ReviewerHolder, Serving
from .redaction import load_redactor
from .schemas import BatchItem, RedactRequest, ReviewRequest
from .selection import selection_config
from .work import review_one


def current_serving(holder: ReviewerHolder) -> Serving:
    """The generation to use for this whole request (taken once: a reload mid-request does not split it)."""
    serving = holder.current
    if serving is None:
        raise ApiError(503, "not_ready", "审查器尚未就绪 reviewer is not ready", headers={"Retry-After": "1"})
    return serving


def too_long(item: BatchItem | ReviewRequest | RedactRequest, limit: int) -> bool:
    return len(item.content) > limit


def document_of(item: BatchItem | ReviewRequest | RedactRequest, default_id: str) -> Document:
    body = {"html": item.html} if item.html is not None else {"text": item.text}
    meta = {k: getattr(item, k, None) for k in ("title", "url", "published_at")}
    return Document(id=item.id or default_id, **meta, **body)


async def answer_review(state: Any, body: ReviewRequest) -> bytes:
    """``POST /v1/review`` after parsing and authentication: the report as JSON bytes, or an ApiError."""
    settings = state.settings
    if too_long(body, settings.max_chars):
        raise ApiError(422, "document_too_long",
                       f"文档超过 {settings.max_chars} 字符上限 document has {len(body.content)} characters, "
                       f"over the {settings.max_chars} limit")
    serving = current_serving(state.holder)
    sel = selection_config(body, serving.reviewer)
    if body.redact and load_redactor() is None:
        raise ApiError(501, "redaction_unavailable", "本服务未安装脱敏模块 redaction (govreview.redact) is not installed")
    return await state.runner.run(serving, review_one, document_of(body, "-"), sel, body.redact)
