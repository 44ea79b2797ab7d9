"""CPU time per request of the mix's twelve reads (``mix.py``), in this process: the ASGI app
called directly on a SQLite file store, no sockets, best of several rounds. On a machine shared
with other work this is the figure that stays put while requests per second wander.

    python bench/mix_inproc.py [--rounds 7] [--calls 400] [--only /phone/numbers]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import mix
from inproc import asgi_call, asgi_sender
from scenario import authorize
from servers import bare_app, zemu_app


def cost(
    loop: asyncio.AbstractEventLoop, app: Any, path: str, headers: dict[str, str], calls: int, rounds: int
) -> float:
    """CPU microseconds per request, the best of ``rounds`` runs of ``calls`` back-to-back
    requests after one that warms the caches (each must answer 200)."""

    async def batch() -> float:
        started = time.process_time()
        for _ in range(calls):
            status, body = await asgi_call(app, "GET", path, headers, None)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}: {body[:120]!r}")
        return (time.process_time() - started) / calls * 1e6

    loop.run_until_complete(batch())
    return min(loop.run_until_complete(batch()) for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=400)
    parser.add_argument("--only", default="", help="only the reads whose path holds this text")
    args = parser.parse_args()
    loop = asyncio.new_event_loop()
    with tempfile.TemporaryDirectory(prefix="zemu-bench-") as scratch:
        app = zemu_app(port=9, db=str(Path(scratch) / "zemu.db"))
        send = asgi_sender(app, loop)
        headers = authorize(send).headers
        notes: list[str] = []
        paths = [p for p in mix.reads(send, headers, notes) if args.only in p]
        bare = cost(loop, bare_app(), "/", {}, args.calls, args.rounds)
        print(f"bare Starlette endpoint: {bare:.1f} us per request")
        costs = {path: cost(loop, app, path, headers, args.calls, args.rounds) for path in paths}
    loop.close()
    for path, us in costs.items():
        print(f"  {path.removeprefix('/v2'):<50} {us:7.1f} us")
    for note in notes:
        print(f"  note: {note}")
    if costs:
        print(f"  median {statistics.median(costs.values()):.1f} us")


if __name__ == "__main__":
    main()
