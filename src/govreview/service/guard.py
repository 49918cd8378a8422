"""Pure-ASGI front door: content type, body size limit, access log, last-resort 500.

It runs before FastAPI parses anything, so an oversize body is refused
without being buffered past the limit, and a wrong content type gets a 415
instead of a confusing field error. The access log is written here (uvicorn's
own is turned off) because uvicorn logs query strings, and a CMS that puts
draft text in a query string would put personal data in the log: this one
logs method, path, status and milliseconds only. Unexpected exceptions are
logged by type and source line, never by message (messages can quote input).
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

access_log = logging.getLogger("govreview.service.access")
error_log = logging.getLogger("govreview.service.error")

BODY_METHODS = {"POST", "PUT", "PATCH"}
# an oversize body declared up to this multiple of the limit is read and discarded so the client sees the 413;
# beyond it the connection is answered at once (the client may see a reset instead)
DRAIN_FACTOR = 16


def _json_type(value: bytes) -> bool:
    mime = value.split(b";", 1)[0].strip().lower()
    return mime == b"application/json" or (mime.startswith(b"application/") and mime.endswith(b"+json"))


async def _send_error(send: Send, status: int, code: str, message: str, extra_headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": {"code": code, "message": message, "details": []}}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra_headers]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def replaying(first: Message, receive: Receive) -> Receive:
    """A ``receive`` that returns ``first`` (a message already read) once, then reads on."""
    pending = [first]

    async def replay() -> Message:
        return pending.pop() if pending else await receive()

    return replay


class Guard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        status_box = [0]

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_box[0] = message["status"]
            await send(message)

        try:
            await self._handle(scope, receive, send_logged)
        except Exception as exc:  # last resort: a clean 500 and a log line without the exception's message
            tb = traceback.extract_tb(exc.__traceback__)
            where = f"{tb[-1].filename}:{tb[-1].lineno}" if tb else "?"
            error_log.error("unhandled %s at %s on %s %s", type(exc).__name__, where, scope["method"], scope["path"])
            if status_box[0] == 0:
                await _send_error(send_logged, 500, "internal_error", "服务内部错误 internal error")
        finally:
            access_log.info("%s %s %d %.1fms", scope["method"], scope["path"], status_box[0],
                            (time.perf_counter() - t0) * 1000)

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type")
        has_body = headers.get(b"content-length", b"0") != b"0" or b"transfer-encoding" in headers
        if has_body and (ctype is None or not _json_type(ctype)):
            await self._drain(receive, self.max_body_bytes * DRAIN_FACTOR)
            await _send_error(send, 415, "unsupported_media_type",
                              "请求体必须是 JSON：请设置 Content-Type: application/json "
                              "the request body must be JSON: send Content-Type: application/json")
            return
        limit = self.max_body_bytes
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            if int(declared) <= limit * DRAIN_FACTOR:
                await self._drain(receive, limit * DRAIN_FACTOR)
            await _send_error(send, 413, "body_too_large", f"请求体超过 {limit} 字节上限 request body over {limit} bytes",
                              [(b"connection", b"close")])
            return
        chunks: list[bytes] = []
        total = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > limit:
                if message.get("more_body", False):  # after the last chunk, receive() would wait for a disconnect
                    await self._drain(receive, limit * DRAIN_FACTOR - total)
                await _send_error(send, 413, "body_too_large",
                                  f"请求体超过 {limit} 字节上限 request body over {limit} bytes", [(b"connection", b"close")])
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, replaying(body, receive), send)

    @staticmethod
    async def _drain(receive: Receive, budget: int) -> None:
        """Read and drop the rest of the body (up to ``budget`` bytes) so the client can read our answer."""
        while budget > 0:
            message = await receive()
            if message["type"] != "http.request":
                return
            budget -= len(message.get("body", b""))
            if not message.get("more_body", False):
                return
