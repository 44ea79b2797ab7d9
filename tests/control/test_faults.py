"""Fault rules: each effect seen through a real HTTP client, the filters, the limits, the checks."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from zemu.cli import main
from zemu.faults import FRESH_SECONDS
from zemu.testing import ZemuServer, zemu_server


def add_rule(zemu: ZemuServer, **rule: Any) -> dict[str, Any]:
    answer = zemu.control.post("/zemu/faults", json=rule)
    assert answer.status_code == 201, answer.text
    return answer.json()


def rules(zemu: ZemuServer) -> list[dict[str, Any]]:
    return zemu.control.get("/zemu/faults").raise_for_status().json()["faults"]


def test_an_error_rule_answers_the_operations_documented_body_for_its_status(zemu: ZemuServer) -> None:
    created = add_rule(zemu, effect="error", status=404, operation="user")
    assert created["id"] and created["active"] is True
    answer = zemu.api.get("/users/nobody-at-all")
    assert answer.status_code == 404
    assert answer.json() == {"code": 1001, "message": "User does not exist: nobody-at-all."}
    assert zemu.api.get("/users").status_code == 200  # another operation is untouched


def test_an_error_status_the_operation_does_not_document_gets_zooms_general_body(zemu: ZemuServer) -> None:
    add_rule(zemu, effect="error", status=500, operation="users")
    answer = zemu.api.get("/users")
    assert (answer.status_code, answer.json()) == (500, {"code": 500, "message": "Internal server error."})
    zemu.control.delete("/zemu/faults")
    add_rule(zemu, effect="error", status=503, operation="users")
    answer = zemu.api.get("/users")
    assert (answer.status_code, answer.json()) == (503, {"code": 503, "message": "Service Unavailable."})
    zemu.control.delete("/zemu/faults")
    add_rule(zemu, effect="error", status=503, operation="users", code=7, message="Down for a while.")
    answer = zemu.api.get("/users")
    assert (answer.status_code, answer.json()) == (503, {"code": 7, "message": "Down for a while."})


def test_a_rule_expires_after_its_number_of_hits(zemu: ZemuServer) -> None:
    created = add_rule(zemu, effect="error", status=503, operation="users", times=2)
    assert [zemu.api.get("/users").status_code for _ in range(3)] == [503, 503, 200]
    shown = next(r for r in rules(zemu) if r["id"] == created["id"])
    assert shown["matches"] == 2 and shown["active"] is False


def test_a_rule_expires_after_its_emulated_duration(zemu: ZemuServer) -> None:
    add_rule(zemu, effect="error", status=503, product="users", duration_seconds=600)
    assert zemu.api.get("/users").status_code == 503
    zemu.advance(601)
    assert zemu.api.get("/users").status_code == 200
    assert rules(zemu)[0]["active"] is False


def hit_sequence(zemu: ZemuServer, seed: int, count: int = 20) -> list[bool]:
    zemu.control.delete("/zemu/faults").raise_for_status()
    add_rule(zemu, effect="error", status=500, operation="users", probability=0.5, seed=seed)
    return [zemu.api.get("/users").status_code == 500 for _ in range(count)]


def test_a_seed_gives_the_same_sequence_of_hits_every_time(zemu: ZemuServer) -> None:
    first = hit_sequence(zemu, seed=7)
    assert hit_sequence(zemu, seed=7) == first
    assert True in first and False in first
    assert hit_sequence(zemu, seed=8) != first


def test_latency_delays_the_answer_without_holding_up_other_requests(zemu: ZemuServer) -> None:
    add_rule(zemu, effect="latency", latency_ms=1500, operation="users")
    token = zemu.api.headers["authorization"]
    slow: dict[str, float] = {}

    def call_slow() -> None:
        started = time.monotonic()
        with httpx.Client(base_url=zemu.base_url, headers={"authorization": token}, timeout=30) as client:
            slow["status"] = client.get("/users").status_code
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=call_slow)
    thread.start()
    time.sleep(0.2)  # the slow request is now waiting inside the server
    started = time.monotonic()
    assert zemu.api.get("/users/me").status_code == 200
    quick = time.monotonic() - started
    thread.join(30)
    assert slow["status"] == 200 and slow["seconds"] >= 1.5
    assert quick < 1.0


def test_a_dropped_connection_gets_no_response_and_the_server_carries_on(zemu: ZemuServer) -> None:
    add_rule(zemu, effect="drop", method="GET", path="/v2/users")
    with pytest.raises(httpx.RemoteProtocolError):
        zemu.api.get("/users")
    assert zemu.api.get("/users/me").status_code == 200  # /users/me does not match the glob /users
    assert zemu.requests()[1]["status"] == 0  # the log shows the request that got no answer


def test_a_rate_limit_storm_answers_zooms_429_with_its_headers(zemu: ZemuServer) -> None:
    add_rule(zemu, effect="rate_limit", product="users", duration_seconds=30)
    answer = zemu.api.get("/users")
    assert answer.status_code == 429
    assert answer.json() == {
        "code": 429,
        "message": "You have reached the maximum per-second rate limit for this API. Try again later.",
    }
    headers = answer.headers
    assert headers["x-ratelimit-category"] == "Medium" and headers["x-ratelimit-type"] == "QPS"
    assert headers["x-ratelimit-remaining"] == "0" and int(headers["x-ratelimit-limit"]) > 0
    assert 29 <= int(headers["retry-after"]) <= 30


def test_a_daily_limit_storm_says_when_the_day_ends(zemu: ZemuServer) -> None:
    add_rule(zemu, effect="rate_limit", limit_type="Daily-limit", operation="users")
    answer = zemu.api.get("/users")
    assert answer.status_code == 429 and "daily rate limit" in answer.json()["message"]
    assert answer.headers["x-ratelimit-type"] == "Daily-limit"
    assert answer.headers["retry-after"].endswith("T00:00:00Z")


def test_method_path_and_account_filters_choose_the_requests(zemu: ZemuServer) -> None:
    account_id = zemu.credentials["account_id"]
    add_rule(zemu, effect="error", status=500, method="POST", path="/users*")
    add_rule(zemu, effect="error", status=503, account_id="another-account")
    assert zemu.api.get("/users").status_code == 200
    add_rule(zemu, effect="error", status=502, path="/users/me", account_id=account_id)
    assert zemu.api.get("/users/me").status_code == 502
    assert zemu.api.post("/users", json={"action": "create", "user_info": {"type": 1}}).status_code == 500


def test_rules_can_be_read_deleted_one_by_one_and_cleared(zemu: ZemuServer) -> None:
    first = add_rule(zemu, effect="drop", operation="users")
    add_rule(zemu, effect="latency", latency_ms=5)
    assert zemu.control.get(f"/zemu/faults/{first['id']}").json()["effect"] == "drop"
    assert zemu.control.delete(f"/zemu/faults/{first['id']}").status_code == 204
    missing = zemu.control.delete(f"/zemu/faults/{first['id']}")
    assert missing.status_code == 404 and missing.json()["code"] == 404
    assert [r["effect"] for r in rules(zemu)] == ["latency"]
    assert zemu.control.delete("/zemu/faults").status_code == 204
    assert rules(zemu) == []
    assert zemu.api.get("/users").status_code == 200


def test_a_reset_clears_the_rules(zemu: ZemuServer) -> None:
    add_rule(zemu, effect="error", status=500)
    zemu.reset()
    assert rules(zemu) == []
    assert zemu.api.get("/users").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b"not json",
        b'{"effect": "explode"}',
        b'{"status": 500}',
        b'{"effect": "error"}',
        b'{"effect": "error", "status": 200}',
        b'{"effect": "error", "status": 500.5}',
        b'{"effect": "error", "status": true}',
        b'{"effect": "drop", "status": 500}',
        b'{"effect": "latency"}',
        b'{"effect": "latency", "latency_ms": -1}',
        b'{"effect": "latency", "latency_ms": 1e999}',
        b'{"effect": "latency", "latency_ms": "NaN"}',
        b'{"effect": "latency", "latency_ms": 400000}',
        b'{"effect": "drop", "probability": 0}',
        b'{"effect": "drop", "probability": 1.5}',
        b'{"effect": "drop", "seed": -1}',
        b'{"effect": "drop", "seed": 1e30}',
        b'{"effect": "drop", "times": 0}',
        b'{"effect": "drop", "duration_seconds": 0}',
        b'{"effect": "drop", "operation": "noSuchOperation"}',
        b'{"effect": "drop", "operation": "users", "product": "phone"}',
        b'{"effect": "drop", "product": "fax"}',
        b'{"effect": "drop", "method": "BREW"}',
        b'{"effect": "drop", "path": "users"}',
        b'{"effect": "drop", "account_id": ""}',
        b'{"effect": "drop", "limit_type": "QPS"}',
        b'{"effect": "rate_limit", "limit_type": "hourly"}',
        b'{"effect": "drop", "whatever": 1}',
        b'{"effect": "error", "status": 500, "message": "a\\u0000b"}',
    ],
)
def test_a_bad_rule_is_refused_with_a_clear_400_and_nothing_is_kept(zemu: ZemuServer, body: bytes) -> None:
    answer = zemu.control.post("/zemu/faults", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == 300 and answer.json()["message"]
    assert rules(zemu) == []


def test_the_cli_adds_lists_and_clears_rules(zemu: ZemuServer) -> None:
    runner = CliRunner()
    added = runner.invoke(
        main,
        [
            "faults",
            "--url",
            zemu.url,
            "add",
            "error",
            "--status",
            "503",
            "--operation",
            "users",
            "--times",
            "1",
            "--for",
            "10m",
        ],
    )
    assert added.exit_code == 0, added.output
    assert "error 503" in added.output and "operation=users" in added.output
    assert zemu.api.get("/users").status_code == 503
    listed = runner.invoke(main, ["faults", "--url", zemu.url])
    assert "matches=1" in listed.output and "expired" in listed.output
    refused = runner.invoke(main, ["faults", "--url", zemu.url, "add", "latency"])
    assert refused.exit_code != 0 and "latency_ms" in refused.output
    cleared = runner.invoke(main, ["faults", "--url", zemu.url, "clear"])
    assert cleared.exit_code == 0 and rules(zemu) == []


def test_servers_sharing_a_store_share_the_rules_their_counts_and_their_sequence(
    store_url: tuple[str, str | None],
) -> None:
    db, schema = store_url
    with zemu_server(db=db, db_schema=schema) as one, zemu_server(db=db, db_schema=schema) as two:
        alone = hit_sequence(one, seed=11, count=12)
        one.control.delete("/zemu/faults").raise_for_status()
        add_rule(one, effect="error", status=500, operation="users", probability=0.5, seed=11, times=4)
        time.sleep(FRESH_SECONDS)  # the other server reads the store's rules at least this often
        shared = [server.api.get("/users").status_code == 500 for server in (one, two) * 6]
        expected, hits = [], 0
        for hit in alone:  # the same draws, ending after the fourth hit
            expected.append(hit and hits < 4)
            hits += hit
        assert shared == expected
        assert rules(two)[0]["matches"] == 4
