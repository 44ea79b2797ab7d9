"""What a dashboard page costs, as a browser sees it: real HTTP against an in-process server.

    python bench/dashboard.py [--rounds 20] [--db :memory:]

The demo account (its week of phone history) plus a few recorded calls and fifty logged
requests; each page is fetched ``--rounds`` times after one warm-up (templates compiled) and its
median and slowest times are printed next to ``/zemu/health`` (the server's bare round trip, the
baseline) as a ratio. Goal: every page under 200 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import httpx

from zemu.testing import ZemuServer, zemu_server

PAGES = (
    "/",
    "/ui/phone",
    "/ui/phone/history",
    "/ui/phone/live",
    "/ui/deliveries",
    "/ui/requests",
    "/ui/controls",
)
BASELINE = "/zemu/health"
GOAL_MS = 200.0


def timings(client: httpx.Client, path: str, rounds: int) -> list[float]:
    client.get(path).raise_for_status()  # warm-up: templates compiled, caches filled
    took = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        took.append((time.perf_counter() - started) * 1000)
    return took


def fill(server: ZemuServer) -> None:
    """Some of everything the pages show: recorded calls, deliveries' events and logged requests."""
    for number in range(3):
        body = {"from": "1001", "to": "1002", "record": True, "ring_seconds": 1, "talk_seconds": 5 + number}
        server.control.post("/zemu/phone/calls", json=body).raise_for_status()
    server.advance(60)
    for _ in range(50):
        server.api.get("/users", params={"page_size": 5})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", default=":memory:")
    args = parser.parse_args()
    with zemu_server(db=args.db) as server:
        fill(server)
        base = statistics.median(timings(server.control, BASELINE, args.rounds))
        print(f"{'page':<22} {'median ms':>10} {'slowest ms':>11} {'× health':>9}")
        print(f"{BASELINE:<22} {base:>10.1f} {'':>11} {1.0:>9.1f}")
        worst = 0.0
        for path in PAGES:
            took = timings(server.control, path, args.rounds)
            median = statistics.median(took)
            worst = max(worst, median)
            print(f"{path:<22} {median:>10.1f} {max(took):>11.1f} {median / base:>9.1f}")
    verdict = "met" if worst < GOAL_MS else "MISSED"
    print(f"slowest page's median {worst:.1f} ms; goal under {GOAL_MS:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
