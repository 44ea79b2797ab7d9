"""No web page and no stranger drives zemu: Origin, Host, JSON bodies and, beyond loopback, the
admin token guard /zemu, / and /mcp, while /v2 and /oauth stay as Zoom has them."""

from __future__ import annotations

import base64
import subprocess
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg
import pytest

from backends import POSTGRES_URL
from zemu.testing import ZemuServer, zemu_server

ADMIN = "correct-horse-battery-staple"
EVIL = "http://evil.example"


def outside_address() -> str:
    """An address of this machine other than loopback; the wildcard bind when there is none
    (the rule is about the bound host, not about the peer)."""
    try:
        found = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout.split()
    except OSError:
        found = []
    return next((a for a in found if "." in a and not a.startswith("127.")), "0.0.0.0")


def app_ids(zemu: ZemuServer) -> list[str]:
    return [a["id"] for a in zemu.control.get("/zemu/apps").json()["apps"]]


def host_of(zemu: ZemuServer) -> str:
    return zemu.url.removeprefix("http://")


# loopback: open, but only to its own origin and its own hosts ------------------------------------


def test_a_cross_origin_text_plain_reset_is_refused_and_changes_nothing(zemu: ZemuServer) -> None:
    app = zemu.control.post("/zemu/apps", json={"type": "s2s", "scopes": ["user:read:admin"]}).json()
    for headers in (
        {"origin": EVIL, "content-type": "text/plain"},  # what a page's fetch() sends
        {"origin": EVIL, "content-type": "application/json"},
        {"origin": "null", "content-type": "application/json"},
    ):
        answer = zemu.control.post("/zemu/reset", content=b'{"demo": false}', headers=headers)
        assert answer.status_code == 403 and answer.json()["code"] == 403, headers
        assert "origin" in answer.json()["message"]
    assert app["id"] in app_ids(zemu)


def test_a_json_body_must_say_it_is_json(zemu: ZemuServer) -> None:
    app = zemu.control.post("/zemu/apps", json={"type": "s2s", "scopes": ["user:read:admin"]}).json()
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None):
        headers = {"content-type": content_type} if content_type else {}
        answer = zemu.control.post("/zemu/reset", content=b'{"demo": false}', headers=headers)
        assert answer.status_code == 415 and answer.json()["code"] == 300, content_type
    assert app["id"] in app_ids(zemu)
    assert zemu.control.post("/zemu/clock/advance").status_code == 200  # an empty body needs no type


def test_the_own_origin_may_drive_it(zemu: ZemuServer) -> None:
    for origin in (zemu.url, zemu.url.replace("127.0.0.1", "localhost")):
        host = origin.removeprefix("http://")
        answer = zemu.control.post("/zemu/clock/advance", json={"seconds": 1}, headers={"origin": origin, "host": host})
        assert answer.status_code == 200, origin


@pytest.mark.parametrize(
    "path, method",
    [("/zemu/credentials", "GET"), ("/zemu/reset", "POST"), ("/", "GET"), ("/mcp", "POST"), ("/mcp", "GET")],
)
def test_a_host_it_does_not_serve_is_refused(zemu: ZemuServer, path: str, method: str) -> None:
    port = zemu.config.port
    for host in (
        f"evil.example:{port}",
        f"rebind.127.0.0.1.nip.io:{port}",
        "evil.example",
        "127.0.0.1:1",
        "127.0.0.1:x",
        "",
    ):
        answer = zemu.control.request(method, path, headers={"host": host}, json={} if method == "POST" else None)
        assert answer.status_code == 403, (host, path)
        assert "client_secret" not in answer.text
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "localhost"):  # no port: a proxy
        assert zemu.control.get("/zemu/health", headers={"host": host}).status_code == 200, host


def test_zoom_api_and_oauth_stay_as_zoom_has_them(zemu: ZemuServer) -> None:
    strange = {"origin": EVIL, "host": f"api.evil.example:{zemu.config.port}"}
    assert zemu.api.get("/users/me", headers=strange).status_code == 200
    creds = zemu.credentials
    answer = zemu.control.post(
        "/oauth/token",
        headers=strange,
        auth=(creds["client_id"], creds["client_secret"]),
        params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
    )
    assert answer.status_code == 200 and answer.json()["access_token"]


def test_profile_pictures_stay_public(zemu: ZemuServer) -> None:
    answer = zemu.control.get("/zemu/users/nobody/picture", headers={"origin": EVIL})
    assert answer.status_code == 404 and answer.json()["code"] == 1001


# beyond loopback: the admin token, and secrets of the store's own --------------------------------


@pytest.fixture(scope="module")
def outside(backend: str) -> Iterator[ZemuServer]:
    options: dict[str, Any] = {"host": outside_address(), "admin_token": ADMIN}
    if backend == "postgresql":
        options.update(db=POSTGRES_URL, db_schema=f"zemu_test_{uuid.uuid4().hex[:12]}")
    try:
        with zemu_server(**options) as server:
            yield server
    finally:
        if backend == "postgresql":
            with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{options["db_schema"]}" CASCADE')


@pytest.mark.parametrize(
    "path, method",
    [
        ("/zemu/health", "GET"),
        ("/zemu/credentials", "GET"),
        ("/", "GET"),
        ("/zemu/reset", "POST"),
        ("/mcp", "POST"),
        ("/zemu/apps", "GET"),
    ],
)
def test_beyond_loopback_everything_but_zoom_needs_the_admin_token(outside: ZemuServer, path: str, method: str) -> None:
    with httpx.Client(base_url=outside.url, timeout=30) as stranger:
        for headers in (
            {},
            {"authorization": "Bearer wrong"},
            {"x-zemu-admin-token": "wrong"},
            {"authorization": f"Bearer {ADMIN}x"},
            {"authorization": f"Basic {ADMIN}"},
        ):
            answer = stranger.request(method, path, headers=headers, json={} if method == "POST" else None)
            assert answer.status_code == 401 and answer.json()["code"] == 124, (path, headers)
            assert answer.headers["www-authenticate"].startswith("Basic")
            assert "client_secret" not in answer.text and "webhook_secret" not in answer.text


def test_the_admin_token_opens_it_in_three_spellings(outside: ZemuServer) -> None:
    basic = base64.b64encode(f"admin:{ADMIN}".encode()).decode()
    with httpx.Client(base_url=outside.url, timeout=30) as client:
        for headers in (
            {"authorization": f"Bearer {ADMIN}"},
            {"x-zemu-admin-token": ADMIN},
            {"authorization": f"Basic {basic}"},
        ):
            assert client.get("/zemu/health", headers=headers).status_code == 200, headers
            page = client.get("/", headers=headers)
            assert page.status_code == 200 and outside.credentials["client_id"] in page.text
            # the secret only when its "show" asks for it
            shown = client.get("/ui/account/secret/client_secret", headers=headers)
            assert shown.status_code == 200 and shown.text == outside.credentials["client_secret"]


def test_beyond_loopback_zoom_api_oauth_and_pictures_need_no_admin_token(outside: ZemuServer) -> None:
    creds = outside.credentials
    with httpx.Client(base_url=outside.url, timeout=30) as stranger:
        answer = stranger.post(
            "/oauth/token",
            auth=(creds["client_id"], creds["client_secret"]),
            params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
        )
        token = answer.json()["access_token"]
        assert stranger.get("/v2/users/me", headers={"authorization": f"Bearer {token}"}).status_code == 200
        assert stranger.get("/zemu/users/nobody/picture").status_code == 404


def test_beyond_loopback_mcp_also_takes_a_zoom_token_and_nothing_else_does(outside: ZemuServer) -> None:
    creds = outside.credentials
    with httpx.Client(base_url=outside.url, timeout=30) as stranger:
        granted = stranger.post(
            "/oauth/token",
            auth=(creds["client_id"], creds["client_secret"]),
            params={"grant_type": "account_credentials", "account_id": creds["account_id"]},
        )
        zoom = {"authorization": f"Bearer {granted.json()['access_token']}"}
        assert stranger.post("/mcp", json={}, headers=zoom).status_code != 401
        assert stranger.post("/mcp", json={}, headers={"authorization": "Bearer not-a-token"}).status_code == 401
        for path in ("/zemu/credentials", "/"):
            assert stranger.get(path, headers=zoom).status_code == 401, path


def test_beyond_loopback_the_demo_secrets_are_the_stores_own(outside: ZemuServer, zemu: ZemuServer) -> None:
    outside.reset(seed=42)
    first = outside.credentials
    outside.reset(seed=42)
    second = outside.credentials
    on_loopback = zemu.credentials  # the same seed on loopback: reproducible
    for key in ("client_secret", "webhook_secret_token"):
        assert len({first[key], second[key], on_loopback[key]}) == 3, key
    assert first["account_id"] == second["account_id"] == on_loopback["account_id"]


def test_beyond_loopback_without_a_token_nothing_opens(tmp_path: Any) -> None:
    with zemu_server(host=outside_address()) as server, httpx.Client(base_url=server.url) as client:
        assert client.get("/zemu/health").status_code == 401
        assert client.get("/zemu/health", headers={"x-zemu-admin-token": ""}).status_code == 401
