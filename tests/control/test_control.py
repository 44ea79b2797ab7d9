"""The /zemu control plane and the rate-limit profile."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from zemu.sim.clock import parse_zulu
from zemu.testing import ZemuServer, zemu_server


def test_health_says_ok(zemu: ZemuServer) -> None:
    body = zemu.control.get("/zemu/health").json()
    assert body["status"] == "ok" and body["operations"] > 1000


def test_clock_advance_moves_the_emulated_time(zemu: ZemuServer) -> None:
    before = datetime.fromisoformat(zemu.now().replace("Z", "+00:00"))
    answer = zemu.advance(86400)
    after = datetime.fromisoformat(answer["now"].replace("Z", "+00:00"))
    assert 86400 <= (after - before).total_seconds() < 86400 + 60
    assert answer["time_scale"] == 1.0


def test_time_scale_can_be_changed_at_run_time(zemu: ZemuServer) -> None:
    answer = zemu.control.post("/zemu/clock", json={"time_scale": 60}).json()
    assert answer["time_scale"] == 60
    zemu.control.post("/zemu/clock", json={"time_scale": 1})


def test_bad_control_input_is_refused_and_changes_nothing(zemu: ZemuServer) -> None:
    before = zemu.now()
    json_type = {"content-type": "application/json"}
    assert zemu.control.post("/zemu/clock/advance", content=b"[1,2]", headers=json_type).status_code == 400
    assert zemu.control.post("/zemu/clock/advance", json={"seconds": -5}).status_code == 400
    assert zemu.control.post("/zemu/clock", json={"time_scale": "fast"}).status_code == 400
    moved = parse_zulu(zemu.now()) - parse_zulu(before)
    assert 0 <= moved < 60  # only real time passed: no advance, no new time scale


def test_reset_rebuilds_the_same_demo_for_the_same_seed(zemu: ZemuServer) -> None:
    first = zemu.credentials
    zemu.reset(seed=42)
    assert zemu.credentials == first
    zemu.reset(seed=7)
    assert zemu.credentials["account_id"] != first["account_id"]


def test_a_reuse_reset_puts_back_the_demo_it_kept_with_its_clock(zemu: ZemuServer) -> None:
    kept = zemu.reset(reuse=True)  # the plugin's fixture kept the demo already: this puts it back
    moment = zemu.now()
    users = zemu.api.get("/users", params={"page_size": 300}).json()["total_records"]
    info = {"email": "new@zemu-demo.example", "type": 1}
    made = zemu.api.post("/users", json={"action": "create", "user_info": info})
    assert made.status_code == 201
    zemu.advance(3600)
    assert zemu.control.get("/zemu/requests").json()["requests"]

    again = zemu.reset(reuse=True)
    assert again == kept and again["created"]
    assert parse_zulu(zemu.now()) - parse_zulu(moment) < 60  # the kept moment, not an hour on
    assert zemu.api.get("/users", params={"page_size": 300}).json()["total_records"] == users
    assert zemu.api.get("/users/new@zemu-demo.example").status_code == 404
    assert zemu.control.get("/zemu/snapshots").json()["snapshots"] == []  # the kept copy is not listed
    refused = zemu.control.post("/zemu/snapshots", json={"name": ".fresh-demo-42"})
    assert refused.status_code == 400


def test_a_store_keeps_one_copy_of_the_demo_whichever_process_kept_it(tmp_path: Path) -> None:
    db = str(tmp_path / "zemu.db")
    for _ in range(2):  # two processes, one after the other, each keeping the demo
        with zemu_server(db=db) as server:
            server.reset(reuse=True)
            server.reset(reuse=True)
    with sqlite3.connect(db) as conn:
        kept = [r[0] for r in conn.execute("SELECT name FROM snapshot") if r[0].startswith(".")]
    assert len(kept) == 1 and kept[0].startswith(".fresh-demo-42-")


def test_reset_without_demo_leaves_no_account(zemu: ZemuServer) -> None:
    zemu.reset(demo=False)
    assert zemu.control.get("/zemu/credentials").status_code == 404


def test_coverage_is_computed_from_the_handlers(zemu: ZemuServer) -> None:
    body = zemu.control.get("/zemu/coverage").json()
    ops = body["operations"]
    assert ops[0]["seed"] is True  # seed operations first
    handlers = zemu.runtime.handlers
    for row in ops:  # a product-qualified registration serves only its own product's operation
        registered = f"{row['product']}:{row['operation_id']}" in handlers or row["operation_id"] in handlers
        assert row["implemented"] == registered
    assert body["summary"]["operations"]["total"] == len(ops)
    assert body["summary"]["operations"]["implemented"] == sum(o["implemented"] for o in ops)


def test_rate_limits_are_off_by_default_and_switch_on_at_run_time(zemu: ZemuServer) -> None:
    assert "x-ratelimit-limit" not in zemu.api.get("/accounts/me").headers
    # nearly freeze emulated time so that every request falls in the same one-second window
    zemu.control.post("/zemu/clock", json={"time_scale": 1e-9})
    zemu.control.post("/zemu/rate-limits", json={"profile": "zoom"})
    try:
        answers = [zemu.api.get("/accounts/me") for _ in range(100)]
    finally:
        zemu.control.post("/zemu/rate-limits", json={"profile": "off"})
        zemu.control.post("/zemu/clock", json={"time_scale": 1})
    ok = answers[0]
    assert ok.status_code == 200
    assert ok.headers["x-ratelimit-category"] == "Light"
    assert ok.headers["x-ratelimit-limit"] == "80"  # Business+ Light: 80 per second
    assert ok.headers["x-ratelimit-remaining"] == "79"
    assert [a.status_code for a in answers] == [200] * 80 + [429] * 20
    limited = answers[-1]
    assert limited.json() == {
        "code": 429,
        "message": ("You have reached the maximum per-second rate limit for this API. Try again later."),
    }
    assert limited.headers["x-ratelimit-type"] == "QPS"
    assert int(limited.headers["retry-after"]) >= 1


def test_the_window_reopens_when_emulated_time_moves_on(zemu: ZemuServer) -> None:
    zemu.control.post("/zemu/clock", json={"time_scale": 1e-9})
    zemu.control.post("/zemu/rate-limits", json={"profile": "zoom"})
    try:
        for _ in range(80):
            zemu.api.get("/accounts/me")
        assert zemu.api.get("/accounts/me").status_code == 429
        zemu.advance(1)
        assert zemu.api.get("/accounts/me").status_code == 200
    finally:
        zemu.control.post("/zemu/rate-limits", json={"profile": "off"})
        zemu.control.post("/zemu/clock", json={"time_scale": 1})


def test_unknown_rate_limit_profile_is_refused(zemu: ZemuServer) -> None:
    assert zemu.control.post("/zemu/rate-limits", json={"profile": "fast"}).status_code == 400
    assert zemu.control.get("/zemu/rate-limits").json()["profile"] == "off"


def test_malformed_control_queries_are_refused(zemu: ZemuServer) -> None:
    for path in ("/zemu/requests?limit=lots", "/zemu/outbox?after=x", "/zemu/deliveries?limit=many"):
        answer = zemu.control.get(path)
        assert answer.status_code == 400 and answer.json()["code"] == 300, path
    assert zemu.control.get("/zemu/health").json()["status"] == "ok"
