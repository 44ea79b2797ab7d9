"""Deliveries to real receivers on loopback: headers and signature, the retry schedule on the
emulated clock, what is and is not retried, time-outs, concurrency, the log and replay."""

from __future__ import annotations

import time

import pytest
from webhook_receivers import Receiver, change_settings, deliveries, subscribe, verify, wait_settled

from zemu.testing import ZemuServer

EVENT = "account.settings_updated"


def test_a_delivery_is_signed_and_carries_zooms_headers(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    got = receiver.wait_for(1)[0]
    assert verify(receiver.secret, got)
    assert got.headers["content-type"] == "application/json; charset=utf-8"
    assert got.headers["user-agent"] == "Zoom Marketplace/1.0a"
    assert abs(int(got.headers["x-zm-request-timestamp"]) - got.json["event_ts"] / 1000) < 5
    assert got.json["event"] == EVENT and got.body.startswith(b'{"event":"account.settings_updated","event_ts":')
    [logged] = wait_settled(zemu.control, 1)
    assert logged["status"] == "delivered" and logged["attempt_count"] == 1
    assert got.headers["x-zm-request-id"] == logged["id"] and got.headers["x-zm-trackingid"] == logged["tracking_id"]
    assert logged["attempts"][0]["request"]["body"] == got.body.decode()


def test_retries_come_5_20_and_60_emulated_minutes_after_the_attempt_before(
    zemu: ZemuServer, receiver: Receiver
) -> None:
    receiver.default = (503, b"", 0.0)
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    receiver.wait_for(1)
    expected = 1
    for delay in (5 * 60, 20 * 60, 60 * 60):
        zemu.advance(delay - 15)
        assert len(receiver.deliveries()) == expected, "a retry came early"
        zemu.advance(15)
        expected += 1
        assert len(receiver.deliveries()) == expected, "a retry did not come when due"
    zemu.advance(24 * 3600)
    got = receiver.deliveries()
    assert len(got) == 4
    assert len({g.headers["x-zm-trackingid"] for g in got}) == 1
    assert len({g.headers["x-zm-request-id"] for g in got}) == 1
    assert len({g.headers["x-zm-request-timestamp"] for g in got}) == 4 and all(verify(receiver.secret, g) for g in got)
    [logged] = deliveries(zemu.control)
    assert logged["status"] == "failed" and [a["retry_num"] for a in logged["attempts"]] == [0, 1, 2, 3]


def test_one_clock_jump_runs_every_retry_that_fell_due_within_it(zemu: ZemuServer, receiver: Receiver) -> None:
    receiver.script = [(500, b"", 0.0), (502, b"", 0.0)]
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    receiver.wait_for(1)
    zemu.advance(2 * 3600)
    assert len(receiver.deliveries()) == 3
    [logged] = deliveries(zemu.control)
    assert logged["status"] == "delivered" and [a["status"] for a in logged["attempts"]] == [500, 502, 200]


@pytest.mark.parametrize("status", [301, 400, 401, 404, 429, 201])
def test_redirects_client_errors_and_other_2xx_are_not_retried(
    zemu: ZemuServer, receiver: Receiver, status: int
) -> None:
    receiver.default = (status, b"", 0.0)
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    receiver.wait_for(1)
    zemu.advance(3 * 3600)
    assert len(receiver.deliveries()) == 1
    [logged] = deliveries(zemu.control)
    assert logged["status"] == "failed" and logged["last_status"] == status


def test_a_refused_connection_is_retried(zemu: ZemuServer, receiver: Receiver) -> None:
    url = receiver.url
    receiver.close()
    subscribe(zemu.control, url, events=[EVENT], validate=False)
    change_settings(zemu.api)
    [logged] = wait_settled(zemu.control, 1)
    assert logged["status"] == "pending" and logged["attempts"][0]["status"] == -1
    assert logged["attempts"][0]["failed_reason_type"] == 2 and "connection" in logged["attempts"][0]["error"]


def test_a_hanging_receiver_times_out_after_3s_and_never_delays_a_fast_one(zemu: ZemuServer) -> None:
    secret = zemu.credentials["webhook_secret_token"]
    slow, fast = Receiver(secret=secret, default=(200, b"", 3.5)), Receiver(secret=secret)
    try:
        subscribe(zemu.control, slow.url, events=[EVENT])
        subscribe(zemu.control, fast.url, events=[EVENT])
        started = time.monotonic()
        for value in (True, False, True):
            change_settings(zemu.api, value)
        fast.wait_for(3, timeout=5)
        assert time.monotonic() - started < 1.5, "the fast receiver waited for the slow one"
        slow.wait_for(3, timeout=1)  # sent concurrently, all hanging at once
        slow_log = wait_settled(zemu.control, 3, status="pending", timeout=8)
        assert all(d["attempts"][0]["failed_reason_type"] == 4 for d in slow_log)
        assert all(2.9 < d["attempts"][0]["latency_ms"] / 1000 < 3.5 for d in slow_log)
        assert [d["status"] for d in deliveries(zemu.control, status="ok")] == ["delivered"] * 3
    finally:
        slow.close()
        fast.close()


def test_the_log_filters_by_status_event_and_subscription(zemu: ZemuServer) -> None:
    secret = zemu.credentials["webhook_secret_token"]
    good, bad = Receiver(secret=secret), Receiver(secret=secret, default=(404, b"nope", 0.0))
    try:
        good_sub = subscribe(zemu.control, good.url, events=[EVENT])
        subscribe(zemu.control, bad.url, events=[EVENT])
        change_settings(zemu.api)
        change_settings(zemu.api, False)
        wait_settled(zemu.control, 4)
        assert len(deliveries(zemu.control, status="ok")) == 2
        failed = deliveries(zemu.control, status="failed")
        assert len(failed) == 2 and all(d["attempts"][0]["response"]["body"] == "nope" for d in failed)
        assert len(deliveries(zemu.control, subscription=good_sub["id"])) == 2
        assert deliveries(zemu.control, event="user.created") == []
        listed = deliveries(zemu.control)
        assert [d["created_at"] for d in listed] == sorted((d["created_at"] for d in listed), reverse=True)
    finally:
        good.close()
        bad.close()


def test_replay_makes_a_new_attempt_with_the_same_request_id(zemu: ZemuServer, receiver: Receiver) -> None:
    receiver.script = [(404, b"", 0.0)]
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    [failed] = wait_settled(zemu.control, 1)
    assert failed["status"] == "failed"
    answer = zemu.control.post(f"/zemu/deliveries/{failed['id']}/replay").raise_for_status().json()
    assert answer["attempt"]["ok"] and answer["attempt"]["kind"] == "replay"
    assert answer["delivery"]["status"] == "delivered" and len(answer["delivery"]["attempts"]) == 2
    first, again = receiver.deliveries()
    assert first.headers["x-zm-request-id"] == again.headers["x-zm-request-id"] == failed["id"]
    assert first.body == again.body and verify(receiver.secret, again)
    assert zemu.control.post("/zemu/deliveries/nope/replay").status_code == 404


def test_events_of_no_subscription_make_no_deliveries(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=["user.created"])
    change_settings(zemu.api)
    zemu.advance(1)
    assert deliveries(zemu.control) == [] and receiver.deliveries() == []
