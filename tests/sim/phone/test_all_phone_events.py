"""Every phone event of the seed reaches a real receiver from its real cause: simulated calls with
outcomes and scripts, texts, faxes, REST writes, settings writes and a desk phone that registers,
with no trigger involved; each delivery signed and schema-valid, and the ids in the call events
the ones the REST reads show. Then every seed event's trigger, each causing its event."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from call_helpers import place
from webhook_receivers import Received, Receiver, verify

from zemu.catalog.loader import load_catalog
from zemu.products import TRIGGERS
from zemu.services.numbers import model as numbers
from zemu.services.phone import account_settings
from zemu.testing import ZemuServer

Doc = dict[str, Any]
CATALOG = load_catalog()
SEED_EVENTS = sorted(e.name for e in CATALOG.events.values() if e.seed)
PHONE_EVENTS = [name for name in SEED_EVENTS if name.startswith("phone.")]
OUTSIDE = "+14155550123"
ABROAD = "+442079460111"
CONSUMER = "+14155550177"
DAYS_31 = 31 * 86_400


def _app_receiver(server: ZemuServer, events: list[str]) -> tuple[Receiver, str]:
    """A receiver subscribed, for an app holding every scope the events need, to ``events``."""
    scopes = sorted({scope for name in events for scope in CATALOG.events[name].scopes})
    app = server.control.post("/zemu/apps", json={"type": "s2s", "scopes": scopes}).raise_for_status().json()
    receiver = Receiver(secret=app["webhook_secret_token"])
    body = {"url": receiver.url, "events": events, "app_id": app["client_id"], "validate": False}
    server.control.post("/zemu/subscriptions", json=body).raise_for_status()
    return receiver, app["webhook_secret_token"]


@pytest.fixture(scope="module")
def everything(zemu_server_session: ZemuServer) -> Iterator[tuple[ZemuServer, Receiver, str]]:
    server = zemu_server_session
    server.reset()
    receiver, secret = _app_receiver(server, PHONE_EVENTS)
    yield server, receiver, secret
    receiver.close()


def _arrived(receiver: Receiver, wanted: set[str], seconds: float = 30) -> list[Received]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = list(receiver.deliveries())
        if wanted <= {r.event for r in got}:
            return got
        time.sleep(0.05)
    missing = wanted - {r.event for r in receiver.deliveries()}
    raise AssertionError(f"never arrived: {sorted(missing)}")


def _checked(server: ZemuServer, secret: str, received: list[Received]) -> None:
    """Each delivery signed with the app's secret and valid against its catalogue schema."""
    validators = server.runtime.validators
    for delivery in received:
        assert verify(secret, delivery), delivery.event
        schema = CATALOG.events[delivery.event].schema
        assert validators.event_errors(schema, delivery.event, delivery.json) == [], delivery.event


def _step(at: float, do: str, **more: Any) -> Doc:
    return {"at_seconds": at, "do": do, **more}


def _calls(server: ZemuServer, ext: dict[int, Doc]) -> dict[str, Doc]:
    """Calls whose outcomes and scripts between them cause every call event."""
    owner, other, member, mailbox = ext[1001], ext[1002], ext[1003], ext[1004]
    shared = {"access_user_id": member["id"], "allow_download": True}
    for user, block in ((owner, "ad_hoc_call_recording_access_members"), (other, "voicemail_access_members")):
        answer = server.api.patch(f"/phone/users/{user['id']}", json={"policy": {block: [shared]}})
        assert answer.status_code == 204, answer.text
    answered = [_step(2, "answer")]
    return {
        "recorded": place(
            server, "1001", "1002", record=True, transcribe=True, ai_summary=True, ring_seconds=3, talk_seconds=20
        ),
        "voicemail": place(server, "1003", "1002", outcome="voicemail", transcribe=True, talk_seconds=8),
        "rejected": place(server, "1003", "1004", outcome="rejected"),
        "missed": place(server, "1004", "1003", outcome="missed", ring_seconds=5),
        "pressed": place(
            server,
            "1001",
            "1002",
            steps=[
                *answered,
                _step(3, "record"),
                *(_step(4 + i, do, by=side) for i, (do, side) in enumerate(_presses())),
                _step(20, "pause"),
                _step(22, "resume"),
                _step(24, "fail_recording"),
                _step(26, "hang_up"),
            ],
        ),
        "parked": place(server, "1001", "1002", steps=[*answered, _step(4, "park"), _step(9, "hang_up")]),
        "meeting": place(
            server,
            "1001",
            "1002",
            steps=[
                *answered,
                _step(3, "conference", to=OUTSIDE),
                _step(4, "elevate", by="caller"),
                _step(5, "elevate", by="callee"),
                _step(8, "hang_up"),
            ],
        ),
        "blind": place(
            server,
            "1001",
            "1002",
            steps=[*answered, _step(4, "blind_transfer", to="1003"), _step(6, "answer"), _step(9, "hang_up")],
        ),
        "warm": place(
            server,
            "1001",
            "1002",
            steps=[*answered, _step(4, "warm_transfer", to="1003"), _step(6, "complete_transfer"), _step(9, "hang_up")],
        ),
        "cancelled": place(
            server,
            "1001",
            "1002",
            steps=[*answered, _step(4, "warm_transfer", to="1003"), _step(6, "cancel_transfer"), _step(9, "hang_up")],
        ),
        "to_mailbox": place(
            server, "1001", "1002", steps=[*answered, _step(4, "transfer_to_voicemail", to=mailbox["email"], seconds=4)]
        ),
        "emergency": place(server, "1001", "911", talk_seconds=10),
    }


def _presses() -> list[tuple[str, str]]:
    return [(do, side) for side in ("caller", "callee") for do in ("hold", "unhold", "mute", "unmute")]


def _texts(server: ZemuServer, texter: Doc) -> None:
    def send(**body: Any) -> None:
        answer = server.control.post("/zemu/phone/sms", json=body)
        assert answer.status_code == 201, answer.text

    account_id = server.credentials["account_id"]
    policies = [
        {"id": "p1", "name": "No passwords", "rule": 1, "content": "password", "action": 1, "active": True},
        {"id": "p2", "name": "Careful", "rule": 1, "content": "secret", "action": 2, "active": True},
    ]

    def etiquette(tx: Any) -> None:  # an admin sets the policies in the web portal: no REST write does
        doc = account_settings.overrides(tx, account_id)
        doc["settings"]["sms_etiquette_tool"] = {"enable": True, "sms_etiquette_policy": policies}
        account_settings.save_overrides(tx, account_id, doc)

    server.transaction(etiquette)
    number = texter["phone_numbers"][0]["number"]
    send(**{"from": texter["email"], "to": OUTSIDE, "message": "hello"})
    send(**{"from": OUTSIDE, "to": number, "message": "hello back"})
    send(**{"from": texter["email"], "to": ABROAD, "message": "hello abroad"})
    send(**{"from": texter["email"], "to": OUTSIDE, "message": "my password"})
    send(**{"from": texter["email"], "to": OUTSIDE, "message": "a secret"})
    send(**{"from": CONSUMER, "to": number, "message": "STOP"})
    send(**{"from": CONSUMER, "to": number, "message": "START"})
    for ends in ((texter["email"], OUTSIDE), (OUTSIDE, number)):
        sent = server.control.post("/zemu/phone/faxes", json={"from": ends[0], "to": ends[1], "pages": 1})
        assert sent.status_code == 201, sent.text


def _history_writes(api: httpx.Client, calls: dict[str, Doc], fax_log_id: str, user_id: str) -> None:
    recorded = calls["recorded"]
    assert api.delete(f"/phone/recordings/{recorded['recording_id']}").status_code == 204
    assert api.delete(f"/phone/voice_mails/{calls['voicemail']['voicemail_id']}").status_code == 204
    assert api.delete(f"/phone/users/{user_id}/call_logs/{recorded['call_log_ids']['caller']}").status_code == 204
    element = calls["parked"]["call_element_ids"]["caller"]
    assert api.delete(f"/phone/users/{user_id}/call_history/{element}").status_code == 204
    assert api.delete(f"/phone/fax/logs/{fax_log_id}").status_code == 204


def _settings_devices_and_numbers(server: ZemuServer, owner: Doc) -> None:
    api = server.api
    flip = {"allow_emergency_calls": {"allow_emergency_calls_from_clients": False}}
    assert api.patch("/phone/policies/allow_emergency_calls", json=flip).status_code == 204
    group = api.get("/groups").json()["groups"][0]
    assert api.patch(f"/phone/groups/{group['id']}/policies/allow_emergency_calls", json=flip).status_code == 204
    device = {"display_name": "Front desk", "mac_address": "00-04-f2-aa-bb-cc", "type": "polycom"}
    added = api.post("/phone/devices", json={**device, "assigned_to": owner["email"]})
    assert added.status_code == 201, added.text
    [cnam, flagged] = [api.get(f"/phone/numbers/{n}").json() for n in ("+15125550150", "+15125550151")]
    assert api.patch(f"/number_management/numbers/{cnam['id']}", json={"caller_id_name": "ACME"}).status_code == 204

    def needs_address(tx: Any) -> None:  # Zoom asks the customer to confirm a changed address
        number = numbers.get_number(tx, "+15125550151")
        assert number is not None
        numbers.save(tx, {**number, "address_update_required": True})

    server.transaction(needs_address)
    confirm = api.patch(f"/number_management/numbers/{flagged['id']}", json={"confirm_address_update": True})
    assert confirm.status_code == 204, confirm.text


def test_every_phone_event_of_the_seed_arrives_from_its_real_cause(everything):
    server, receiver, secret = everything
    users = server.api.get("/phone/users", params={"page_size": 100}).json()["users"]
    ext = {int(u["extension_number"]): u for u in users}
    texter = next(u for u in users if u.get("phone_numbers") and u["status"] == "activate")
    calls = _calls(server, ext)
    _texts(server, texter)
    _settings_devices_and_numbers(server, ext[1001])
    server.advance(300)  # every call, its records and the desk phone's registration
    _same_ids_as_the_reads(server, calls)
    fax_log_id = server.api.get("/phone/fax/logs").json()["fax_logs"][0]["fax_log_id"]
    _history_writes(server.api, calls, fax_log_id, ext[1001]["id"])
    server.advance(DAYS_31)  # the trash purges what was deleted
    received = _arrived(receiver, set(PHONE_EVENTS))
    assert len(PHONE_EVENTS) == 70 and {r.event for r in received} == set(PHONE_EVENTS)
    _checked(server, secret, received)


def _same_ids_as_the_reads(server: ZemuServer, calls: dict[str, Doc]) -> None:
    """The call ids the events carry (the outbox: what was sent) are the ones the call history shows."""
    sent = server.outbox()
    history = server.api.get("/phone/call_history", params={"page_size": 300}).json()["call_logs"]
    by_id = {h["id"]: h for h in history}
    for placed in calls.values():
        assert by_id[placed["call_history_id"]]["call_id"] == placed["call_id"]
    ringing = {e["payload"]["object"]["call_id"] for e in sent if e["event"] == "phone.caller_ringing"}
    assert ringing >= {c["call_id"] for c in calls.values()}
    recorded = calls["recorded"]
    [logged] = [
        log
        for e in sent
        if e["event"] == "phone.caller_call_history_completed"
        for log in e["payload"]["object"]["call_logs"]
        if log["call_id"] == recorded["call_id"]
    ]
    path = server.api.get(f"/phone/call_history/{recorded['call_history_id']}").json()
    assert logged["id"] in {e["call_element_id"] for e in path["call_elements"]}


# triggers -------------------------------------------------------------------------------------------
# the history deletes go first, on an account with no traffic yet: each places what it deletes
DELETES = [name for name in SEED_EVENTS if name.startswith("phone.") and name.endswith("_deleted")]
ORDER = DELETES + [name for name in SEED_EVENTS if name not in DELETES]


@pytest.fixture(scope="module")
def triggered(zemu_server_session: ZemuServer) -> Iterator[tuple[ZemuServer, Receiver, str]]:
    server = zemu_server_session
    server.reset()
    receiver, secret = _app_receiver(server, SEED_EVENTS)
    yield server, receiver, secret
    receiver.close()


def test_every_seed_event_has_a_trigger():
    assert [name for name in SEED_EVENTS if name not in TRIGGERS] == []
    assert len(SEED_EVENTS) == 91


@pytest.mark.parametrize("event", ORDER)
def test_the_trigger_causes_its_event_at_a_receiver(triggered, event):
    server, receiver, secret = triggered
    before = sum(r.event == event for r in receiver.deliveries())
    answer = server.control.post(f"/zemu/trigger/{event}", json={})
    assert answer.status_code == 200, answer.text
    assert answer.json()["event"] == event and answer.json()["touched"]
    deadline = time.monotonic() + 15
    while sum(r.event == event for r in receiver.deliveries()) <= before and time.monotonic() < deadline:
        time.sleep(0.02)
    arrived = [r for r in receiver.deliveries() if r.event == event]
    assert len(arrived) > before
    _checked(server, secret, arrived[before:])
