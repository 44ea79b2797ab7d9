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
    process = subprocess.Popen(
        [*ZEMU, "serve"], cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
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
    process = subprocess.Popen(
        [*ZEMU, "serve"], cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
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
    return subprocess.run(
        [*ZEMU, *args], cwd=workdir, env={**os.environ, "ZEMU_PORT": port}, capture_output=True, text=True, timeout=60
    )


def test_serve_prints_urls_and_credentials(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, lines = served
    text = "\n".join(lines)
    for label in (
        "API base URL",
        "OAuth URL",
        "account_id",
        "client_id",
        "client_secret",
        "webhook secret token",
        "dashboard URL",
        "MCP URL",
    ):
        assert label in text
    assert f"{url}/v2" in text and f"{url}/oauth/token" in text
    assert (workdir / ".zemu" / "zemu.db").exists()


def test_credentials_json_has_the_documented_keys_and_they_work(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, _ = served
    result = run(["credentials", "--json"], workdir, url)
    creds = json.loads(result.stdout)
    assert set(creds) == {
        "api_base_url",
        "oauth_url",
        "account_id",
        "client_id",
        "client_secret",
        "webhook_secret_token",
        "dashboard_url",
        "mcp_url",
    }
    token = httpx.post(
        creds["oauth_url"],
        params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
        auth=(creds["client_id"], creds["client_secret"]),
    ).json()["access_token"]
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
    result = subprocess.run(
        [*ZEMU, "serve", "--host", "0.0.0.0", "--db", ":memory:"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "--admin-token" in result.stderr


def env_without_zemu(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZEMU_")}
    return {**env, **extra}


def test_credentials_from_another_directory_asks_the_server_and_creates_nothing(
    served: tuple[str, Path, list[str]], tmp_path: Path
) -> None:
    url, _, _ = served
    expected = httpx.get(f"{url}/zemu/credentials").json()
    by_port = run(["credentials", "--json"], tmp_path, url)
    by_url = subprocess.run(
        [*ZEMU, "credentials", "--json"],
        cwd=tmp_path,
        env=env_without_zemu(ZEMU_URL=url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    by_option = subprocess.run(
        [*ZEMU, "credentials", "--json", "--url", url],
        cwd=tmp_path,
        env=env_without_zemu(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    for result in (by_port, by_url, by_option):
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == expected
    assert list(tmp_path.iterdir()) == []


def test_credentials_without_a_server_says_so_and_creates_nothing(tmp_path: Path) -> None:
    env = env_without_zemu(ZEMU_PORT=str(free_port()))
    asked = subprocess.run([*ZEMU, "credentials"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert asked.returncode != 0
    assert "no zemu server answers" in asked.stderr and "zemu serve" in asked.stderr
    missing = subprocess.run(
        [*ZEMU, "credentials", "--db", "nowhere.db"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert missing.returncode != 0 and "no zemu store at nowhere.db" in missing.stderr
    assert list(tmp_path.iterdir()) == []


def test_credentials_read_a_given_store(served: tuple[str, Path, list[str]], tmp_path: Path) -> None:
    url, workdir, _ = served
    result = run(["credentials", "--json", "--db", str(workdir / ".zemu" / "zemu.db")], tmp_path, url)
    assert result.returncode == 0, result.stderr
    creds = json.loads(result.stdout)
    assert creds == httpx.get(f"{url}/zemu/credentials").json()


def test_serve_on_a_port_in_use_says_so_before_printing_anything(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [*ZEMU, "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env_without_zemu(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already taken" in result.stderr
    assert "--port" in result.stderr and "ZEMU_PORT" in result.stderr
    assert "client_secret" not in result.stdout and "API base URL" not in result.stdout
    assert list(tmp_path.iterdir()) == []  # no store was made either


@pytest.mark.parametrize("scale", ["nan", "inf", "0", "-1", "10001"])
def test_serve_refuses_a_time_scale_out_of_range(tmp_path: Path, scale: str) -> None:
    result = subprocess.run(
        [*ZEMU, "serve", "--db", ":memory:", "--time-scale", scale, "--port", str(free_port())],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--time-scale" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["--webhook", "not-a-url"], ["--webhook", "ftp://x/y"], ["--port", "0"], ["--port", "70000"], ["--seed", "-1"]],
)
def test_serve_refuses_bad_options_before_starting(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run([*ZEMU, "serve", *args], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Invalid value" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_clock_scale_refuses_what_is_not_a_scale(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, _ = served
    for value in ("fast", "nan", "0"):
        result = run(["clock", "scale", value], workdir, url)
        assert result.returncode == 2 and "Traceback" not in result.stderr, value


def test_coverage_missing_lists_everything_missing_and_seed_narrows_it(served: tuple[str, Path, list[str]]) -> None:
    url, workdir, _ = served
    answer = httpx.get(f"{url}/zemu/coverage").json()
    missing_ops = [o for o in answer["operations"] if not o["implemented"]]
    missing_events = [e for e in answer["events"] if not e["implemented"]]
    assert any(not o["seed"] for o in missing_ops)  # the case the old listing left out
    listed = run(["coverage", "--missing"], workdir, url).stdout.splitlines()
    op_lines = [line for line in listed if line.startswith("  ") and not line.startswith("  event")]
    assert sorted(line.split()[-1] for line in op_lines) == sorted(o["operation_id"] for o in missing_ops)
    assert len([line for line in listed if line.startswith("  event ")]) == len(missing_events)
    seed = run(["coverage", "--missing", "--seed"], workdir, url).stdout.splitlines()
    seed_ops = [line.split()[-1] for line in seed if line.startswith("  ") and not line.startswith("  event")]
    assert sorted(seed_ops) == sorted(o["operation_id"] for o in missing_ops if o["seed"])


def test_the_readme_sets_the_credentials_it_uses(served: tuple[str, Path, list[str]], tmp_path: Path) -> None:
    url, _, _ = served
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    block = next(b for b in readme.split("```sh\n")[1:] if "zemu credentials --json" in b).split("```")[0]
    port = url.rsplit(":", 1)[1]
    shim = tmp_path / "zemu"  # the zemu of this tree, whatever is installed on PATH
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m zemu.cli "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "ZEMU_PORT": port, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    for name in ("CLIENT_ID", "CLIENT_SECRET", "ACCOUNT_ID"):
        env.pop(name, None)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block.replace("9650", port)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    settings = json.loads(result.stdout)
    assert settings and "code" not in settings, settings  # the account's settings, not an error


def test_zemu_testing_works_without_pytest(tmp_path: Path) -> None:
    script = """
import sys

class NoPytest:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pytest", "_pytest"):
            raise ImportError(f"{name} is not installed")
        return None

sys.meta_path.insert(0, NoPytest())
from zemu.testing import zemu_server

with zemu_server() as zoom:
    print(zoom.api.get("/users/me").status_code)
assert "pytest" not in sys.modules
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "200"


def test_the_pytest_plugin_is_its_own_module_with_the_fixtures() -> None:
    import tomllib

    import zemu.pytest_plugin

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert pyproject["project"]["entry-points"]["pytest11"] == {"zemu": "zemu.pytest_plugin"}
    assert {"zemu", "zemu_server_session"} <= set(vars(zemu.pytest_plugin))


def test_the_cli_sends_the_admin_token(tmp_path: Path) -> None:
    found = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout.split()
    host = next((a for a in found if "." in a and not a.startswith("127.")), "0.0.0.0")
    port = free_port()
    url = f"http://{'127.0.0.1' if host == '0.0.0.0' else host}:{port}"
    token = "the-admin-token"
    process = subprocess.Popen(
        [*ZEMU, "serve", "--host", host, "--port", str(port), "--db", ":memory:", "--admin-token", token],
        cwd=tmp_path,
        env=env_without_zemu(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/zemu/health").status_code == 401:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline and process.poll() is None, "zemu did not start"
                time.sleep(0.1)

        def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*ZEMU, *args],
                cwd=tmp_path,
                env=env_without_zemu(ZEMU_URL=url, **env),
                capture_output=True,
                text=True,
                timeout=60,
            )

        refused = cli("clock")
        assert refused.returncode != 0 and "--admin-token" in refused.stderr and "ZEMU_ADMIN_TOKEN" in refused.stderr
        assert cli("clock", ZEMU_ADMIN_TOKEN=token).returncode == 0
        assert cli("clock", "--admin-token", token).returncode == 0
        assert cli("deliveries", "--admin-token", token).returncode == 0
        assert cli("subscriptions", "--admin-token", token).returncode == 0
        shown = cli("credentials", "--json", ZEMU_ADMIN_TOKEN=token)
        assert shown.returncode == 0 and json.loads(shown.stdout)["client_secret"]
        assert httpx.get(f"{url}/").status_code == 401
    finally:
        process.terminate()
        process.wait(timeout=15)
