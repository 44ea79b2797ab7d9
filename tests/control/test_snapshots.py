"""Snapshots: the whole state saved under a name and put back, clock included, on both stores."""

from __future__ import annotations

import time
import uuid
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner

from backends import POSTGRES_URL
from zemu.cli import main
from zemu.sim.clock import parse_zulu
from zemu.store import Tx, open_store, scheduled
from zemu.testing import ZemuServer, zemu_server


@pytest.fixture(autouse=True)
def no_snapshot_left(request: pytest.FixtureRequest) -> Any:
    """The session's server outlives these tests: what they save goes with them."""
    zemu: ZemuServer | None = request.getfixturevalue("zemu") if "zemu" in request.fixturenames else None
    yield
    if zemu is not None:
        for left in zemu.control.get("/zemu/snapshots").raise_for_status().json()["snapshots"]:
            zemu.control.delete(f"/zemu/snapshots/{left['name']}")


NEW_USER = {"action": "create", "user_info": {"email": "later@example.com", "type": 1, "first_name": "Later"}}


def save(zemu: ZemuServer, name: str) -> dict[str, Any]:
    answer = zemu.control.post("/zemu/snapshots", json={"name": name})
    assert answer.status_code == 201, answer.text
    return answer.json()


def restore(zemu: ZemuServer, name: str) -> dict[str, Any]:
    return zemu.restore(name)


def subscription_urls(zemu: ZemuServer) -> list[str]:
    return [s["url"] for s in zemu.control.get("/zemu/subscriptions").json()["subscriptions"]]


def test_a_restore_undoes_every_change_since_the_save_clock_included(zemu: ZemuServer) -> None:
    gone_later = zemu.api.get("/users", params={"page_size": 1}).json()["users"][0]
    saved = save(zemu, "clean")
    saved_clock = parse_zulu(zemu.now())
    outbox_before = len(zemu.outbox())
    assert zemu.api.post("/users", json=NEW_USER).status_code == 201
    assert zemu.api.delete(f"/users/{gone_later['id']}", params={"action": "delete"}).status_code == 204
    zemu.advance(3 * 86400)
    zemu.subscribe("http://127.0.0.1:9/after-the-save")
    zemu.control.post("/zemu/faults", json={"effect": "latency", "latency_ms": 1})

    restored = restore(zemu, "clean")

    assert restored["name"] == "clean" and restored["rows"] == saved["rows"]
    assert abs(parse_zulu(zemu.now()) - saved_clock) < 30  # back to the saved time, not three days on
    assert zemu.api.get("/users/later@example.com").status_code == 404
    assert zemu.api.get(f"/users/{gone_later['id']}").json()["email"] == gone_later["email"]
    assert "http://127.0.0.1:9/after-the-save" not in subscription_urls(zemu)
    assert zemu.control.get("/zemu/faults").json()["faults"] == []
    assert len(zemu.outbox()) == outbox_before  # the user events of the undone changes are gone too
    assert zemu.api.post("/users", json=NEW_USER).status_code == 201  # and new events follow the restored ones
    assert len(zemu.outbox()) > outbox_before


def test_a_snapshot_carries_subscriptions_fault_rules_and_the_time_scale(zemu: ZemuServer) -> None:
    zemu.subscribe("http://127.0.0.1:9/kept")
    zemu.control.post("/zemu/faults", json={"effect": "error", "status": 503, "operation": "users"})
    zemu.control.post("/zemu/clock", json={"time_scale": 2})
    save(zemu, "busy")
    zemu.reset()
    zemu.control.post("/zemu/clock", json={"time_scale": 1})
    assert zemu.api.get("/users").status_code == 200
    restore(zemu, "busy")
    assert "http://127.0.0.1:9/kept" in subscription_urls(zemu)
    assert zemu.api.get("/users").status_code == 503
    assert zemu.control.get("/zemu/clock").json()["time_scale"] == 2
    zemu.control.post("/zemu/clock", json={"time_scale": 1})


def test_scheduled_work_that_ran_after_the_save_is_due_again_after_the_restore(zemu: ZemuServer) -> None:
    def plan(tx: Tx) -> None:
        scheduled.schedule(
            tx, job_id="later-step", kind="snapshot-test", account_id="", due_at=tx.now + 3600, body={"step": 1}
        )

    def pending_ids(tx: Tx) -> list[str]:
        return [job.id for job in scheduled.pending(tx)]

    zemu.transaction(plan)
    save(zemu, "planned")
    zemu.advance(7200)  # the step falls due and is performed (it fails: no product knows its kind)
    assert zemu.transaction(pending_ids) == []
    restore(zemu, "planned")
    assert zemu.transaction(pending_ids) == ["later-step"]


def attempted(zemu: ZemuServer, count: int) -> dict[str, Any]:
    """The one delivery, once it has had ``count`` attempts (the worker sends in the background)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = zemu.deliveries()
        if found and found[0]["attempt_count"] >= count:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no delivery reached {count} attempts: {zemu.deliveries()}")


def test_a_delivery_retried_after_the_save_is_pending_again_after_the_restore(zemu: ZemuServer) -> None:
    zemu.subscribe("http://127.0.0.1:9/down", events=["user.created"])  # nothing listens: each attempt fails
    assert zemu.control.post("/zemu/trigger/user.created", json={}).status_code == 200
    first = attempted(zemu, 1)
    assert first["status"] == "pending" and first["next_attempt_at"]
    save(zemu, "retry-planned")
    zemu.advance(600)  # the retry 5 minutes on falls due and is attempted
    assert attempted(zemu, 2)["id"] == first["id"]
    restore(zemu, "retry-planned")
    again = zemu.deliveries()
    assert [(d["id"], d["attempt_count"], d["status"]) for d in again] == [(first["id"], 1, "pending")]


def test_a_token_minted_after_the_save_is_refused_after_the_restore(zemu: ZemuServer) -> None:
    save(zemu, "before-token")
    later = zemu.client(zemu.token())
    assert later.get("/users/me").status_code == 200  # now in the server's token cache
    restore(zemu, "before-token")
    assert later.get("/users/me").status_code == 401
    later.close()


def test_snapshots_are_listed_replaced_and_deleted(zemu: ZemuServer) -> None:
    save(zemu, "one")
    save(zemu, "two")
    zemu.api.post("/users", json=NEW_USER)
    replaced = save(zemu, "one")
    names = [s["name"] for s in zemu.control.get("/zemu/snapshots").json()["snapshots"]]
    assert {"one", "two"} <= set(names)
    assert "docs" in replaced["tables"] and "fault_rule" in replaced["tables"]
    restore(zemu, "one")
    assert zemu.api.get("/users/later@example.com").status_code == 200  # the second save replaced the first
    assert zemu.control.delete("/zemu/snapshots/two").status_code == 204
    missing = zemu.control.post("/zemu/snapshots/two/restore")
    assert missing.status_code == 404 and missing.json()["message"] == "Snapshot does not exist: two."
    assert zemu.control.delete("/zemu/snapshots/two").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        b"{}",
        b"[]",
        b"nope",
        b'{"name": ""}',
        b'{"name": "a/b"}',
        b'{"name": 5}',
        b'{"name": "' + b"x" * 65 + b'"}',
        b'{"name": "-leading"}',
    ],
)
def test_a_bad_snapshot_name_is_refused(zemu: ZemuServer, body: bytes) -> None:
    answer = zemu.control.post("/zemu/snapshots", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400 and answer.json()["code"] == 300


def test_the_cli_saves_lists_and_restores(zemu: ZemuServer) -> None:
    runner = CliRunner()
    assert zemu.api.get("/users/me").status_code == 200  # the client's token is in the saved state
    saved = runner.invoke(main, ["snapshot", "--url", zemu.url, "save", "from-cli"])
    assert saved.exit_code == 0 and "saved from-cli" in saved.output
    zemu.api.post("/users", json=NEW_USER)
    assert "from-cli" in runner.invoke(main, ["snapshot", "--url", zemu.url, "list"]).output
    restored = runner.invoke(main, ["snapshot", "--url", zemu.url, "restore", "from-cli"])
    assert restored.exit_code == 0 and "restored from-cli" in restored.output
    assert zemu.api.get("/users/later@example.com").status_code == 404
    missing = runner.invoke(main, ["snapshot", "--url", zemu.url, "restore", "no-such"])
    assert missing.exit_code != 0 and "404" in missing.output


def test_a_snapshot_survives_a_restart(store_url: tuple[str, str | None]) -> None:
    db, schema = store_url
    with zemu_server(db=db, db_schema=schema) as first:
        save(first, "kept")
        first.api.post("/users", json=NEW_USER)
    with zemu_server(db=db, db_schema=schema) as second:
        assert second.api.get("/users/later@example.com").status_code == 200
        restore(second, "kept")
        assert second.api.get("/users/later@example.com").status_code == 404


def test_a_restore_on_postgresql_waits_for_no_table_of_another_schema(zemu: ZemuServer, backend: str) -> None:
    """Servers in two schemas of one database (two test workers, say) restore at the same time:
    each holds its own tables while it restores, so touching a table of the other schema would
    let the two wait for each other."""
    if backend != "postgresql":
        pytest.skip("PostgreSQL only: a SQLite store is a database of its own")
    other = open_store(POSTGRES_URL, lambda: 1000.0, schema=f"zemu_other_{uuid.uuid4().hex[:10]}")
    save(zemu, "mine")
    try:
        with psycopg.connect(POSTGRES_URL) as holder:  # the other server, inside its own restore
            holder.execute(f'LOCK TABLE "{other._schema}".docs IN ACCESS EXCLUSIVE MODE')  # type: ignore[attr-defined]
            answer = zemu.control.post("/zemu/snapshots/mine/restore", timeout=10)
            holder.rollback()
    finally:
        other.drop_schema()  # type: ignore[attr-defined]
        other.close()
    assert answer.status_code == 200, answer.text
