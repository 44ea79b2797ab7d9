"""``zemu trigger`` for every user and group event: each performs a real change, with no params."""

from __future__ import annotations

import pytest

from user_group_events import USER_AND_GROUP_EVENTS
from zemu.testing import ZemuServer

EVENTS = USER_AND_GROUP_EVENTS
WITH_OPERATOR = {e for e in EVENTS if e.startswith("group.")} | {
    "user.created",
    "user.updated",
    "user.settings_updated",
    "user.activated",
    "user.deactivated",
    "user.disassociated",
    "user.deleted",
}


@pytest.mark.parametrize("seed", [42])
def test_every_user_and_group_event_has_a_trigger_that_causes_it(zemu: ZemuServer, seed: int) -> None:
    owner = zemu.api.get("/users/me").json()
    for event in EVENTS:
        count = len(zemu.outbox())
        answer = zemu.control.post(f"/zemu/trigger/{event}", json={})
        assert answer.status_code == 200, (event, answer.text)
        sent = [e for e in zemu.outbox()[count:] if e["event"] == event]
        assert sent, event
        payload = sent[-1]["payload"]
        if event in WITH_OPERATOR:
            assert (payload["operator"], payload["operator_id"]) == (owner["email"], owner["id"]), event
        else:
            assert "operator" not in payload, event


def test_triggers_change_what_the_api_reads(zemu: ZemuServer) -> None:
    api = zemu.api
    xena = api.get("/users/xena.ibrahim@zemu-demo.example").json()
    assert xena["status"] == "pending"
    zemu.control.post("/zemu/trigger/user.invitation_accepted", json={})
    assert api.get(f"/users/{xena['id']}").json()["status"] == "active"

    zemu.control.post("/zemu/trigger/user.presence_status_updated", json={"user": xena["email"], "status": "Busy"})
    assert api.get(f"/users/{xena['id']}/presence_status").json() == {"status": "Busy"}

    touched = zemu.control.post("/zemu/trigger/group.created", json={"name": "Triggered"}).json()["touched"]
    assert api.get(f"/groups/{touched['group_id']}").json()["name"] == "Triggered"
    deleted = zemu.control.post("/zemu/trigger/user.deleted", json={}).json()["touched"]
    assert api.get(f"/users/{deleted['user_ids'][0]}").status_code == 404
    unknown = zemu.control.post("/zemu/trigger/user.deleted", json={"user": "ghost@example.com"})
    assert unknown.status_code == 404
