"""At least once: SIGKILL ``zemu serve`` while deliveries are pending (retries scheduled, and
attempts in flight), start it again on the same database, and every delivery arrives."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from webhook_receivers import Receiver, change_settings

EVENT = "account.settings_updated"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(db: Path, port: int, webhook: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "zemu.cli", "serve", "--db", str(db), "--port", str(port), "--webhook", webhook],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/zemu/health", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("zemu serve did not start")


def _api(base: str) -> httpx.Client:
    creds = httpx.get(f"{base}/zemu/credentials").json()
    token = httpx.post(
        f"{base}/oauth/token",
        params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
        auth=(creds["client_id"], creds["client_secret"]),
    ).json()["access_token"]
    return httpx.Client(base_url=f"{base}/v2", headers={"authorization": f"Bearer {token}"}, timeout=30)


def test_every_due_delivery_arrives_after_the_server_is_killed_and_restarted(tmp_path: Path) -> None:
    receiver = Receiver()
    # three first attempts fail (retries pending), the next two hang until the server is killed
    receiver.script = [(500, b"", 0.0)] * 3 + [(200, b"", 2.0)] * 2
    db, port = tmp_path / "zemu.db", _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(db, port, receiver.url)
    try:
        api = _api(base)
        for value in (True, False, True):
            change_settings(api, value)
        receiver.wait_for(3)
        for value in (False, True):
            change_settings(api, value)
        receiver.wait_for(5)  # two attempts in flight now
        server.send_signal(signal.SIGKILL)
        server.wait()
        ids_before = {r.headers["x-zm-request-id"] for r in receiver.deliveries()}
        assert len(ids_before) == 5

        server = _serve(db, port, receiver.url)
        subs = httpx.get(f"{base}/zemu/subscriptions").json()["subscriptions"]
        assert len(subs) == 1 and subs[0]["source"] == "cli"  # the --webhook subscription was reused
        httpx.post(f"{base}/zemu/clock/advance", json={"seconds": 301}, timeout=60).raise_for_status()
        # the retries were due: they arrived before the advance answered
        deadline = time.monotonic() + 20  # the in-flight two come back once their lease lapses
        while time.monotonic() < deadline:
            logged = httpx.get(f"{base}/zemu/deliveries").json()["deliveries"]
            if len(logged) == 5 and all(d["status"] == "delivered" for d in logged):
                break
            time.sleep(0.1)
        assert {d["id"] for d in logged} == ids_before
        assert all(d["status"] == "delivered" for d in logged), [(d["status"], d["attempt_count"]) for d in logged]
        arrived_after = [r.headers["x-zm-request-id"] for r in receiver.deliveries()[5:]]
        assert set(arrived_after) == ids_before
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        receiver.close()
