"""Number lists read through the index: each filter alone and combined, totals, and pages that
keep their filters; a list follows what changes a number's place in it."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def every_page(zemu: ZemuServer, path: str, key: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    query: dict[str, Any] = {"page_size": 2, **params}
    while True:
        page = zemu.api.get(path, params=query).json()
        items += page[key]
        if not page.get("next_page_token"):
            return items
        query = {"next_page_token": page["next_page_token"]}


def test_number_management_filters_combine_across_pages(zemu: ZemuServer, numbers: Any) -> None:
    everything = numbers()
    for params in (
        {"assigned_to_type": "User"},
        {"assigned_to_type": "PhoneUnassigned", "number_type": "Toll"},
        {"number_source": "BYOCCloud", "allocated_product": "ZOOM_PHONE"},
        {"number_status": "Pending"},
    ):
        paged = every_page(zemu, "/number_management/numbers", "numbers", **params)
        wanted = [n for n in everything.values() if all(_matches(n, k, v) for k, v in params.items())]
        assert [n["number"] for n in paged] == sorted(n["number"] for n in wanted), params
        assert paged, params


def _matches(number: dict[str, Any], param: str, value: str) -> bool:
    assigned = number.get("assigned_list") or []
    if param == "assigned_to_type" and value == "PhoneUnassigned":
        return not assigned and number["allocated_product"] == "ZOOM_PHONE"
    if param == "assigned_to_type":
        return bool(assigned) and assigned[0]["assigned_to_type"] == value
    field = {
        "number_type": "number_type",
        "number_source": "source",
        "allocated_product": "allocated_product",
        "number_status": "status",
    }[param]
    return bool(number.get(field) == value)


def test_a_phone_list_follows_assignment(zemu: ZemuServer, phone_numbers: Any) -> None:
    free = phone_numbers(type="unassigned")
    me = zemu.api.get("/phone/users", params={"page_size": 1}).json()["users"][0]
    number = sorted(free)[0]
    assigned = zemu.api.post(f"/phone/users/{me['id']}/phone_numbers", json={"phone_numbers": [{"number": number}]})
    assert assigned.status_code in (200, 201)
    assert number not in phone_numbers(type="unassigned")
    held = phone_numbers(type="assigned", extension_type="user")[number]
    assert held["assignee"]["id"] == me["id"]
    total = zemu.api.get("/phone/numbers", params={"type": "unassigned", "page_size": 1}).json()["total_records"]
    assert total == len(free) - 1
    assert zemu.api.delete(f"/phone/users/{me['id']}/phone_numbers/{held['id']}").status_code == 204
    assert number in phone_numbers(type="unassigned")
