"""One JSON error shape for every failure: ``{"error": {"code", "message", "details"}}``.

Validation errors never echo the request's input back (pydantic puts it in
``input``): a 5 MB draft should not come back in a 422, and error bodies are
what proxies and CMS plugins tend to log.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, details: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers


def error_response(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "details": details or []}},
                        status_code=status, headers=headers)


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def _clean(err: dict[str, Any]) -> dict[str, Any]:
    out = {"loc": [str(x) for x in err.get("loc", ())], "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
    ctx = err.get("ctx") or {}
    if err.get("type") == "json_invalid" and "error" in ctx:
        out["msg"] = f"{out['msg']}: {ctx['error']}"
    return out


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errs = [_clean(e) for e in exc.errors()]
    if any(e["type"] == "json_invalid" for e in errs):
        return error_response(400, "malformed_json", "请求体不是有效的 JSON request body is not valid JSON", errs)
    return error_response(422, "invalid_request", "请求字段无效 request fields are invalid", errs)


_HTTP_CODES = {400: "malformed_body", 404: "not_found", 405: "method_not_allowed"}


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Framework errors (undecodable body, unknown path, wrong method) in the same shape as ours."""
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    if exc.status_code == 400:  # FastAPI's "error parsing the body": say which error (it chains the cause)
        cause = exc.__cause__
        if isinstance(cause, RecursionError):
            code, message = "json_too_deep", "JSON 嵌套层级过深 request body is nested too deeply to parse"
        elif isinstance(cause, UnicodeDecodeError):
            message = "请求体不是 UTF-8 编码 request body is not UTF-8 encoded JSON"
        else:
            message = "请求体无法解析 request body could not be parsed as JSON"
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))
