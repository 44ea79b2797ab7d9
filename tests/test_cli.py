"""The zemu command as a user runs it: serve prints what PRODUCT.md promises, the rest talk to it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ZEMU = [sys.executable, "-m", "zemu.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[str]]]:
    workdir = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {**os.environ, "ZEMU_PORT": str(port)}
    process = subprocess.Popen([*ZEMU, "serve"], cwd=workdir, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/zemu/health").status_code == 200:
                break
        except httpx.TransportError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError(process.stdout.read() if process.stdout else "no output") from None
            time.sleep(0.1)
    process.terminate()
    output, _ = process.communicate(timeout=15)
    # start it again on the same database for the commands that talk to a running server
    process = subprocess.Popen([*ZEMU, "serve"], cwd=workdir, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while True:
        try:
            if httpx.get(f"{url}/zemu/health").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    yield url, workdir, output.splitlines()
    process.terminate()
    process.wait(timeout=15)


def run(args: list[str], workdir: Path, url: str) -> subprocess.CompletedProcess[str]:
    port = url.rsplit(":", 1)[1]
    return subprocess.run([*ZEMU, *args], cwd=workdir, env={**os.environ, "ZEMU_PORT": port},
                          capture_output=True, text=True, timeout=60)


def test_serve_prints_urls_and_credentials(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, lines = served
    text = "\n".join(lines)
    for label in ("API base URL", "OAuth URL", "account_id", "client_id", "client_secret",
                  "webhook secret token", "dashboard URL", "MCP URL"):
        assert label in text
    assert f"{url}/v2" in text and f"{url}/oauth/token" in text
    assert (workdir / ".zemu" / "zemu.db").exists()


def test_credentials_json_has_the_documented_keys_and_they_work(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, _ = served
    result = run(["credentials", "--json"], workdir, url)
    creds = json.loads(result.stdout)
    assert set(creds) == {"api_base_url", "oauth_url", "account_id", "client_id", "client_secret",
                          "webhook_secret_token", "dashboard_url", "mcp_url"}
    token = httpx.post(creds["oauth_url"], params={"grant_type": "account_credentials",
                                                   "account_id": creds["account_id"]},
                       auth=(creds["client_id"], creds["client_secret"])).json()["access_token"]
    answer = httpx.get(f"{creds['api_base_url']}/accounts/me/settings", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200


def test_restart_on_the_same_database_keeps_the_account(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, lines = served
    first_account = next(line.split()[-1] for line in lines if line.strip().startswith("account_id"))
    assert httpx.get(f"{url}/zemu/credentials").json()["account_id"] == first_account


def test_clock_advance_and_read(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, _ = served
    before = run(["clock"], workdir, url).stdout.split()[0]
    after = run(["clock", "advance", "2h"], workdir, url).stdout.split()[0]
    assert after > before
    assert run(["clock", "advance", "soon"], workdir, url).returncode != 0


def test_coverage_and_reset_commands(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, _ = served
    coverage = run(["coverage"], workdir, url).stdout
    assert "seed operations:" in coverage and "accounts" in coverage
    assert run(["reset", "--seed", "42"], workdir, url).stdout.startswith("reset: demo=True")


def test_serve_refuses_a_public_bind_without_an_admin_token(tmp_path: Path) -> None:
    result = subprocess.run([*ZEMU, "serve", "--host", "0.0.0.0", "--db", ":memory:"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "--admin-token" in result.stderr
