"""The Deliveries tab against real receivers on loopback: each attempt with what was sent and
what came back, retries and when the next is due, replay, filters, subscriptions with their
validation state, and no credential of the receiver's on the page."""

from __future__ import annotations

import html
import re

from events.webhook_receivers import Receiver, change_settings, subscribe, wait_settled
from zemu.testing import ZemuServer

EVENT = "account.settings_updated"


def page(zemu: ZemuServer, path: str) -> str:
    answer = zemu.control.get(path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/html")
    return html.unescape(answer.text)


def test_an_attempt_shows_its_request_headers_body_the_answer_and_latency(zemu: ZemuServer, receiver: Receiver) -> None:
    receiver.script = [(503, b'{"reason":"warming up"}', 0.0)]
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    [logged] = wait_settled(zemu.control, 1)
    got = receiver.wait_for(1)[0]
    assert logged["status"] == "pending" and logged["next_attempt_at"] is not None

    listed = page(zemu, "/ui/deliveries")
    row = re.search(rf'<tr data-delivery="{logged["id"]}">.*?</tr>', listed, re.S)
    assert row is not None
    assert EVENT in row[0] and "pending" in row[0] and "503" in row[0]
    assert logged["next_attempt_at"] in row[0]  # when the retry is due

    detail = page(zemu, f"/ui/deliveries/{logged['id']}")
    attempt = logged["attempts"][0]
    assert got.headers["x-zm-signature"] in detail and got.headers["x-zm-request-timestamp"] in detail
    assert f'"event": "{EVENT}"' in detail  # the body sent, indented for reading
    assert '"reason": "warming up"' in detail  # the receiver's answer, indented too
    assert f"{attempt['latency_ms']:.0f} ms" in detail
    assert logged["next_attempt_at"] in detail and f'data-post="/zemu/deliveries/{logged["id"]}/replay"' in detail


def test_a_replay_shows_as_a_new_attempt(zemu: ZemuServer, receiver: Receiver) -> None:
    receiver.script = [(404, b"gone", 0.0)]
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    [failed] = wait_settled(zemu.control, 1)
    before = page(zemu, f"/ui/deliveries/{failed['id']}")
    assert before.count('<details class="ops-attempt"') == 1 and "failed" in before

    zemu.control.post(f"/zemu/deliveries/{failed['id']}/replay").raise_for_status()
    after = page(zemu, f"/ui/deliveries/{failed['id']}")
    assert after.count('<details class="ops-attempt"') == 2
    assert "<b>replay</b>" in after and "delivered" in after


def test_the_list_filters_by_event_and_status(zemu: ZemuServer) -> None:
    secret = zemu.credentials["webhook_secret_token"]
    good, bad = Receiver(secret=secret), Receiver(secret=secret, default=(404, b"nope", 0.0))
    try:
        subscribe(zemu.control, good.url, events=[EVENT])
        subscribe(zemu.control, bad.url, events=["group.updated"])
        change_settings(zemu.api)
        zemu.control.post("/zemu/trigger/group.updated", json={}).raise_for_status()
        settled = wait_settled(zemu.control, 2)
        ids = {d["event"]: d["id"] for d in settled}

        def shown(query: str) -> set[str]:
            return set(re.findall(r'<tr data-delivery="([^"]+)"', page(zemu, f"/ui/deliveries/list?{query}")))

        assert shown("") == set(ids.values())
        assert shown(f"event={EVENT}") == {ids[EVENT]}
        assert shown("status=failed") == {ids["group.updated"]}
        assert shown("status=delivered") == {ids[EVENT]}
        assert shown("event=group.updated&status=delivered") == set()
        assert "matches these filters" in page(zemu, "/ui/deliveries/list?event=user.created")
        whole = page(zemu, "/ui/deliveries?status=failed")  # the page opens with its filters applied
        assert '<option value="failed" selected>' in whole and ids[EVENT] not in whole
    finally:
        good.close()
        bad.close()


def test_subscriptions_show_their_validation_state(zemu: ZemuServer, receiver: Receiver) -> None:
    sub = subscribe(zemu.control, receiver.url, events=[EVENT], validate=True)
    shown = page(zemu, "/ui/deliveries/subscriptions")
    assert sub["id"] in shown and "passed" in shown and "active" in shown
    receiver.validates = False
    checked = zemu.control.post(f"/zemu/subscriptions/{sub['id']}/validate").json()
    assert checked["ok"] is False
    shown = page(zemu, "/ui/deliveries/subscriptions")
    assert "1 of 6 failures" in shown and 'class="pill bad">failed' in shown
    for _ in range(5):
        zemu.control.post(f"/zemu/subscriptions/{sub['id']}/validate")
    shown = page(zemu, "/ui/deliveries/subscriptions")
    assert "6 of 6 failures: disabled" in shown and ">disabled<" in shown


def test_the_receivers_credentials_never_show(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(
        zemu.control,
        receiver.url,
        events=[EVENT],
        custom_header={"custom_header_type": 1, "username": "hooks", "password": "s3cret-pass"},
    )
    change_settings(zemu.api)
    [logged] = wait_settled(zemu.control, 1)
    sent = receiver.wait_for(1)[0].headers["authorization"]
    assert sent.startswith("Basic ")
    whole = page(zemu, "/ui/deliveries") + page(zemu, f"/ui/deliveries/{logged['id']}")
    assert "s3cret-pass" not in whole and sent.split()[1] not in whole
    assert "hidden: the receiver's credential" in whole
    creds = zemu.credentials
    assert creds["client_secret"] not in whole and creds["webhook_secret_token"] not in whole


def test_an_unknown_delivery_is_a_404_fragment(zemu: ZemuServer) -> None:
    answer = zemu.control.get("/ui/deliveries/nope")
    assert answer.status_code == 404 and "No delivery nope" in answer.text


def test_a_link_can_open_a_delivery_beside_the_list(zemu: ZemuServer, receiver: Receiver) -> None:
    subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    [logged] = wait_settled(zemu.control, 1)
    shown = page(zemu, f"/ui/deliveries?open={logged['id']}")
    assert f'<tr data-delivery="{logged["id"]}" class="selected">' in shown
    assert f'data-post="/zemu/deliveries/{logged["id"]}/replay"' in shown and "x-zm-signature" in shown
    assert "Pick a delivery" in page(zemu, "/ui/deliveries?open=nope")
