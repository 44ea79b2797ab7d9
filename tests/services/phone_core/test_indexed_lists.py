"""Filtered phone lists are served by the term index: the filters, their totals, paging across pages
with a filter, and list items that follow what they show (a renamed site, a number changing hands,
a renamed common area on its desk phones)."""

from __future__ import annotations

from typing import Any

from zemu.services.phone import model
from zemu.testing import ZemuServer


def all_pages(zemu: ZemuServer, path: str, key: str, **params: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """Every item of a list read page by page, and the total each page announced."""
    items: list[dict[str, Any]] = []
    totals: list[int] = []
    query: dict[str, Any] = dict(params)
    while True:
        page = zemu.api.get(path, params=query).json()
        items += page[key]
        totals.append(page.get("total_records", -1))
        if not page["next_page_token"]:
            return items, totals
        query = {**params, "next_page_token": page["next_page_token"]}  # re-sent filters are ignored


def test_phone_users_filtered_by_site_and_plan_page_across_pages(
    zemu: ZemuServer, phone_users: list[dict[str, Any]], demo_sites: list[dict[str, Any]]
) -> None:
    austin = next(s for s in demo_sites if s["name"] == "Austin")
    expected = [u["id"] for u in phone_users if u["site"]["id"] == austin["id"]]
    got, totals = all_pages(zemu, "/phone/users", "users", site_id=austin["id"], page_size=3)
    assert [u["id"] for u in got] == expected and len(totals) > 1
    assert set(totals) == {len(expected)}
    metered = [u["id"] for u in phone_users if any(p["type"] == 100 for p in u["calling_plans"])]
    both = [u["id"] for u in phone_users if u["id"] in metered and u["site"]["id"] == austin["id"]]
    got, totals = all_pages(zemu, "/phone/users", "users", site_id=austin["id"], calling_type=100, page_size=1)
    assert [u["id"] for u in got] == both and set(totals) == {len(both)}
    none = zemu.api.get("/phone/users", params={"site_id": austin["id"], "keyword": "zzzz"}).json()
    assert none["users"] == [] and none["total_records"] == 0


def test_a_renamed_site_shows_on_its_users_and_a_moved_number_on_its_owners(
    zemu: ZemuServer, phone_users: list[dict[str, Any]], demo_sites: list[dict[str, Any]]
) -> None:
    api = zemu.api
    austin = next(s for s in demo_sites if s["name"] == "Austin")
    assert api.patch(f"/phone/sites/{austin['id']}", json={"name": "Austin TX"}).status_code == 204
    listed = api.get("/phone/users", params={"site_id": austin["id"], "page_size": 100}).json()["users"]
    assert listed and {u["site"]["name"] for u in listed} == {"Austin TX"}
    holder = next(u for u in phone_users if u["phone_numbers"])
    number = holder["phone_numbers"][0]
    assert api.delete(f"/phone/users/{holder['id']}/phone_numbers/{number['id']}").status_code == 204
    again = api.get("/phone/users", params={"keyword": holder["email"]}).json()["users"]
    assert number["id"] not in [n["id"] for n in again[0]["phone_numbers"]]
    assert api.get(f"/phone/users/{holder['id']}").json()["phone_numbers"] == again[0]["phone_numbers"]
    area = api.post("/phone/common_areas", json={"display_name": "Lobby"}).json()
    assert api.post(
        f"/phone/common_areas/{area['id']}/phone_numbers", json={"phone_numbers": [{"id": number["id"]}]}
    ).status_code in (200, 201)
    areas = api.get("/phone/common_areas", params={"page_size": 100}).json()["common_areas"]
    assert [n["id"] for a in areas if a["id"] == area["id"] for n in a["phone_numbers"]] == [number["id"]]


def test_devices_filtered_by_type_assignee_and_site(
    zemu: ZemuServer, phone_users: list[dict[str, Any]], demo_sites: list[dict[str, Any]]
) -> None:
    api = zemu.api
    before = api.get("/phone/devices", params={"type": "assigned"}).json()["total_records"]
    area = api.post("/phone/common_areas", json={"display_name": "Break Room"}).json()
    area_ext = api.get(f"/phone/common_areas/{area['id']}").json()
    extension_id = _extension_id(zemu, area["id"])
    made = []
    for i in range(5):
        body = {"display_name": f"Kitchen {i}", "mac_address": f"02:00:00:00:00:{i:02x}", "type": "poly"}
        if i % 2 == 0:
            body["assignee_extension_ids"] = [extension_id]
        made.append(api.post("/phone/devices", json=body).json()["id"])
    got, totals = all_pages(
        zemu, "/phone/devices", "devices", type="assigned", assignee_type="commonArea", keyword="kitchen", page_size=2
    )
    assert [d["id"] for d in got] == [made[0], made[2], made[4]] and set(totals) == {3}
    assert {d["assignee"]["name"] for d in got} == {"Break Room"}
    assert api.get("/phone/devices", params={"type": "assigned"}).json()["total_records"] == before + 3
    unassigned, _ = all_pages(zemu, "/phone/devices", "devices", type="unassigned", keyword="kitchen")
    assert [d["id"] for d in unassigned] == [made[1], made[3]]
    site = area_ext["site"]["id"]
    at_site, _ = all_pages(zemu, "/phone/devices", "devices", type="assigned", site_id=site, keyword="kitchen")
    assert len(at_site) == 3
    # a renamed common area shows on its desk phones, and its desk phones on it
    assert api.patch(f"/phone/common_areas/{area['id']}", json={"display_name": "Cafe"}).status_code == 204
    renamed, _ = all_pages(zemu, "/phone/devices", "devices", type="assigned", keyword="cafe")
    assert [d["id"] for d in renamed] == [made[0], made[2], made[4]]
    phones = api.get(f"/phone/common_areas/{area['id']}").json()["desk_phones"]
    assert sorted(p["id"] for p in phones) == sorted([made[0], made[2], made[4]])
    assert api.delete(f"/phone/devices/{made[0]}").status_code == 204
    phones = api.get(f"/phone/common_areas/{area['id']}").json()["desk_phones"]
    assert sorted(p["id"] for p in phones) == sorted([made[2], made[4]])


def _extension_id(zemu: ZemuServer, area_id: str) -> str:
    """A common area's extension id (Zoom's common area reads do not show it)."""
    return zemu.transaction(lambda tx: str(model.get_common_area(tx, area_id)["extension_id"]))


def test_a_deleted_site_hands_its_unassigned_desk_phones_to_the_transfer_site(
    zemu: ZemuServer, demo_sites: list[dict[str, Any]]
) -> None:
    api = zemu.api
    main = demo_sites[0]
    branch = api.post(
        "/phone/sites",
        json={
            "name": "Kiosk",
            "auto_receptionist_name": "Kiosk AR",
            "default_emergency_address": {
                "address_line1": "1 Main St",
                "city": "Reno",
                "zip": "89501",
                "state_code": "NV",
                "country": "US",
            },
        },
    )
    site_id = branch.json()["id"]
    device = api.post(
        "/phone/devices",
        json={"display_name": "Kiosk phone", "mac_address": "02:00:00:00:02:01", "type": "poly", "site_id": site_id},
    ).json()
    here = api.get("/phone/devices", params={"type": "unassigned", "site_id": site_id}).json()
    assert [d["id"] for d in here["devices"]] == [device["id"]] and here["total_records"] == 1
    assert api.delete(f"/phone/sites/{site_id}", params={"transfer_site_id": main["id"]}).status_code == 204
    moved = api.get("/phone/devices", params={"type": "unassigned", "site_id": main["id"], "keyword": "kiosk"}).json()[
        "devices"
    ]
    assert [d["id"] for d in moved] == [device["id"]] and moved[0]["site"]["name"] == main["name"]
    assert api.get("/phone/devices", params={"type": "unassigned", "site_id": site_id}).json()["devices"] == []
