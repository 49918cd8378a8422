"""The FastAPI application: ``create_app(settings)``.

Reviews are CPU-bound, so they run in a thread pool sized to the cores,
never on the event loop: ``/healthz`` and ``/readyz`` answer while reviews
run. (Threads share the GIL, so the pool keeps the loop responsive and
bounds concurrency; it does not make one process use more than one core.)
Each review has a timeout (504) and the number of queued reviews is bounded
(503), so a flood degrades into fast refusals rather than a growing queue.

Logs carry rule ids, counts, sizes and timings, never document text, titles
or URLs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from .. import __version__
from ..lexicons import LexiconError, loaded_lists
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import ApiError, api_error_handler, http_error_handler, validation_error_handler
from .fastpath import FastReview
from .guard import Guard
from .holder import ReviewerHolder, Serving
from .procpool import NoWorker, WorkerDied
from .redaction import load_redactor
from .requests import answer_review, current_serving, document_of, too_long
from .work import redact_only, review_many
from .schemas import (
    BatchItem, BatchRequest, BatchResponse, ErrorResponse, Health, RedactRequest, RedactResponse, Ready,
    ReloadResponse, ReviewRequest, ReviewResponse, RulesResponse,
)
from .selection import selection_config
from .settings import ServiceSettings, changed_server_settings, describe_errors, server_table

log = logging.getLogger("govreview.service")
T = TypeVar("T")

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <token>, when the server sets one")

_ERR = {"model": ErrorResponse}
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {**_ERR, "description": "malformed JSON, a body that is not UTF-8, or JSON nested too deeply"},
    401: {**_ERR, "description": "missing or invalid bearer token"},
    413: {**_ERR, "description": "request body over the size limit"},
    415: {**_ERR, "description": "content type is not application/json"},
    422: {**_ERR, "description": "invalid fields, unknown rule, or a document over the character limit"},
    503: {**_ERR, "description": "not ready yet (or no worker process running), too many reviews queued, "
                               "or the worker process holding the review exited; retry after Retry-After"},
    504: {**_ERR, "description": "the review took longer than the timeout"},
}


def _check_token(creds: HTTPAuthorizationCredentials | None, expected: str) -> None:
    if creds is None:
        raise ApiError(401, "missing_token", "缺少访问令牌 missing bearer token",
                       headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(creds.credentials.encode(), expected.encode()):
        raise ApiError(401, "invalid_token", "访问令牌无效 invalid bearer token",
                       headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def require_api_token(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    token = request.app.state.settings.api_token
    if token is not None:
        _check_token(creds, token.get_secret_value())


def require_admin_token(request: Request, creds: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    token = request.app.state.settings.reload_token
    if token is None:
        raise ApiError(403, "reload_disabled", "未配置管理令牌，热加载已关闭 reload is disabled: no admin token configured")
    _check_token(creds, token.get_secret_value())


class Runner:
    """Runs CPU-bound work off the event loop with a timeout and a bound on queued work.

    ``func(reviewer, *args)`` runs in the thread pool with the generation's
    Reviewer, or in the generation's worker processes with theirs.
    """

    def __init__(self, settings: ServiceSettings):
        self.pool = ThreadPoolExecutor(max_workers=settings.threads, thread_name_prefix="govreview-review")
        self.timeout = settings.review_timeout
        self.max_pending = settings.max_pending
        self.pending = 0

    async def run(self, serving: Serving, func: Callable[..., T], *args: Any, timeout: float | None = None) -> T:
        # with worker processes, the pool's load is the work really queued: calls whose callers timed out or
        # went away still count until a worker skips or finishes them (or is replaced)
        queued = serving.pool.load if serving.pool is not None else self.pending
        if queued >= self.max_pending:
            raise ApiError(503, "busy", "审查队列已满，请稍后重试 too many reviews queued; retry later",
                           headers={"Retry-After": "1"})
        self.pending += 1
        limit = timeout or self.timeout
        try:
            if serving.pool is not None:  # the pool enforces the deadline: skips the call, or replaces the worker
                return await serving.pool.run(func, *args, timeout=limit)
            fut = asyncio.get_running_loop().run_in_executor(self.pool, func, serving.reviewer, *args)
            return await asyncio.wait_for(fut, limit)
        except TimeoutError:
            # the thread cannot be killed; it finishes and its result is dropped
            raise ApiError(504, "review_timeout", f"审查超时 review took longer than {limit:g}s") from None
        except NoWorker:
            why = ("worker processes are restarting" if serving.pool is not None and serving.pool.restarting
                   else "no worker process is running; POST /v1/reload starts new ones")
            raise ApiError(503, "not_ready", f"没有可用的审查进程 {why}", headers={"Retry-After": "1"}) from None
        except WorkerDied:  # the worker holding this call exited: the server is fine, the call can be retried
            raise ApiError(503, "worker_failed", "审查进程异常退出，请重试 the worker process reviewing this request "
                           "exited; retry", headers={"Retry-After": "1"}) from None
        finally:
            self.pending -= 1

    async def call(self, fn: Callable[[], T], timeout: float) -> T:
        """Other blocking work (a reload) in the thread pool, not counted as a review."""
        return await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(self.pool, fn), timeout)


def _serving(request: Request) -> Serving:
    return current_serving(request.app.state.holder)


def _json(data: bytes, status: int = 200) -> Response:
    return Response(content=data, status_code=status, media_type="application/json")


def create_app(settings: ServiceSettings | None = None, *, build_in_background: bool = True,
               fast_path: bool = True) -> FastAPI:
    """Build the app. The Reviewer is built at startup (in the pool, so /healthz answers meanwhile).

    ``fast_path=False`` leaves every request to FastAPI's routing (same answers, more CPU per
    review; the tests compare the two).
    """
    settings = settings or ServiceSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        holder: ReviewerHolder = app.state.holder
        runner: Runner = app.state.runner

        def first_build() -> None:
            try:
                holder.build()
            except Exception as exc:  # readyz says why; reload can fix it
                holder.startup_error = f"{type(exc).__name__}: {exc}"
                log.error("reviewer failed to build: %s", type(exc).__name__)

        task = asyncio.get_running_loop().run_in_executor(runner.pool, first_build)
        if not build_in_background:
            await task
        try:
            yield
        finally:
            holder.close()
            runner.pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="govreview",
        version=__version__,
        summary="Pre-publication review of Chinese government web content for CMS plugins.",
        description=(
            "Reviews drafts for secrecy markings, personal data, advertising/gambling spam, dark links, "
            "policy-interpretation linkage and quality problems. Every review returns the `govreview.report/v1` "
            "report: findings with half-open **code-point** offsets into the exact `text` or `html` string sent. "
            "Errors are `{\"error\": {\"code\", \"message\", \"details\"}}`. See docs/cms.md."
        ),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.server_table = server_table(settings.config)  # what reload compares against
    app.state.holder = ReviewerHolder(settings)
    app.state.runner = Runner(settings)
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)
    if fast_path:
        app.add_middleware(FastReview)  # inside the Guard: limits and content type are checked before it
    app.add_middleware(Guard, max_body_bytes=settings.max_body_bytes)

    @app.get("/healthz", response_model=Health, tags=["ops"])
    async def healthz() -> dict[str, str]:
        """Liveness: the process answers. Never touches the reviewer."""
        return {"status": "ok"}

    @app.get("/readyz", response_model=Ready, tags=["ops"], responses={503: {"model": Ready}})
    async def readyz(request: Request) -> Any:
        """Readiness: a reviewer is built and serving."""
        holder: ReviewerHolder = request.app.state.holder
        cur = holder.current
        if cur is None:
            status = "failed" if holder.startup_error else "starting"
            return JSONResponse({"status": status, "errors": [holder.startup_error] if holder.startup_error else []},
                                status_code=503)
        r = cur.reviewer
        alive = cur.pool.alive if cur.pool is not None else None
        if alive == 0:
            if cur.pool is not None and cur.pool.restarting:  # a worker killed for running past its timeout
                status, error = "starting", "worker processes are restarting"
            else:
                status, error = "failed", "every worker process has exited; POST /v1/reload starts new ones"
            return JSONResponse({"status": status, "generation": cur.generation, "processes": settings.processes,
                                 "workers_alive": 0, "errors": [error]}, status_code=503)
        return {"status": "ready", "generation": cur.generation, "processes": settings.processes, "workers_alive": alive,
                "lexicon_version": r.lexicon_version,
                "config_digest": r.config_digest, "errors": [e.message for e in r.build_errors]}

    # load balancers probe with HEAD: same status and headers, no body (uvicorn drops it); not in the
    # OpenAPI document, where a second operation per path would only repeat the GET
    app.add_api_route("/healthz", healthz, methods=["HEAD"], include_in_schema=False)
    app.add_api_route("/readyz", readyz, methods=["HEAD"], include_in_schema=False)

    @app.get("/v1/rules", response_model=RulesResponse, tags=["review"], dependencies=[Depends(require_api_token)],
             responses={401: COMMON_ERRORS[401], 503: COMMON_ERRORS[503]})
    async def rules(request: Request) -> Any:
        """Every rule the server knows, with category, default severity and whether the server runs it."""
        r = _serving(request).reviewer
        rows = sorted(r.rules.values(), key=lambda x: x.id)
        return {"lexicon_version": r.lexicon_version, "config_digest": r.config_digest,
                "rules": [{"rule": x.id, "category": x.category, "severity": x.severity.value,
                           "description": x.description, "enabled": r.config.rule_enabled(x.id, x.category)}
                          for x in rows],
                "lexicons": [{k: v for k, v in row.items() if k != "path"} for row in loaded_lists(r.lexicons)]}

    @app.post("/v1/review", response_model=ReviewResponse, tags=["review"], dependencies=[Depends(require_api_token)],
              responses={**COMMON_ERRORS, 501: {**_ERR, "description": "redact requested but redaction is not installed"}})
    async def review(body: ReviewRequest, request: Request) -> Response:
        """Review one document; the report's offsets index into the `text` or `html` string sent."""
        # a well-formed, authorised request never gets here: fastpath.py answers it with the same answer_review
        return _json(await answer_review(request.app.state, body))

    @app.post("/v1/review/batch", response_model=BatchResponse, tags=["review"],
              dependencies=[Depends(require_api_token)], responses=COMMON_ERRORS)
    async def review_batch(body: BatchRequest, request: Request) -> Response:
        """Review up to `max_batch` documents; one report per document, in order. A document over the
        character limit becomes a report with an error instead of failing the batch."""
        if len(body.documents) > settings.max_batch:
            raise ApiError(422, "batch_too_large",
                           f"批量文档数超过上限 {len(body.documents)} documents, over the batch limit of {settings.max_batch}")
        serving = _serving(request)
        reviewer = serving.reviewer
        sel = selection_config(body, reviewer)
        docs = [document_of(item, f"#{i}") for i, item in enumerate(body.documents)]
        # a batch gets the per-document timeout for each of its documents
        data = await request.app.state.runner.run(serving, review_many, docs, sel, settings.max_chars,
                                                  timeout=settings.review_timeout * len(docs))
        return _json(data)

    @app.post("/v1/redact", response_model=RedactResponse, tags=["review"], dependencies=[Depends(require_api_token)],
              responses={**COMMON_ERRORS, 501: {**_ERR, "description": "redaction (govreview.redact) is not installed"}})
    async def redact(body: RedactRequest, request: Request) -> Response:
        """Mask personal data (medium severity and above) in text or HTML; findings say what was masked."""
        if too_long(body, settings.max_chars):
            raise ApiError(422, "document_too_long", f"文档超过 {settings.max_chars} 字符上限 document over the character limit")
        if load_redactor() is None:
            raise ApiError(501, "redaction_unavailable", "本服务未安装脱敏模块 redaction (govreview.redact) is not installed")
        return _json(await request.app.state.runner.run(_serving(request), redact_only, document_of(body, "-")))

    @app.post("/v1/reload", response_model=ReloadResponse, tags=["admin"], dependencies=[Depends(require_admin_token)],
              responses={401: COMMON_ERRORS[401], 403: {**_ERR, "description": "no admin token configured"},
                         409: {**_ERR, "description": "worker processes failed to start; the old generation keeps serving"},
                         422: {**_ERR, "description": "the new lexicon or configuration is invalid; the old one keeps serving"},
                         503: COMMON_ERRORS[503], 504: COMMON_ERRORS[504]})
    async def reload(request: Request) -> Any:
        """Reread the config and lexicon files, build a new reviewer on the side and swap it in.
        On any error the current reviewer keeps serving and the errors are returned."""
        holder: ReviewerHolder = request.app.state.holder
        try:
            serving = await request.app.state.runner.call(holder.build, timeout=max(180.0, settings.review_timeout))
        except LexiconError as exc:
            log.warning("reload refused: %d lexicon problem(s)", len(exc.issues))
            raise ApiError(422, "invalid_lexicon", "词表无效，仍使用原词表 invalid lexicon; the previous one keeps serving",
                           details=[{"path": i.path, "line": i.line, "message": i.message} for i in exc.issues[:100]]) from None
        except FileNotFoundError as exc:
            raise ApiError(422, "invalid_config", f"找不到文件 file not found: {exc.filename}; the previous configuration keeps serving") from None
        except ValidationError as exc:  # by field and problem, never quoting values
            raise ApiError(422, "invalid_config", "配置无效，仍使用原配置 invalid configuration; the previous one keeps serving",
                           details=[{"message": m[:500]} for m in describe_errors(exc)[:20]]) from None
        except (ValueError, OSError) as exc:  # TOML errors (they give line and column, not values)
            raise ApiError(422, "invalid_config", "配置无效，仍使用原配置 invalid configuration; the previous one keeps serving",
                           details=[{"message": str(exc)[:2000]}]) from None
        except TimeoutError:
            raise ApiError(504, "reload_timeout", "热加载超时，仍使用原词表 reload timed out; the previous one keeps serving") from None
        except RuntimeError as exc:  # worker processes failed to start or built different lexicons
            raise ApiError(409, "reload_failed", "热加载失败，仍使用原词表 reload failed; the previous one keeps serving",
                           details=[{"message": f"{type(exc).__name__}: {str(exc)[:500]}"}]) from None
        r = serving.reviewer
        log.info("reloaded generation=%d lexicon_version=%s rules=%d", serving.generation, r.lexicon_version, len(r.rules))
        changed = changed_server_settings(request.app.state.server_table, settings.config)
        if changed:
            log.warning("reload: [server] settings changed on disk, restart to apply: %s", ",".join(changed))
        return {"status": "reloaded", "generation": serving.generation, "lexicon_version": r.lexicon_version,
                "config_digest": r.config_digest, "rules": len(r.rules), "build_seconds": round(serving.build_seconds, 4),
                "restart_required": changed}

    return app


def export_openapi(app: FastAPI | None = None) -> str:
    """The OpenAPI document as committed in docs/openapi.json (stable key order, trailing newline)."""
    spec = (app or create_app()).openapi()
    return json.dumps(spec, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


__all__ = ["create_app", "export_openapi", "Runner"]
