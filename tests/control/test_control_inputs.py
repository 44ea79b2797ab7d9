"""Every control-plane input is checked before anything changes, and a store that already holds a
bad clock value (written before these checks existed) still starts, serves and resets."""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from backends import POSTGRES_URL
from zemu.runtime import CLOCK_KEY, LEGACY_CLOCK_OFFSET_KEY
from zemu.sim.clock import Clock, ClockState, parse_zulu, sane_offset, wall_time
from zemu.store import open_store
from zemu.testing import ZemuServer, zemu_server

JSON = {"content-type": "application/json"}

BAD_ADVANCES: list[Any] = ["NaN", "nan", "inf", "-inf", "Infinity", 1e308, 1e12, -5, True, None, "60", [1], {}]
BAD_SCALES: list[Any] = ["nan", "inf", "NaN", 0, -1, 10_001, 1e308, False, "60", None]


def assert_refused(answer: Any, field: str) -> None:
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["code"] == 300 and field in body["message"], body


def assert_still_serving(zemu: ZemuServer) -> None:
    assert zemu.control.get("/zemu/health").json()["status"] == "ok"
    with zemu.client(zemu.token()) as api:  # a token of the clock's present
        assert api.get("/users/me").status_code == 200
    assert zemu.control.get("/zemu/clock").status_code == 200


@pytest.mark.parametrize("seconds", BAD_ADVANCES, ids=repr)
def test_a_bad_advance_is_refused_and_the_clock_stays(zemu: ZemuServer, seconds: Any) -> None:
    before = parse_zulu(zemu.now())
    assert_refused(zemu.control.post("/zemu/clock/advance", json={"seconds": seconds}), "seconds")
    assert 0 <= parse_zulu(zemu.now()) - before < 60
    assert_still_serving(zemu)


@pytest.mark.parametrize("raw", [b'{"seconds": NaN}', b'{"seconds": Infinity}', b'{"seconds": 1e400}'])
def test_non_json_numbers_are_refused(zemu: ZemuServer, raw: bytes) -> None:
    answer = zemu.control.post("/zemu/clock/advance", content=raw, headers=JSON)
    assert answer.status_code == 400 and answer.json()["code"] == 300
    assert_still_serving(zemu)


@pytest.mark.parametrize("scale", BAD_SCALES, ids=repr)
def test_a_bad_time_scale_is_refused_and_the_scale_stays(zemu: ZemuServer, scale: Any) -> None:
    assert_refused(zemu.control.post("/zemu/clock", json={"time_scale": scale}), "time_scale")
    assert zemu.control.get("/zemu/clock").json()["time_scale"] == 1.0
    assert_still_serving(zemu)


@pytest.fixture(scope="module")
def far_clock(backend: str) -> Iterator[ZemuServer]:
    """A server of these tests' own: they move its clock centuries on, which would mislead every
    later test on the shared one."""
    where = place(backend, None)
    try:
        with zemu_server(**where) as server:
            yield server
    finally:
        drop(where)


def test_the_limits_themselves_are_accepted(far_clock: ZemuServer) -> None:
    ten_years = 10 * 365.25 * 86400
    before = parse_zulu(far_clock.now())
    assert far_clock.control.post("/zemu/clock/advance", json={"seconds": ten_years}).status_code == 200
    assert parse_zulu(far_clock.now()) - before >= ten_years
    try:
        assert far_clock.control.post("/zemu/clock", json={"time_scale": 10_000}).json()["time_scale"] == 10_000
    finally:
        far_clock.control.post("/zemu/clock", json={"time_scale": 1})
    assert_still_serving(far_clock)


def test_the_clock_never_passes_the_year_2999(far_clock: ZemuServer) -> None:
    ten_years = 10 * 365.25 * 86400
    answers = [far_clock.control.post("/zemu/clock/advance", json={"seconds": ten_years}) for _ in range(100)]
    refused = [a for a in answers if a.status_code != 200]
    assert refused and all(a.status_code == 400 and "2999" in a.json()["message"] for a in refused)
    assert far_clock.now() < "3000"
    assert_still_serving(far_clock)


@pytest.mark.parametrize(
    "body, field",
    [
        ({"demo": "false"}, "demo"),
        ({"demo": 0}, "demo"),
        ({"seed": "7"}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": -1}, "seed"),
        ({"seed": 2**70}, "seed"),
        ({"seed": True}, "seed"),
    ],
)
def test_a_bad_reset_is_refused_and_changes_nothing(zemu: ZemuServer, body: dict[str, Any], field: str) -> None:
    app = zemu.control.post("/zemu/apps", json={"type": "s2s", "scopes": ["user:read:admin"]}).json()
    assert_refused(zemu.control.post("/zemu/reset", json=body), field)
    assert app["id"] in [a["id"] for a in zemu.control.get("/zemu/apps").json()["apps"]]


@pytest.mark.parametrize(
    "path, body, field",
    [
        ("/zemu/apps", {"type": "s2s", "scopes": ["a"], "name": {"x": 1}}, "name"),
        ("/zemu/apps", {"type": "s2s", "scopes": [1, 2]}, "scopes"),
        ("/zemu/apps", {"type": "s2s", "scopes": ["a"], "redirect_uris": "http://x"}, "redirect_uris"),
        ("/zemu/apps", {"type": "s2s", "scopes": ["a"], "account_id": 5}, "account_id"),
        ("/zemu/rate-limits", {"profile": ["zoom"]}, "profile"),
        ("/zemu/trigger/user.created", {"user": {"id": "x"}}, "user"),
        ("/zemu/subscriptions", {"url": "http://127.0.0.1:9/x", "validate": "no"}, "validate"),
        ("/zemu/subscriptions", {"url": "http://127.0.0.1:9/x", "events": "user.created"}, "events"),
        (
            "/zemu/subscriptions",
            {"url": "http://127.0.0.1:9/x", "custom_header": {"custom_header_type": "x"}},
            "custom_header_type",
        ),
    ],
)
def test_every_control_body_is_type_checked(zemu: ZemuServer, path: str, body: dict[str, Any], field: str) -> None:
    assert_refused(zemu.control.post(path, json=body), field)


@pytest.mark.parametrize(
    "path",
    [
        "/zemu/requests?limit=-1",
        "/zemu/requests?limit=0",
        "/zemu/requests?limit=1.5",
        "/zemu/requests?limit=%C2%B2",
        "/zemu/requests?limit=99999999999999999999999",
        "/zemu/outbox?limit=0x10",
        "/zemu/deliveries?limit=0",
        "/zemu/deliveries?status=lost",
    ],
)
def test_every_control_query_is_checked(zemu: ZemuServer, path: str) -> None:
    answer = zemu.control.get(path)
    assert answer.status_code == 400 and answer.json()["code"] == 300, path


def forget_meta(where: dict[str, Any], key: str) -> None:
    """Delete a meta row, as a store written before that row existed lacks it."""
    if "db_schema" not in where:
        with sqlite3.connect(where["db"]) as conn:
            conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        return
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DELETE FROM "{where["db_schema"]}".meta WHERE key = %s', (key,))


def place(backend: str, tmp_path: Any) -> dict[str, Any]:
    """Where a server of a test's own keeps its state: a SQLite file (in memory without a
    directory) or a PostgreSQL schema of its own."""
    if backend == "postgresql":
        return {"db": POSTGRES_URL, "db_schema": f"zemu_test_{uuid.uuid4().hex[:12]}"}
    return {"db": str(tmp_path / "zemu.db") if tmp_path is not None else ":memory:"}


def drop(where: dict[str, Any]) -> None:
    if "db_schema" in where:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{where["db_schema"]}" CASCADE')


@contextmanager
def store_holding(backend: str, tmp_path: Any, key: str, value: str) -> Iterator[dict[str, Any]]:
    """A store made by a server, then given a bad clock as an older zemu could save it: the
    shared clock row, or (with that row gone) the offset that stores kept before it."""
    where = place(backend, tmp_path)
    try:
        with zemu_server(**where):
            pass
        if key == LEGACY_CLOCK_OFFSET_KEY:
            forget_meta(where, CLOCK_KEY)
        store = open_store(where["db"], wall_time, schema=where.get("db_schema"))
        with store.transaction() as tx:
            tx.set_meta(key, value)
        store.close()
        yield where
    finally:
        drop(where)


def state(emulated: Any, scale: Any = 1.0) -> str:
    return json.dumps({"emulated": emulated, "wall": wall_time(), "scale": scale})


# ids name each case, not its value: a value holding the wall clock would differ between the
# collections of two test workers
BAD_CLOCK_ROWS = [
    ("emulated-nan", state("nan")),
    ("emulated-1e308", state(1e308)),
    ("emulated-1e12", state(1e12)),
    ("emulated--1e12", state(-1e12)),
    ("scale-inf", state(wall_time(), "inf")),
    ("scale-0", state(wall_time(), 0)),
    ("scale-1e6", state(wall_time(), 1e6)),
    ("empty", "{}"),
    ("not-json", "soon"),
]
# Every bad value is refused by the decoding the server starts with (the tests below without a
# server); a server is started on a store holding one of each kind: a legacy offset that is not
# a number and one out of range, a clock row out of range, at an impossible scale, not JSON.
BAD_CLOCKS = [
    pytest.param(LEGACY_CLOCK_OFFSET_KEY, "nan", id="offset-nan"),
    pytest.param(LEGACY_CLOCK_OFFSET_KEY, "1e12", id="offset-1e12"),
] + [
    pytest.param(CLOCK_KEY, value, id=f"clock-{name}")
    for name, value in BAD_CLOCK_ROWS
    if name in ("emulated-1e308", "scale-inf", "not-json")
]


@pytest.mark.parametrize("row", [value for _, value in BAD_CLOCK_ROWS], ids=[name for name, _ in BAD_CLOCK_ROWS])
def test_a_stored_clock_row_that_is_not_a_usable_time_is_not_used(row: str) -> None:
    assert ClockState.decode(row) is None


def test_a_usable_stored_clock_row_is_used() -> None:
    decoded = ClockState.decode(state(wall_time() - 3600, 60))
    assert decoded is not None and decoded.scale == 60 and abs(decoded.emulated - (wall_time() - 3600)) < 5


@pytest.mark.parametrize("key, value", BAD_CLOCKS)
def test_a_store_holding_a_bad_clock_still_starts_serves_and_resets(
    backend: str, tmp_path: Any, key: str, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    with store_holding(backend, tmp_path, key, value) as where, caplog.at_level(logging.WARNING, "zemu"):
        with zemu_server(**where) as zemu:
            assert "ignoring the stored clock" in caplog.text
            assert abs(parse_zulu(zemu.now()) - wall_time()) < 120  # back on the wall clock
            assert_still_serving(zemu)
            assert zemu.reset()["status"] == "ok"
            assert_still_serving(zemu)
        store = open_store(where["db"], wall_time, schema=where.get("db_schema"))
        with store.transaction(write=False) as tx:
            repaired = ClockState.decode(tx.meta(CLOCK_KEY))  # and the store holds a usable clock again
        store.close()
        assert repaired is not None and abs(repaired.emulated - wall_time()) < 120


@pytest.mark.parametrize(
    "stored, usable",
    [
        ("0.0", True),
        ("-3600", True),
        ("315576000", True),
        (None, False),
        ("nan", False),
        ("inf", False),
        ("1e308", False),
        ("1e12", False),
        ("-1e12", False),
        ("", False),
        ("soon", False),
    ],
)
def test_a_stored_offset_is_used_only_when_it_is_a_usable_time(stored: str | None, usable: bool) -> None:
    assert (sane_offset(stored) is not None) is usable


@pytest.mark.parametrize("scale", [math.nan, math.inf, 0.0, -1.0, 10_000.5])
def test_no_clock_runs_at_an_impossible_scale(scale: float) -> None:
    with pytest.raises(ValueError):
        Clock(time_scale=scale)
    with pytest.raises(ValueError):
        Clock().set_time_scale(scale)
