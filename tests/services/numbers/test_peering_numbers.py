"""Cloud peering numbers (Provider Exchange), in both path forms, and their place in Zoom Phone."""

from __future__ import annotations

from typing import Any

import pytest

from zemu.testing import ZemuServer

CARRIER = 3456


def peer(number: str, trunk: str = "demo-carrier-trunk-east", **extra: Any) -> dict[str, Any]:
    return {"phone_number": number, "sip_trunk_name": trunk, "status": True, **extra}


def listed(zemu: ZemuServer, nm: str) -> dict[str, dict[str, Any]]:
    body = zemu.api.get(f"{nm}/peering_numbers", params={"page_size": 300}).json()
    return {n["phone_number"]: n for n in body["numbers"]}


def test_added_peering_numbers_are_listed_and_appear_in_zoom_phone(zemu, nm, phone_numbers):
    answer = zemu.api.post(
        f"{nm}/peering_numbers",
        json={
            "carrier_code": CARRIER,
            "allocated_product": "ZOOM_PHONE",
            "phone_numbers": [
                peer(
                    "+15125550170",
                    number_type="Mobile",
                    voice_direction="INBOUND_ONLY",
                    billing_ref_id="B-1",
                    message_capability="NOT_APPLICABLE",
                )
            ],
        },
    )
    assert answer.status_code == 201, answer.text
    row = listed(zemu, nm)["+15125550170"]
    assert row["allocated_product"] == "ZOOM_PHONE" and row["assigned"] is False and row["status"] is True
    assert row["voice_direction"] == "INBOUND_ONLY" and row["billing_ref_id"] == "B-1"
    phone = phone_numbers(type="byoc")["+15125550170"]
    assert phone["source"] == "external" and phone["capability"] == ["incoming"]


def test_unallocated_peering_number_stays_out_of_zoom_phone(zemu, nm, phone_numbers):
    zemu.api.post(
        f"{nm}/peering_numbers",
        json={"carrier_code": CARRIER, "allocated_product": "UNALLOCATED", "phone_numbers": [peer("+15125550171")]},
    )
    assert listed(zemu, nm)["+15125550171"]["allocated_product"] == "UNALLOCATED"
    assert "+15125550171" not in phone_numbers()


def test_add_refuses_empty_and_oversized_batches(zemu, nm):
    empty = zemu.api.post(
        f"{nm}/peering_numbers", json={"carrier_code": CARRIER, "allocated_product": "ZOOM_PHONE", "phone_numbers": []}
    )
    assert empty.status_code == 400 and empty.json()["code"] == 1002
    many = [peer(f"+1512556{i:04d}") for i in range(201)]
    big = zemu.api.post(
        f"{nm}/peering_numbers",
        json={"carrier_code": CARRIER, "allocated_product": "ZOOM_PHONE", "phone_numbers": many},
    )
    assert big.status_code == 400 and big.json()["code"] == 1003
    assert "+15125560000" not in listed(zemu, nm)


def test_add_refuses_an_unknown_carrier(zemu, nm):
    answer = zemu.api.post(
        f"{nm}/peering_numbers",
        json={"carrier_code": 9999, "allocated_product": "ZOOM_PHONE", "phone_numbers": [peer("+15125550172")]},
    )
    assert answer.status_code == 400 and answer.json() == {"code": 1001, "message": "Carrier not found"}


def test_add_is_all_or_nothing_and_names_each_failure(zemu, nm):
    answer = zemu.api.post(
        f"{nm}/peering_numbers",
        json={
            "carrier_code": CARRIER,
            "allocated_product": "ZOOM_PHONE",
            "phone_numbers": [
                peer("+15125550173"),
                peer("12345"),
                peer("+15125550174", trunk="nope"),
                peer("+15125550150"),
            ],
        },
    )
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == 1000 and body["message"].startswith("Some data failed.")
    for fragment in (
        '"12345","reason":"Invalid number"',
        '"+15125550174","reason":"Invalid Sip Trunk"',
        '"+15125550150","reason":"Phone number already exists"',
    ):
        assert fragment in body["message"]
    assert "+15125550173" not in listed(zemu, nm)


def test_update_changes_details_and_status(zemu, nm, phone_numbers):
    answer = zemu.api.patch(
        f"{nm}/peering_numbers",
        json={
            "carrier_code": CARRIER,
            "phone_numbers": [
                peer(
                    "+15125550150",
                    trunk="demo-carrier-trunk-west",
                    status=False,
                    service_info="Inbound only",
                    voice_msg_capacity="ZOOM_PHONE_USER_ONLY",
                )
            ],
        },
    )
    assert answer.status_code == 204, answer.text
    row = listed(zemu, nm)["+15125550150"]
    assert row["sip_trunk_name"] == "demo-carrier-trunk-west" and row["status"] is False
    assert row["service_info"] == "Inbound only" and row["voice_msg_capacity"] == "ZOOM_PHONE_USER_ONLY"
    assert phone_numbers(pending_numbers=True)["+15125550150"]["status"] == "pending"


def test_update_moves_only_unallocated_numbers_to_a_product(zemu, nm, phone_numbers):
    refused = zemu.api.patch(
        f"{nm}/peering_numbers",
        json={
            "carrier_code": CARRIER,
            "allocated_product": "ZOOM_CONTACT_CENTER",
            "phone_numbers": [{"phone_number": "+15125550153"}, {"phone_number": "+15125550150"}],
        },
    )
    assert refused.status_code == 400 and refused.json()["code"] == 1000
    assert "Unable to switch products for the number" in refused.json()["message"]
    assert listed(zemu, nm)["+15125550153"]["allocated_product"] == "UNALLOCATED"
    moved = zemu.api.patch(
        f"{nm}/peering_numbers",
        json={
            "carrier_code": CARRIER,
            "allocated_product": "ZOOM_PHONE",
            "phone_numbers": [{"phone_number": "+15125550153"}],
        },
    )
    assert moved.status_code == 204
    assert "+15125550153" in phone_numbers()


def test_update_refuses_unknown_numbers_carrier_and_batches(zemu, nm):
    unknown = zemu.api.patch(
        f"{nm}/peering_numbers", json={"carrier_code": CARRIER, "phone_numbers": [{"phone_number": "+15125559999"}]}
    )
    assert unknown.status_code == 400 and unknown.json()["code"] == 1000
    assert "Phone number does not exist" in unknown.json()["message"]
    carrier = zemu.api.patch(
        f"{nm}/peering_numbers", json={"carrier_code": 1, "phone_numbers": [{"phone_number": "+15125550150"}]}
    )
    assert carrier.json() == {"code": 1001, "message": "Carrier not found"}
    empty = zemu.api.patch(f"{nm}/peering_numbers", json={"carrier_code": CARRIER, "phone_numbers": []})
    assert empty.status_code == 400 and empty.json()["code"] == 1002
    many = [{"phone_number": f"+1512556{i:04d}"} for i in range(201)]
    big = zemu.api.patch(f"{nm}/peering_numbers", json={"carrier_code": CARRIER, "phone_numbers": many})
    # the catalogue's request schema caps the array at 200, so request validation answers first
    assert big.status_code == 400 and big.json()["code"] == 1003


def test_delete_removes_numbers_everywhere(zemu, nm, phone_numbers, numbers):
    answer = zemu.api.delete(f"{nm}/peering_numbers", params={"carrier_code": CARRIER, "phone_numbers": "+15125550151"})
    assert answer.status_code in (200, 204), answer.text
    assert "+15125550151" not in listed(zemu, nm)
    assert "+15125550151" not in phone_numbers() and "+15125550151" not in numbers()


def test_delete_refuses_numbers_in_use_unknown_or_foreign(zemu, nm, phone_user):
    number = zemu.api.get("/phone/numbers/+15125550150").json()
    assigned = zemu.api.post(
        f"/phone/users/{phone_user['id']}/phone_numbers", json={"phone_numbers": [{"id": number["id"]}]}
    )
    assert assigned.status_code == 200, assigned.text
    answer = zemu.api.delete(
        f"{nm}/peering_numbers", params={"carrier_code": CARRIER, "phone_numbers": "+15125550150,+15125550152"}
    )
    assert answer.status_code == 400 and answer.json()["code"] == 1000
    assert listed(zemu, nm)["+15125550150"]["assigned"] is True and "+15125550152" in listed(zemu, nm)
    foreign = zemu.api.delete(
        f"{nm}/peering_numbers", params={"carrier_code": CARRIER, "phone_numbers": "+14085550180"}
    )
    assert foreign.json()["code"] == 1000 and "Phone number does not exist" in foreign.json()["message"]
    carrier = zemu.api.delete(f"{nm}/peering_numbers", params={"carrier_code": 1, "phone_numbers": "+15125550152"})
    assert carrier.json() == {"code": 1001, "message": "Carrier not found"}


def test_list_filters_by_number_and_refuses_unknown_carriers(zemu, nm):
    one = zemu.api.get(f"{nm}/peering_numbers", params={"phone_number": "+15125550152"}).json()
    assert [n["phone_number"] for n in one["numbers"]] == ["+15125550152"] and one["total_records"] == 1
    assert one["numbers"][0]["status"] is False
    bad = zemu.api.get(f"{nm}/peering_numbers", params={"carrier_code": 77})
    assert bad.status_code == 400 and bad.json() == {"code": 1001, "message": "Carrier not found"}


def test_provider_list_shows_customers_and_pages(zemu, nm):
    first = zemu.api.get(f"{nm}/carrier/peering_numbers", params={"page_size": 3}).json()
    assert len(first["numbers"]) == 3 and first["total_records"] == 4 and first["next_page_token"]
    assert first["numbers"][0]["customer_account_name"]
    rest = zemu.api.get(f"{nm}/carrier/peering_numbers", params={"next_page_token": first["next_page_token"]}).json()
    assert [n["phone_number"] for n in rest["numbers"]] == ["+15125550153"] and rest["next_page_token"] == ""


def test_caller_id_name_change_of_a_peering_number_tells_the_carrier(zemu, nm):
    number = zemu.api.get("/phone/numbers/+15125550150").json()
    answer = zemu.api.patch(f"{nm}/numbers/{number['id']}", json={"caller_id_name": "ACME SALES"})
    assert answer.status_code == 204, answer.text
    events = {e["event"]: e["payload"] for e in zemu.outbox()}
    for name in ("phone.peering_number_cnam_updated", "number_management.peering_number_cnam_updated"):
        assert events[name]["object"] == {
            "carrier_code": CARRIER,
            "phone_numbers": ["+15125550150"],
            "cnam": "ACME SALES",
        }


@pytest.mark.parametrize(
    "event",
    [
        "phone.peering_number_emergency_address_updated",
        "number_management.peering_number_emergency_address_updated",
        "phone.peering_number_cnam_updated",
    ],
)
def test_triggers_emit_the_peering_events(zemu, event):
    result = zemu.control.post(f"/zemu/trigger/{event}", json={"number": "+15125550152"})
    assert result.status_code == 200, result.text
    sent = [e for e in zemu.outbox() if e["event"] == event]
    assert sent and sent[-1]["payload"]["object"]["carrier_code"] == CARRIER
    assert sent[-1]["payload"]["object"]["phone_numbers"] == ["+15125550152"]


def test_confirming_an_address_update_of_a_peering_number_tells_the_carrier(zemu, nm):
    zemu.control.post(
        "/zemu/trigger/phone.peering_number_emergency_address_updated",
        json={"number": "+15125550150", "city": "Austin"},
    )
    number = zemu.api.get("/phone/numbers/+15125550150").json()
    before = len(zemu.outbox())
    answer = zemu.api.patch(f"{nm}/numbers/{number['id']}", json={"confirm_address_update": True})
    assert answer.status_code == 204
    assert len(zemu.outbox()) == before  # nothing was pending confirmation: no event


def test_zoom_phone_lists_the_same_peering_numbers_in_its_older_shape(zemu):
    modern = zemu.api.get("/number_management/peering_numbers", params={"carrier_code": CARRIER}).json()
    older = zemu.api.get("/phone/peering/numbers", params={"carrier_code": CARRIER}).json()
    assert older["total_records"] == modern["total_records"] > 0
    assert [n["phone_number"] for n in older["numbers"]] == [n["phone_number"] for n in modern["numbers"]]
    first, same = older["numbers"][0], modern["numbers"][0]
    assert first["assigned"] == int(same["assigned"]) and first["status"] == int(same["status"])
    assert "allocated_product" not in first
