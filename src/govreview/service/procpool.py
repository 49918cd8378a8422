"""Worker processes for reviews, driven from the event loop over one socket pair each.

Why not ``concurrent.futures.ProcessPoolExecutor``: it moves every task
through two helper threads in the server process (a queue feeder and a
result manager) and a shared call queue. On the 2-core reference machine
those thread wake-ups cost about 1.1 ms of server CPU per request — half a
review — in the very process that also parses HTTP. Here each worker owns
one end of a ``socketpair``; the event loop writes a length-prefixed pickled
call and reads the answer with asyncio streams, so a request costs the server
one write and one read and no thread switch.

A worker is one process with one Reviewer, answering its calls in order.
The loop sends each call to the worker with the fewest calls in flight. A
worker that dies fails only its own calls (a clear error, not a hung
request) and leaves the rotation; the rest keep serving, and ``alive`` says
how many remain (``/readyz`` reports it). The next reload starts a full pool.

Start-up is synchronous (the reload thread waits for every worker's hello
with the lexicon version it built, so a pool is complete before it is
swapped in); the asyncio side attaches on the first call, on the serving
loop.
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import pickle
import socket
import struct
from collections.abc import Callable
from typing import Any

_HEADER = struct.Struct("<Q")
_PROTOCOL = pickle.HIGHEST_PROTOCOL


def _frame(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _read_exact(fh: Any, n: int) -> bytes | None:
    data = fh.read(n)
    return data if data is not None and len(data) == n else None


def _read_frame_blocking(fh: Any) -> Any:
    head = _read_exact(fh, _HEADER.size)
    if head is None:
        return None
    body = _read_exact(fh, _HEADER.unpack(head)[0])
    return None if body is None else pickle.loads(body)


def worker_main(sock: socket.socket, build_args: dict[str, Any]) -> None:
    """The worker process: build the Reviewer, say hello with its lexicon version, answer calls until EOF."""
    from . import work

    try:
        work.init_worker(build_args)
        hello: tuple[str, Any] = ("hello", work.current_worker_reviewer().lexicon_version)
    except BaseException as exc:  # the server reports it and keeps its old generation
        hello = ("failed", f"{type(exc).__name__}: {str(exc)[:500]}")
    sock.sendall(_frame(hello))
    if hello[0] != "hello":
        return
    reader = sock.makefile("rb")
    while True:
        call = _read_frame_blocking(reader)
        if call is None:  # the server closed our socket: shut down
            return
        rid, func, args = call
        try:
            out = (rid, True, work.in_worker(func, *args))
        except Exception as exc:
            out = (rid, False, exc)
        try:
            frame = _frame(out)
        except Exception as exc:  # an exception that does not pickle still reaches the caller, by name
            frame = _frame((rid, False, RuntimeError(f"{type(exc).__name__} in worker")))
        sock.sendall(frame)


class WorkerDied(RuntimeError):
    """The worker process serving a call exited before answering it."""


class NoWorker(WorkerDied):
    """No worker process of the pool is running (every one has exited, or the pool was shut down)."""


class _Worker:
    def __init__(self, proc: multiprocessing.process.BaseProcess, sock: socket.socket):
        self.proc = proc
        self.sock = sock
        self.inflight = 0
        self.alive = True
        self.waiting: dict[int, asyncio.Future[Any]] = {}
        self.writer: asyncio.StreamWriter | None = None
        self.reader_task: asyncio.Task[None] | None = None


class WorkerPool:
    """``processes`` worker processes, each with a Reviewer built from ``build_args``."""

    def __init__(self, processes: int, build_args: dict[str, Any], *, start_timeout: float = 120.0):
        ctx = multiprocessing.get_context("spawn")  # not fork: the server has threads (uvicorn, the review pool)
        self._ids = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._attach_lock = asyncio.Lock()
        self._closed = False
        self.workers: list[_Worker] = []
        try:
            for i in range(processes):
                ours, theirs = socket.socketpair()
                proc = ctx.Process(target=worker_main, args=(theirs, build_args), daemon=True,
                                   name=f"govreview-worker-{i}")
                proc.start()
                theirs.close()
                self.workers.append(_Worker(proc, ours))
            self.versions = {self._hello(w, start_timeout) for w in self.workers}
        except BaseException:
            self.shutdown()
            raise

    @staticmethod
    def _hello(w: _Worker, timeout: float) -> str:
        w.sock.settimeout(timeout)
        try:
            msg = _read_frame_blocking(w.sock.makefile("rb"))
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            raise RuntimeError(f"worker {w.proc.name} did not start: {type(exc).__name__}") from None
        finally:
            w.sock.settimeout(None)
        if msg is None:
            raise RuntimeError(f"worker {w.proc.name} exited while starting (exit code {w.proc.exitcode})")
        kind, value = msg
        if kind != "hello":
            raise RuntimeError(f"worker {w.proc.name} failed to build its reviewer: {value}")
        return value

    @property
    def alive(self) -> int:
        return sum(1 for w in self.workers if w.alive)

    async def _attach(self) -> None:
        """Wrap the sockets in asyncio streams on the serving loop (once)."""
        async with self._attach_lock:
            if self._loop is not None:
                return
            for w in self.workers:
                reader, writer = await asyncio.open_connection(sock=w.sock, limit=2**20)
                w.writer = writer
                w.reader_task = asyncio.create_task(self._read_answers(w, reader))
            self._loop = asyncio.get_running_loop()

    async def _read_answers(self, w: _Worker, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                head = await reader.readexactly(_HEADER.size)
                rid, ok, value = pickle.loads(await reader.readexactly(_HEADER.unpack(head)[0]))
                fut = w.waiting.pop(rid, None)
                if fut is None or fut.done():  # its caller timed out
                    continue
                if ok:
                    fut.set_result(value)
                else:
                    fut.set_exception(value)
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            pass
        finally:
            w.alive = False
            for fut in w.waiting.values():
                if not fut.done():
                    fut.set_exception(WorkerDied(f"{w.proc.name} exited (code {w.proc.exitcode}) during a review"))
            w.waiting.clear()

    async def run(self, func: Callable[..., Any], *args: Any) -> Any:
        """``func(reviewer, *args)`` in the least busy live worker; its exception is raised here."""
        if self._loop is None:
            await self._attach()
        live = [w for w in self.workers if w.alive]
        if self._closed or not live:
            raise NoWorker("no worker process is running; reload to start new ones")
        w = min(live, key=lambda x: x.inflight)
        rid = next(self._ids)
        fut = asyncio.get_running_loop().create_future()
        w.waiting[rid] = fut
        w.inflight += 1
        try:
            assert w.writer is not None
            w.writer.write(_frame((rid, func, args)))
            return await fut
        finally:
            w.inflight -= 1
            w.waiting.pop(rid, None)

    def shutdown(self, wait: bool = False, cancel_futures: bool = True) -> None:
        """Close every worker's socket (the worker exits at EOF); safe from any thread, more than once.

        ``cancel_futures`` is accepted for the ProcessPoolExecutor call shape; calls in flight fail
        with :class:`WorkerDied` either way.
        """
        self._closed = True
        loop = self._loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if loop is None or loop.is_closed() or not loop.is_running():
            self._close_sockets()
        elif running is loop:
            self._close_streams()
        else:
            loop.call_soon_threadsafe(self._close_streams)
        if wait:
            for w in self.workers:
                w.proc.join(timeout=10)
                if w.proc.is_alive():
                    w.proc.terminate()

    def _close_streams(self) -> None:
        for w in self.workers:
            if w.writer is not None:
                w.writer.close()
            else:
                w.sock.close()

    def _close_sockets(self) -> None:
        for w in self.workers:
            w.sock.close()
