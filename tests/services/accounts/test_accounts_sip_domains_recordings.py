"""SIP trunk numbers and configuration, trusted and managed domains, the account's cloud recordings."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_assign_list_and_delete_sip_trunk_numbers(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    path = f"/accounts/{demo_sub['id']}/sip_trunk/numbers"
    answer = zemu.api.post(path, json={"phone_numbers": ["+12125550111", "+12125550112"]})
    assert answer.status_code == 201
    listed = zemu.api.get("/sip_trunk/numbers").json()
    assert listed["total_records"] == 2
    assert {n["number"] for n in listed["phone_numbers"]} == {"+12125550111", "+12125550112"}
    assert zemu.api.delete(path).status_code == 204
    assert zemu.api.get("/sip_trunk/numbers").json() == {"total_records": 0, "phone_numbers": []}


def test_a_number_belongs_to_one_sub_account(zemu: ZemuServer, demo_sub: dict[str, Any], new_sub: Any) -> None:
    other = new_sub()["id"]
    zemu.api.post(f"/accounts/{demo_sub['id']}/sip_trunk/numbers", json={"phone_numbers": ["+12125550111"]})
    answer = zemu.api.post(
        f"/accounts/{other}/sip_trunk/numbers", json={"phone_numbers": ["+12125550199", "+12125550111"]}
    )
    assert answer.status_code == 400 and answer.json()["code"] == 300
    assert zemu.api.get("/sip_trunk/numbers").json()["total_records"] == 1


def test_invalid_numbers_are_a_validation_error(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.post(f"/accounts/{demo_sub['id']}/sip_trunk/numbers", json={"phone_numbers": ["call me"]})
    assert answer.status_code == 400 and answer.json()["errors"][0]["field"] == "phone_numbers[0]"


def test_sip_config_is_copied_to_a_sub_account(zemu: ZemuServer, new_sub: Any) -> None:
    sub = new_sub()["id"]
    assert zemu.api.patch(f"/accounts/{sub}/sip_trunk/settings", json={"enable": True}).status_code == 204
    assert zemu.api.patch(f"/accounts/{sub}/sip_trunk/settings", json={"enable": False}).status_code == 204
    assert (
        zemu.api.patch("/accounts/NoSuchSub0000000000000/sip_trunk/settings", json={"enable": True}).json()["code"]
        == 2001
    )


def test_trusted_and_managed_domains(zemu: ZemuServer, demo_sub: dict[str, Any], new_sub: Any) -> None:
    assert zemu.api.get("/accounts/me/trusted_domains").json() == {"trusted_domains": ["partners.zemu-demo.example"]}
    managed = zemu.api.get(f"/accounts/{demo_sub['id']}/managed_domains").json()
    assert managed == {"total_records": 1, "domains": [{"domain": "zemu-demo-east.example", "status": "verified"}]}
    free = new_sub()["id"]
    answer = zemu.api.get(f"/accounts/{free}/managed_domains")
    assert answer.json() == {"code": 200, "message": f"Only available for Paid or ZMP account: {free}."}


def test_account_recordings_list_what_the_simulator_recorded(zemu: ZemuServer) -> None:
    day = zemu.now()[:10]
    for n in range(3):
        start = f"{day}T0{n}:00:00Z"
        made = zemu.api.post("/users/me/meetings", json={"topic": f"Meeting {n}", "type": 2, "start_time": start})
        zemu.control.post(
            f"/zemu/meetings/{made.json()['id']}/simulate",
            json={"participants": 1, "duration_minutes": 1, "record": True, "at": start},
        )
    today = {"from": day, "to": day}
    first = zemu.api.get("/accounts/me/recordings", params={"page_size": 2, **today}).json()
    assert first["total_records"] == 3 and [m["topic"] for m in first["meetings"]] == ["Meeting 0", "Meeting 1"]
    second = zemu.api.get("/accounts/me/recordings", params={"next_page_token": first["next_page_token"]}).json()
    assert [m["topic"] for m in second["meetings"]] == ["Meeting 2"] and second["next_page_token"] == ""


def test_account_recordings_are_empty_by_default_and_check_the_range(zemu: ZemuServer) -> None:
    today = zemu.now()[:10]  # the demo's recorded meetings are on the days before
    empty = zemu.api.get("/accounts/me/recordings", params={"from": today}).json()
    assert empty["meetings"] == [] and empty["next_page_token"] == "" and empty["to"] == today
    assert zemu.api.get("/accounts/me/recordings").json()["total_records"] >= 1
    wide = zemu.api.get("/accounts/me/recordings", params={"from": "2026-01-01", "to": "2026-03-01"})
    assert wide.status_code == 400 and wide.json()["code"] == 300
    bad = zemu.api.get("/accounts/me/recordings", params={"from": "yesterday"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "from"
