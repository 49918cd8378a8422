"""Bounded load test of `govreview serve` over loopback (127.0.0.1 only).

Starts the service as a subprocess (its own interpreter, as in production),
then drives it from this process with a minimal keep-alive HTTP/1.1 client on
asyncio streams (an HTTP library's own overhead would be measured as the
server's on a 2-core machine). Reports, for a 10 KB draft (10 000 bytes of
UTF-8 text, about 3 400 Chinese characters):

* p50/p99 latency and throughput at 1, 10 and 50 concurrent clients, with the
  ratio of the service's p50 to the in-process library review of the same
  draft, measured in this run (the reference);
* /healthz latency while 10 clients keep the review pool busy (is the event
  loop responsive?);
* server RSS before and after 10^4 requests, sampled every 1 000 (growth trend);
* the same latency table with reviews in worker processes (`--processes 2`);
* CPU per request: the ASGI app called in-process (no sockets) with and without
  the /v1/review fast path, next to the library's ``review_one`` alone; and the
  server's CPU over real HTTP (from /proc, workers included) for /healthz, a
  tiny review and the 10 KB draft, in both modes.

Usage: .venv/bin/python benchmarks/service.py [--quick] [--draft spam|official]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "002_yunnan_2015_gov_site_content.txt"


def official_10kb() -> str:
    """The typical CMS draft: official prose only (the Yunnan seed document), cut to 10 000 UTF-8 bytes."""
    base = SEED.read_text(encoding="utf-8") if SEED.exists() else "各地各部门要进一步提高认识，加强政府网站信息内容建设管理。\n" * 50
    text = base
    while len(text.encode()) < 10_000:
        text += base
    return text.encode()[:10_000].decode("utf-8", errors="ignore")


def draft_10kb() -> str:
    """The stress case: official prose with a gambling-spam line every 1,500 characters (14 findings),
    cut to 10 000 UTF-8 bytes. Each finding costs a review about as much as 250 clean characters."""
    base = SEED.read_text(encoding="utf-8") if SEED.exists() else "各地各部门要进一步提高认识，加强政府网站信息内容建设管理。\n" * 50
    spam = "\n澳*门*博*彩，百家樂在线，ＢＥＴ。\n"
    text = ""
    while len(text.encode()) < 10_000:
        text += base[:1500] + spam
    raw = text.encode()[:10_000]
    return raw.decode("utf-8", errors="ignore")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_kib(pid: int) -> int:
    """RSS of the server and its worker processes (if any)."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(x) for x in children.read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def start_server(port: int, processes: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "govreview.cli", "serve", "--host", HOST, "--port", str(port), "--log-level", "info",
           "--processes", str(processes)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/readyz", timeout=1) as r:
                if json.load(r)["status"] == "ready":
                    return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("server did not start")


class Conn:
    """One keep-alive HTTP/1.1 connection; enough of the protocol for our own server's replies."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> Conn:
        return cls(*await asyncio.open_connection(HOST, port))

    async def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, bytes]:
        head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        self.writer.write(head.encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            k, _, v = line.decode().partition(":")
            if k.lower() == "content-length":
                length = int(v)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def load(port: int, body: bytes, clients: int, total: int, *, probe_health: bool = False,
               on_progress=None) -> dict:
    conns = [await Conn.open(port) for _ in range(clients)]
    lat: list[float] = []
    health: list[float] = []
    errors = 0
    done = 0
    stop = asyncio.Event()

    async def worker(c: Conn) -> None:
        nonlocal errors, done
        while done < total:
            done += 1
            t0 = time.perf_counter()
            status, _ = await c.request("POST", "/v1/review", body)
            lat.append(time.perf_counter() - t0)
            if status != 200:
                errors += 1
            if on_progress is not None:
                on_progress(len(lat))

    async def prober() -> None:
        c = await Conn.open(port)
        while not stop.is_set():
            t0 = time.perf_counter()
            await c.request("GET", "/healthz")
            health.append(time.perf_counter() - t0)
            await asyncio.sleep(0.05)
        c.close()

    probe = asyncio.create_task(prober()) if probe_health else None
    t0 = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in conns))
    wall = time.perf_counter() - t0
    stop.set()
    if probe is not None:
        await probe
    for c in conns:
        c.close()
    return {"n": len(lat), "errors": errors, "p50": pct(lat, 50) * 1000, "p99": pct(lat, 99) * 1000,
            "rps": len(lat) / wall, "health_p50": pct(health, 50) * 1000 if health else None,
            "health_p99": pct(health, 99) * 1000 if health else None}


def library_reference(text: str, n: int) -> float:
    sys.path.insert(0, str(ROOT / "src"))
    from govreview import Document, Reviewer

    r = Reviewer()
    for _ in range(20):
        r.review(Document(text=text))
    ts = []
    for _ in range(n):
        t0 = time.perf_counter()
        r.review(Document(text=text)).to_json()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1000


def proc_cpu_seconds(pid: int) -> float:
    """CPU of a process, all its threads and its children (worker processes), from /proc."""
    total = 0.0
    tck = os.sysconf("SC_CLK_TCK")
    for t in os.listdir(f"/proc/{pid}/task"):
        fields = Path(f"/proc/{pid}/task/{t}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tck
        for child in Path(f"/proc/{pid}/task/{t}/children").read_text().split():
            total += proc_cpu_seconds(int(child))
    return total


def server_cpu(port: int, pid: int, body: bytes, n: int) -> dict[str, float]:
    """Server CPU ms per request, sequential requests on one connection."""

    async def seq(method: str, path: str, payload: bytes) -> None:
        c = await Conn.open(port)
        for _ in range(n):
            await c.request(method, path, payload)
        c.close()

    out = {}
    for label, method, path, payload in (("/healthz", "GET", "/healthz", b""),
                                         ("tiny review", "POST", "/v1/review", b'{"text":"hi"}'),
                                         ("10 KB review", "POST", "/v1/review", body)):
        c0 = proc_cpu_seconds(pid)
        asyncio.run(seq(method, path, payload))
        out[label] = (proc_cpu_seconds(pid) - c0) / n * 1000
    return out


def asgi_cpu(text: str, n: int, rounds: int) -> dict[str, float]:
    """CPU ms per /v1/review of the draft through the ASGI app in-process (best of rounds), and review_one alone."""
    sys.path.insert(0, str(ROOT / "src"))
    from govreview import Document
    from govreview.service import ServiceSettings, create_app
    from govreview.service.work import review_one

    body = json.dumps({"text": text, "id": "bench"}, ensure_ascii=False).encode()
    settings = ServiceSettings(threads=2)
    apps = {"app, fast path": create_app(settings, build_in_background=False),
            "app, FastAPI route": create_app(settings, build_in_background=False, fast_path=False)}
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/v1/review", "raw_path": b"/v1/review", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"bench"), (b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode())],
             "client": (HOST, 1), "server": (HOST, 2)}

    async def call(app) -> None:
        sent = False

        async def receive() -> dict:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            await asyncio.sleep(3600)
            return {}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start" and message["status"] != 200:
                raise SystemExit(f"bench request failed: {message['status']}")

        await app(dict(scope), receive, send)

    async def main() -> dict[str, float]:
        best = {k: float("inf") for k in [*apps, "library review_one"]}
        contexts = [app.router.lifespan_context(app) for app in apps.values()]
        for ctx in contexts:
            await ctx.__aenter__()
        try:
            reviewer = next(iter(apps.values())).state.holder.current.reviewer
            for app in apps.values():
                for _ in range(30):
                    await call(app)
            for _ in range(rounds):
                for name, app in apps.items():
                    t0 = time.process_time()
                    for _ in range(n):
                        await call(app)
                    best[name] = min(best[name], (time.process_time() - t0) / n * 1000)
                t0 = time.process_time()
                for _ in range(n):
                    review_one(reviewer, Document(id="bench", text=text), None, False)
                best["library review_one"] = min(best["library review_one"], (time.process_time() - t0) / n * 1000)
        finally:
            for ctx in contexts:
                await ctx.__aexit__(None, None, None)
        return best

    return asyncio.run(main())


def run_mode(processes: int, body: bytes, ref: float, per_level: dict[int, int], mem_total: int,
             cpu_requests: int) -> None:
    port = free_port()
    proc = start_server(port, processes)
    try:
        asyncio.run(load(port, body, 4, 100))  # warm-up (every worker)
        mode = f"{processes} worker processes" if processes else f"threads in one process (cores={os.cpu_count()})"
        print(f"\n## reviews in {mode}")
        print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7} "
              f"{'p50/ref':>7} {'healthz p50/p99 ms':>19}")
        for clients, n in per_level.items():
            res = asyncio.run(load(port, body, clients, n, probe_health=(clients == 10)))
            hz = f"{res['health_p50']:.2f}/{res['health_p99']:.2f}" if res["health_p50"] is not None else "-"
            print(f"{clients:>7} {res['n']:>8} {res['errors']:>6} {res['p50']:>8.2f} {res['p99']:>8.2f} "
                  f"{res['rps']:>7.1f} {res['p50'] / ref:>7.2f} {hz:>19}")
        cpu = server_cpu(port, proc.pid, body, cpu_requests)
        print(f"server CPU per request over HTTP ({cpu_requests} sequential; /proc, workers included): "
              + ", ".join(f"{k} {v:.2f} ms" for k, v in cpu.items()) + f"; 10 KB / reference = {cpu['10 KB review'] / ref:.2f}")
        if not mem_total:
            return
        samples = [(0, rss_kib(proc.pid))]

        def progress(k: int) -> None:
            if k % 1000 == 0:
                samples.append((k, rss_kib(proc.pid)))

        res = asyncio.run(load(port, body, 10, mem_total, on_progress=progress))
        print(f"\nmemory over {res['n']} requests at 10 clients ({res['errors']} errors), server RSS MiB (workers included):")
        print("  " + "  ".join(f"{k}:{v / 1024:.1f}" for k, v in samples))
        first_half = [v for k, v in samples if 0 < k <= mem_total // 2]
        second_half = [v for k, v in samples if k > mem_total // 2]
        if first_half and second_half:
            print(f"  before {samples[0][1] / 1024:.1f} MiB, after {samples[-1][1] / 1024:.1f} MiB; mean of 2nd half "
                  f"- mean of 1st half = {(statistics.mean(second_half) - statistics.mean(first_half)) / 1024:+.2f} MiB")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer requests (a smoke run, not for the README)")
    ap.add_argument("--processes", type=int, default=2, help="worker processes for the second mode (0: skip it)")
    ap.add_argument("--draft", choices=("spam", "official"), default="spam",
                    help="spam: official prose with a spam line every 1,500 characters (the stress case, default); "
                         "official: official prose only (what editors' drafts are)")
    args = ap.parse_args()
    per_level = {1: 300, 10: 1500, 50: 2000}
    mem_total = 10_000
    if args.quick:
        per_level = {1: 50, 10: 200, 50: 200}
        mem_total = 1000
    text = draft_10kb() if args.draft == "spam" else official_10kb()
    body = json.dumps({"text": text, "id": "bench"}, ensure_ascii=False).encode()
    ref = library_reference(text, 100 if not args.quick else 20)
    print(f"draft ({args.draft}): {len(text.encode())} bytes UTF-8, {len(text)} chars; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"reference: in-process Reviewer.review + to_json p50 = {ref:.2f} ms")
    cpu_requests = 100 if args.quick else 400
    asgi = asgi_cpu(text, 50 if args.quick else 200, 2 if args.quick else 3)
    print("\n## CPU per 10 KB /v1/review, ASGI app in-process (no sockets; best of rounds)")
    lib = asgi["library review_one"]
    for name, ms in asgi.items():
        print(f"  {name:<20} {ms:6.2f} ms  overhead over review_one {ms - lib:+.2f} ms  ({ms / lib:.2f}×)")
    run_mode(0, body, ref, per_level, mem_total, cpu_requests)
    if args.processes:
        run_mode(args.processes, body, ref, per_level, 0, cpu_requests)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
