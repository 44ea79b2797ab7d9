"""Webhook delivery benchmark: signed deliveries per second, and commit-to-delivery latency.

    python bench/deliveries.py [--events 20000] [--rate 500] [--seconds 5] [--clients aiohttp,httpx]

zemu's delivery worker runs in this process on one event loop (one core), against a SQLite
store in a temporary directory; the receiver is a separate process (a minimal asyncio HTTP/1.1
server that checks every signature), so the two do not share a core's time.

1. Throughput: ``--events`` events are committed to the outbox at once, then the worker is
   started; deliveries per second = events / time until the last one is recorded as delivered.
2. Latency: events are committed one transaction each at ``--rate`` per second for
   ``--seconds``; latency = the receiver's arrival time minus the commit time (both on the
   system's monotonic clock), p50 and p99.

Each is run once per HTTP client, side by side: ``aiohttp`` (the worker's own client, one
``ClientSession`` for its life) and ``httpx`` (httpx's pool, one client for the worker's life,
its limits raised to the worker's concurrency, injected as the worker's transport). Before the
worker runs, each client's bare rate is measured too: ``--raw`` signed POSTs, 64 at a time.
The figures, and those of the home-made HTTP/1.1 pool aiohttp replaced, are in the README's
library table.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

EVENT = "account.settings_updated"
MARK = re.compile(rb'"bench_n":(\d+)')


# the receiver (its own process) -----------------------------------------------------------------
class ReceiverProtocol(asyncio.Protocol):
    arrivals: dict[int, float] = {}
    bad_signatures = 0
    secret = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            head_end = self.buffer.find(b"\r\n\r\n")
            if head_end < 0:
                return
            head = self.buffer[:head_end].decode("latin-1")
            headers = {
                k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head.split("\r\n")[1:])
            }
            length = int(headers.get("content-length", 0))
            if len(self.buffer) < head_end + 4 + length:
                return
            body = self.buffer[head_end + 4 : head_end + 4 + length]
            self.buffer = self.buffer[head_end + 4 + length :]
            self.handle(head.split(" ", 2)[1], headers, body)

    def handle(self, path: str, headers: dict[str, str], body: bytes) -> None:
        if path == "/stats":
            payload = json.dumps(
                {"arrivals": ReceiverProtocol.arrivals, "bad_signatures": ReceiverProtocol.bad_signatures}
            ).encode()
            self.transport.write(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "  # type: ignore[attr-defined]
                + str(len(payload)).encode()
                + b"\r\n\r\n"
                + payload
            )
            return
        message = b"v0:" + headers.get("x-zm-request-timestamp", "").encode() + b":" + body
        expected = "v0=" + hmac.new(ReceiverProtocol.secret, message, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, headers.get("x-zm-signature", "")):
            ReceiverProtocol.bad_signatures += 1
        found = MARK.search(body)
        if found:
            ReceiverProtocol.arrivals.setdefault(int(found.group(1)), time.perf_counter())
        self.transport.write(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")  # type: ignore[attr-defined]


async def serve_receiver(port: int, secret: str) -> None:
    ReceiverProtocol.secret = secret.encode()
    server = await asyncio.get_running_loop().create_server(ReceiverProtocol, "127.0.0.1", port, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


# the clients compared --------------------------------------------------------------------------------
def transport_for(kind: str, connections: int) -> httpx.AsyncBaseTransport | None:
    """None: the worker's own client (aiohttp); ``httpx``: httpx's pool, injected as a transport."""
    if kind == "httpx":
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        return httpx.AsyncHTTPTransport(limits=limits)
    return None


async def raw_rate(kind: str, url: str, secret: str, count: int) -> float:
    """Signed POSTs per second through the client alone, 64 in flight."""
    from zemu.events.sender import client, post
    from zemu.events.signing import delivery_headers

    http = client(transport_for(kind, 256), 256)
    payload = b'{"event":"bench"}'
    headers = delivery_headers(secret, "1700000000", payload, request_id="r", tracking_id="t")
    pending = iter(range(count))

    async def lane() -> None:
        for _ in pending:
            sent = await post(http, url, payload, headers)
            if sent.status != 200:
                raise RuntimeError(f"{kind}: {sent.status} {sent.error}")

    started = time.perf_counter()
    await asyncio.gather(*(lane() for _ in range(64)))
    elapsed = time.perf_counter() - started
    await http.aclose()
    return count / elapsed


# the bench -----------------------------------------------------------------------------------------
def body(account_id: str, n: int, now_ms: int) -> dict[str, object]:
    return {
        "event": EVENT,
        "event_ts": now_ms,
        "payload": {
            "account_id": account_id,
            "operator": "owner@zemu-demo.example",
            "operator_id": "V1JoRpA7sT7eViQ56cG4Iw",
            "object": {"id": account_id, "settings": {"schedule_meeting": {"host_video": n % 2 == 0}}},
            "old_object": {"id": account_id, "settings": {"schedule_meeting": {"host_video": n % 2 == 1}}},
            "bench_n": n,
        },
    }


async def bench(events: int, rate: int, seconds: float, kind: str, raw: int) -> dict[str, float]:
    from zemu.config import Config
    from zemu.events import subscriptions
    from zemu.runtime import Runtime
    from zemu.services.apps import get_app
    from zemu.store.webhooks import DELIVERED, count_deliveries

    tmp = Path(tempfile.mkdtemp(prefix="zemu-bench-"))
    rt = Runtime(Config(db=str(tmp / "bench.db"), demo=True))
    with rt.store.transaction() as tx:
        app = get_app(tx, tx.meta("demo_app_id") or "")
        assert app is not None
    secret, account_id = app["webhook_secret_token"], app["account_id"]
    receiver = subprocess.Popen(
        [sys.executable, __file__, "--receiver", "0", secret], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(receiver.stdout.readline())  # type: ignore[union-attr]
        url = f"http://127.0.0.1:{port}/hook"
        with rt.store.transaction() as tx:
            subscriptions.save(
                tx,
                subscriptions.new_subscription(
                    subscriptions.new_id(rt.ids),
                    rt.now(),
                    app=app,
                    url=url,
                    events=[EVENT],
                    name="bench",
                    validate=False,
                ),
            )
        worker = rt.webhooks  # type: ignore[attr-defined]
        worker.transport = transport_for(kind, worker.concurrency)
        figures = {"raw": await raw_rate(kind, url, secret, raw)} if raw else {}

        # 1. throughput
        with rt.store.transaction() as tx:
            for n in range(events):
                tx.emit(account_id, EVENT, body(account_id, n, int(rt.now() * 1000)), int(rt.now() * 1000))
        task = asyncio.create_task(worker.run())
        started = time.perf_counter()
        while True:
            await asyncio.sleep(0.05)
            with rt.store.transaction(write=False) as tx:
                if count_deliveries(tx, DELIVERED) >= events:
                    break
        elapsed = time.perf_counter() - started
        figures["throughput"] = events / elapsed
        print(f"throughput: {events} signed deliveries in {elapsed:.2f} s = {events / elapsed:,.0f} deliveries/s")

        # 2. latency at a steady rate
        committed: dict[int, float] = {}
        total = int(rate * seconds)
        first = events
        loop_start = time.perf_counter()
        for i in range(total):
            n = first + i
            with rt.store.transaction() as tx:
                now_ms = int(rt.now() * 1000)
                tx.emit(account_id, EVENT, body(account_id, n, now_ms), now_ms)
            committed[n] = time.perf_counter()
            delay = loop_start + (i + 1) / rate - time.perf_counter()
            await asyncio.sleep(max(delay, 0))
        while True:
            await asyncio.sleep(0.05)
            with rt.store.transaction(write=False) as tx:
                if count_deliveries(tx, DELIVERED) >= events + total:
                    break
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        stats = httpx.get(f"http://127.0.0.1:{port}/stats", timeout=30).json()
        arrivals = {int(k): v for k, v in stats["arrivals"].items()}
        latencies = sorted((arrivals[n] - committed[n]) * 1000 for n in committed if n in arrivals)
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(
            f"latency at {rate}/s for {seconds:g} s ({len(latencies)} events): commit-to-delivery "
            f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1]:.1f} ms"
        )
        print(f"receiver: {len(arrivals)} distinct events, {stats['bad_signatures']} bad signatures")
        figures.update(p50=p50, p99=p99)
        return figures
    finally:
        receiver.kill()
        rt.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--receiver":
        asyncio.run(serve_receiver(int(sys.argv[2]), sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", default="aiohttp,httpx", help="HTTP clients to compare, in order")
    parser.add_argument("--raw", type=int, default=5000, help="POSTs for each client's bare rate (0: skip)")
    args = parser.parse_args()
    results = {}
    for kind in args.clients.split(","):
        print(f"== {kind}", flush=True)
        results[kind] = asyncio.run(bench(args.events, args.rate, args.seconds, kind, args.raw))
    print(f"\n{'client':<8} {'bare POST/s':>12} {'deliveries/s':>13} {'vs first':>8} {'p50 ms':>7} {'p99 ms':>7}")
    first = next(iter(results.values()))["throughput"]
    for kind, f in results.items():
        share = f"{f['throughput'] / first:.0%}"
        print(
            f"{kind:<8} {f.get('raw', 0):>12,.0f} {f['throughput']:>13,.0f} {share:>8} {f['p50']:>7.1f} "
            f"{f['p99']:>7.1f}"
        )


if __name__ == "__main__":
    main()
