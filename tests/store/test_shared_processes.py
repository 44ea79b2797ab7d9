"""Several servers on one PostgreSQL schema are one emulator: they agree on the emulated clock
and its scale, on revoked tokens (within 100 ms) and on the demo app's credentials, even when
they start at the same moment on an empty store."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import psycopg
import pytest

from backends import POSTGRES_UP, POSTGRES_URL
from zemu.config import Config
from zemu.runtime import Runtime
from zemu.sim.clock import parse_zulu
from zemu.testing import ZemuServer

pytestmark = pytest.mark.skipif(not POSTGRES_UP, reason=f"PostgreSQL not reachable at {POSTGRES_URL}")

DAY = 86400


@contextmanager
def two_servers(*, together: bool) -> Iterator[tuple[ZemuServer, ZemuServer]]:
    """Two servers on one new schema, as two `zemu serve` would be: built one after the other,
    or at the same moment on the empty store."""
    schema = f"zemu_shared_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')  # empty; two creators of one schema would race in PostgreSQL
    servers: list[ZemuServer] = []
    try:
        if together:
            with ThreadPoolExecutor(2) as pool:
                made = [pool.submit(ZemuServer, db=POSTGRES_URL, db_schema=schema) for _ in range(2)]
                servers = [future.result() for future in made]
        else:
            servers = [ZemuServer(db=POSTGRES_URL, db_schema=schema) for _ in range(2)]
        for server in servers:
            server.start()
        yield servers[0], servers[1]
    finally:
        for server in servers:
            server.stop()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def pair() -> Iterator[tuple[ZemuServer, ZemuServer]]:
    with two_servers(together=False) as servers:
        yield servers


def emulated(server: ZemuServer) -> float:
    return parse_zulu(server.control.get("/zemu/clock").json()["now"])


@pytest.mark.parametrize("together", [False, True], ids=["one_after_the_other", "at_the_same_moment"])
def test_both_print_the_same_working_credentials(together: bool) -> None:
    with two_servers(together=together) as (a, b):
        same_credentials(a, b)


def same_credentials(a: ZemuServer, b: ZemuServer) -> None:
    assert a.credentials == {
        **b.credentials,
        "api_base_url": a.base_url,
        "oauth_url": a.oauth_url,
        "dashboard_url": f"{a.url}/",
        "mcp_url": f"{a.url}/mcp",
    }
    token = a.token()
    assert b.client(token).get("/users/me").status_code == 200
    assert a.client(b.token()).get("/users/me").status_code == 200
    # a page token made by one is good on the other
    first = a.client(token).get("/users", params={"page_size": 2}).json()
    following = b.client(token).get("/users", params={"next_page_token": first["next_page_token"]})
    assert following.status_code == 200, following.text


def test_a_clock_advanced_on_one_is_read_on_the_other(pair: tuple[ZemuServer, ZemuServer]) -> None:
    a, b = pair
    token = b.token()
    start = emulated(b)
    a.advance(3 * DAY)
    time.sleep(0.06)  # one refresh interval
    assert emulated(b) - start == pytest.approx(3 * DAY, abs=30)
    assert abs(emulated(b) - emulated(a)) < 30
    # B's tokens age on the shared clock: the hour passed on A expires them on B
    a.advance(3601)
    time.sleep(0.06)
    answer = b.client(token).get("/users/me")
    assert answer.status_code == 401 and answer.json()["message"] == "Access token is expired."


def test_a_time_scale_set_on_one_is_the_others(pair: tuple[ZemuServer, ZemuServer]) -> None:
    a, b = pair
    assert a.control.post("/zemu/clock", json={"time_scale": 3600}).status_code == 200
    time.sleep(0.06)
    assert b.control.get("/zemu/clock").json()["time_scale"] == 3600
    assert abs(emulated(b) - emulated(a)) < 3600  # an emulated hour is a real second now
    a.control.post("/zemu/clock", json={"time_scale": 1})
    time.sleep(0.06)
    assert b.control.get("/zemu/clock").json()["time_scale"] == 1


def test_a_token_revoked_on_one_is_refused_by_the_other_within_100_ms(pair: tuple[ZemuServer, ZemuServer]) -> None:
    a, b = pair
    creds = a.credentials
    token = a.token()
    on_b = b.client(token)
    assert on_b.get("/users/me").status_code == 200  # B has read (and may keep) the token
    revoked = a.control.post("/oauth/revoke", data={"token": token}, auth=(creds["client_id"], creds["client_secret"]))
    assert revoked.json() == {"status": "success"}
    time.sleep(0.1)
    refused = on_b.get("/users/me")
    assert refused.status_code == 401 and refused.json() == {"code": 124, "message": "Invalid access token."}


def test_a_server_starts_while_another_is_writing(pair: tuple[ZemuServer, ZemuServer]) -> None:
    """Starting checks the store's tables without waiting for another process's open write
    (PostgreSQL's CREATE INDEX IF NOT EXISTS would wait for it, and could deadlock with it)."""
    a, _ = pair
    schema = a.config.db_schema
    with psycopg.connect(POSTGRES_URL) as writer, ThreadPoolExecutor(1) as pool:
        writer.execute(f'SET search_path TO "{schema}"')
        writer.execute("INSERT INTO meta (key, value) VALUES ('open_write', '1')")
        writer.execute("LOCK TABLE docs IN ROW EXCLUSIVE MODE")  # as an insert of a document would
        third = pool.submit(Runtime, Config(db=POSTGRES_URL, db_schema=schema, port=0))
        try:
            third.result(timeout=10).close()
        finally:
            writer.rollback()  # lets a start that waited finish, so the failure is reported
