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
worker that dies fails only the call it was running (a clear error, not a
hung request); the calls queued behind it move to another worker. It leaves
the rotation; the rest keep serving, and ``alive`` says how many remain
(``/readyz`` reports it). The next reload starts a full pool.

Timeouts. Each call carries its deadline. A worker skips a call whose
deadline passed while it waited in the queue, so an abandoned call costs it
nothing; a call still running at its deadline gets the worker killed and
replaced by a fresh one (the pool recovers instead of working through
abandoned calls while new ones time out behind them). ``load`` counts the
calls a worker really has to do — answered or skipped calls leave it, a
caller that stopped waiting does not — and is what routing and the server's
``max_pending`` use. Exited workers are reaped (no zombies).

Start-up is synchronous (the reload thread waits for every worker's hello
with the lexicon version it built, so a pool is complete before it is
swapped in); the asyncio side attaches on the first call, on the serving
loop.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import multiprocessing
import pickle
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger("govreview.service")
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
        rid, func, args, deadline = call
        if time.monotonic() >= deadline:  # its caller has given up: do not start it
            out: tuple[int, bool, Any] = (rid, False, CallExpired())
        else:
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


class CallTimeout(TimeoutError):
    """The call was not answered before its deadline."""


class CallExpired(Exception):
    """A worker's answer for a call whose deadline had passed before the worker got to it (not started)."""


class _Call:
    __slots__ = ("rid", "frame", "fut", "deadline", "timer", "worker", "counted")

    def __init__(self, rid: int, frame: bytes, fut: asyncio.Future[Any], deadline: float):
        self.rid = rid
        self.frame = frame
        self.fut = fut
        self.deadline = deadline  # time.monotonic(), the clock the worker compares with
        self.timer: asyncio.TimerHandle | None = None
        self.worker: _Worker | None = None
        self.counted = True  # in its worker's load: not yet answered, and not expired in the queue


class _Worker:
    def __init__(self, index: int, proc: multiprocessing.process.BaseProcess, sock: socket.socket):
        self.index = index
        self.proc = proc
        self.sock = sock
        self.alive = True
        self.calls: dict[int, _Call] = {}  # sent and not answered, in the order the worker takes them
        self.load = 0  # calls the worker still has to work on (queued ones past their deadline are skipped)
        self.replace = False  # killed by the pool for running past a deadline: start a new one in its place
        self.writer: asyncio.StreamWriter | None = None
        self.reader_task: asyncio.Task[None] | None = None

    @property
    def inflight(self) -> int:
        return self.load


class WorkerPool:
    """``processes`` worker processes, each with a Reviewer built from ``build_args``."""

    def __init__(self, processes: int, build_args: dict[str, Any], *, start_timeout: float = 120.0):
        self._ctx = multiprocessing.get_context("spawn")  # not fork: the server has threads (uvicorn, the review pool)
        self._build_args = build_args
        self._start_timeout = start_timeout
        self._ids = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._attach_lock = asyncio.Lock()
        self._closed = False
        self._retire_handle: asyncio.TimerHandle | None = None
        self._retiring = False
        self.restarting = 0  # replacements being started
        self.replaced = 0  # workers killed for running past a deadline (and replaced)
        self.skipped = 0  # calls a worker did not start because their deadline had passed
        self.workers: list[_Worker] = []
        try:
            for i in range(processes):
                self.workers.append(self._spawn(i))
            self.versions = {self._hello(w, start_timeout) for w in self.workers}
        except BaseException:
            self.shutdown()
            raise

    def _spawn(self, index: int) -> _Worker:
        ours, theirs = socket.socketpair()
        proc = self._ctx.Process(target=worker_main, args=(theirs, dict(self._build_args)), daemon=True,
                                 name=f"govreview-worker-{index}")
        proc.start()
        theirs.close()
        return _Worker(index, proc, ours)

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

    @property
    def load(self) -> int:
        """Calls the live workers still have to work on (what ``max_pending`` bounds)."""
        return sum(w.load for w in self.workers if w.alive)

    @property
    def outstanding(self) -> int:
        """Calls sent and not yet answered, skipped or failed (a retired pool waits for none to be left)."""
        return sum(len(w.calls) for w in self.workers)

    async def _attach(self) -> None:
        """Wrap the sockets in asyncio streams on the serving loop (once)."""
        async with self._attach_lock:
            if self._loop is not None:
                return
            for w in self.workers:
                await self._connect(w)
            self._loop = asyncio.get_running_loop()

    async def _connect(self, w: _Worker) -> None:
        reader, writer = await asyncio.open_connection(sock=w.sock, limit=2**20)
        w.writer = writer
        w.reader_task = asyncio.create_task(self._read_answers(w, reader))

    async def _read_answers(self, w: _Worker, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                head = await reader.readexactly(_HEADER.size)
                rid, ok, value = pickle.loads(await reader.readexactly(_HEADER.unpack(head)[0]))
                call = w.calls.pop(rid, None)
                if call is None:
                    continue
                self._settled(w, call)
                if not ok and isinstance(value, CallExpired):
                    self.skipped += 1
                    value = CallTimeout("the call's deadline passed before a worker started it")
                if not call.fut.done():  # done: its caller timed out
                    if ok:
                        call.fut.set_result(value)
                    else:
                        call.fut.set_exception(value)
                if self._retiring and not self._closed and not self.outstanding:
                    self.shutdown()
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            pass
        finally:
            self._gone(w)

    @staticmethod
    def _settled(w: _Worker, call: _Call) -> None:
        if call.timer is not None:
            call.timer.cancel()
            call.timer = None  # a call moved to another worker gets a new one, for the rest of its time
        if call.counted:
            call.counted = False
            w.load -= 1

    def _gone(self, w: _Worker) -> None:
        """``w``'s process exited or its socket closed: fail the call it was running, move the queued ones."""
        w.alive = False
        calls = list(w.calls.values())
        w.calls.clear()
        for i, call in enumerate(calls):
            self._settled(w, call)
            if call.fut.done():
                continue
            target = None if (i == 0 or self._closed) else self._least_busy()
            if target is not None:  # never started: it can run elsewhere, with its own deadline
                self._send(target, call)
            elif w.replace and i == 0:
                call.fut.set_exception(CallTimeout("the call ran past its deadline; its worker was replaced"))
            else:
                call.fut.set_exception(WorkerDied(f"{w.proc.name} exited (code {w.proc.exitcode}) during a review"))
        self._reap(w.proc)
        if w.replace:
            if self._closed:
                self.restarting -= 1
            else:
                self._restart(w.index)
        if self._retiring and not self._closed and not self.outstanding:
            self.shutdown()

    def _reap(self, proc: multiprocessing.process.BaseProcess, delay: float = 0.05) -> None:
        """Collect the exit status of an exited worker (``is_alive`` waits without blocking) so no zombie stays."""
        if proc.is_alive() and delay < 30 and self._loop is not None and not self._loop.is_closed():
            self._loop.call_later(delay, self._reap, proc, delay * 2)

    def _least_busy(self) -> _Worker | None:
        live = [w for w in self.workers if w.alive and w.writer is not None]
        return min(live, key=lambda x: x.load) if live else None

    def _send(self, w: _Worker, call: _Call) -> None:
        assert w.writer is not None and self._loop is not None
        call.worker = w
        call.counted = True
        w.calls[call.rid] = call
        w.load += 1
        if call.timer is None:
            call.timer = self._loop.call_at(self._loop.time() + max(0.0, call.deadline - time.monotonic()),
                                            self._expire, call)
        w.writer.write(call.frame)

    def _expire(self, call: _Call) -> None:
        """The call's deadline: its caller gets the timeout; a worker still running it is killed and replaced."""
        call.timer = None
        if not call.fut.done():
            call.fut.set_exception(CallTimeout("no answer within the call's deadline"))
        w = call.worker
        if w is None or w.calls.get(call.rid) is not call:  # answered meanwhile
            return
        if next(iter(w.calls)) == call.rid and w.alive:  # running (the worker takes calls in order): stop it
            self.replaced += 1
            self.restarting += 1  # counted from now: /readyz and refusals say "restarting", not "failed"
            w.replace = True
            w.alive = False
            # the killed worker will not work on it: it leaves the load now, not when the reader sees the socket
            # close (a later loop iteration — a caller resuming first saw the call still counted)
            self._settled(w, call)
            try:
                w.proc.kill()
            except (OSError, ValueError):
                pass
            if w.writer is not None:
                w.writer.close()  # the reader sees the end and calls _gone
        elif call.counted:  # queued: the worker will skip it without starting it
            call.counted = False
            w.load -= 1

    def _restart(self, index: int) -> None:
        """Start a new worker in slot ``index``, off the loop (spawning and building a Reviewer takes seconds)."""
        loop = self._loop
        assert loop is not None
        expected = set(self.versions)

        def start() -> None:
            w: _Worker | None = None
            try:
                w = self._spawn(index)
                version = self._hello(w, self._start_timeout)
                if {version} != expected:
                    raise RuntimeError(f"replacement built lexicon version {version}, the pool serves {sorted(expected)}")
                result: _Worker | BaseException = w
            except BaseException as exc:
                if w is not None:
                    w.sock.close()
                result = exc
            try:
                loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._adopt(index, result)))
            except RuntimeError:  # the loop has closed: the server is gone
                if isinstance(result, _Worker):
                    result.sock.close()

        threading.Thread(target=start, daemon=True, name=f"govreview-worker-{index}-restart").start()

    async def _adopt(self, index: int, result: _Worker | BaseException) -> None:
        self.restarting -= 1
        if isinstance(result, BaseException):
            log.error("worker %d could not be replaced: %s", index, type(result).__name__)
            return
        if self._closed:
            result.sock.close()
            self._reap(result.proc)
            return
        await self._connect(result)
        self.workers[index] = result
        log.info("worker %d replaced (pid %d)", index, result.proc.pid)

    async def run(self, func: Callable[..., Any], *args: Any, timeout: float = 3600.0) -> Any:
        """``func(reviewer, *args)`` in the least busy live worker; its exception is raised here.

        Raises :class:`CallTimeout` (a ``TimeoutError``) when it is not answered within ``timeout`` seconds,
        :class:`WorkerDied` when the worker exited under it, :class:`NoWorker` when no worker is running.
        """
        if self._loop is None:
            await self._attach()
        w = None if self._closed else self._least_busy()
        if w is None:
            raise NoWorker("no worker process is running; reload to start new ones")
        rid = next(self._ids)
        deadline = time.monotonic() + timeout
        call = _Call(rid, _frame((rid, func, args, deadline)), asyncio.get_running_loop().create_future(), deadline)
        self._send(w, call)
        return await call.fut

    def retire(self, max_wait: float) -> None:
        """Shut down once every call in flight is answered (new generation serving), at the latest after
        ``max_wait`` seconds; safe from any thread."""
        loop = self._loop
        if loop is None or loop.is_closed() or not loop.is_running():
            self.shutdown()  # never served from a loop: nothing in flight
            return
        try:
            loop.call_soon_threadsafe(self._retire, max_wait)
        except RuntimeError:  # the loop closed meanwhile
            self.shutdown()

    def _retire(self, max_wait: float) -> None:
        self._retiring = True
        if not self.outstanding:
            self.shutdown()
        else:
            assert self._loop is not None
            self._retire_handle = self._loop.call_later(max_wait, self.shutdown, False, True, True)

    def shutdown(self, wait: bool = False, cancel_futures: bool = True, kill: bool = False) -> None:
        """Close every worker's socket (the worker exits at EOF); safe from any thread, more than once.

        ``cancel_futures`` is accepted for the ProcessPoolExecutor call shape; calls in flight fail
        with :class:`WorkerDied` either way. ``kill`` also kills the processes (still busy past any deadline).
        """
        self._closed = True
        if self._retire_handle is not None:
            self._retire_handle.cancel()
        loop = self._loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if kill:
            for w in self.workers:
                try:
                    w.proc.kill()
                except (OSError, ValueError, AttributeError):
                    pass
        if loop is None or loop.is_closed() or not loop.is_running():
            self._close_sockets()
            if not wait:  # no loop to reap them from: a thread waits for them (no zombies)
                threading.Thread(target=self._join, daemon=True, name="govreview-worker-reaper").start()
        elif running is loop:
            self._close_streams()
        else:
            try:
                loop.call_soon_threadsafe(self._close_streams)
            except RuntimeError:
                self._close_sockets()
        if wait:
            for w in self.workers:
                w.proc.join(timeout=10)
                if w.proc.is_alive():
                    w.proc.terminate()

    def _join(self) -> None:
        for w in list(self.workers):
            w.proc.join(timeout=60)

    def _close_streams(self) -> None:
        for w in self.workers:
            if w.writer is not None:
                w.writer.close()
            else:
                w.sock.close()

    def _close_sockets(self) -> None:
        for w in self.workers:
            w.sock.close()
