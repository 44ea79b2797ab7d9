"""Number Management's numbers: list, details, update, delete, allocation and BYOC, in both path forms."""

from __future__ import annotations

import httpx


def nm_id(numbers, e164: str) -> str:
    return numbers()[e164]["id"]


def test_list_filters_and_details_keep_zooms_field_names(zemu, nm):
    body = zemu.api.get(f"{nm}/numbers", params={"assigned_to_type": "User", "page_size": 200}).json()
    user_number = body["numbers"][0]
    assert user_number["assigned_list"][0]["assigned_to_type"] == "User"
    assert "assgined_to_name" in user_number["assigned_list"][0]
    free = zemu.api.get(f"{nm}/numbers", params={"assigned_to_type": "PhoneUnassigned", "number_type": "TollFree"})
    assert {n["number"] for n in free.json()["numbers"]} == {"+18005550100", "+18005550101"}
    peered = zemu.api.get(f"{nm}/numbers", params={"number_source": "BYOCCloud", "keyword": "51255501"}).json()
    assert {n["number"] for n in peered["numbers"]} == {f"+1512555015{i}" for i in range(4)}
    details = zemu.api.get(f"{nm}/numbers/{user_number['id']}").json()
    assert details["number"] == user_number["number"] and details["allocated_product"] == "ZOOM_PHONE"


def test_list_refuses_an_unknown_site_and_a_bad_page_token(zemu, nm):
    site = zemu.api.get(f"{nm}/numbers", params={"site_id": "nosuchsite"})
    assert site.status_code == 400 and site.json() == {"code": 1002010, "message": "The site does not exist"}
    token = zemu.api.get(f"{nm}/numbers", params={"next_page_token": "garbage"})
    assert token.status_code == 400
    assert token.json() == {"code": 1003100, "message": "The next page token is either invalid or has expired"}


def test_list_pages_with_the_token_alone(zemu, nm):
    first = zemu.api.get(f"{nm}/numbers", params={"page_size": 10, "allocated_product": "ZOOM_PHONE"}).json()
    seen = [n["number"] for n in first["numbers"]]
    token = first["next_page_token"]
    while token:
        page = zemu.api.get(f"{nm}/numbers", params={"next_page_token": token}).json()
        seen += [n["number"] for n in page["numbers"]]
        token = page["next_page_token"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) and "+14085550185" not in seen


def test_get_unknown_number_is_404(zemu, nm):
    answer = zemu.api.get(f"{nm}/numbers/nosuchnumber")
    assert answer.status_code == 404


def test_update_names_sip_group_and_byoc_capability(zemu, nm, numbers):
    groups = zemu.api.get(f"{nm}/sip_groups", params={"allocated_product": "ZOOM_PHONE"}).json()["sip_groups"]
    byoc = nm_id(numbers, "+15125550160")
    answer = zemu.api.patch(
        f"{nm}/numbers/{byoc}",
        json={
            "display_name": "Austin fax",
            "sip_group_id": groups[0]["sip_group_id"],
            "capability": {"outgoing": False},
        },
    )
    assert answer.status_code == 204, answer.text
    details = zemu.api.get(f"{nm}/numbers/{byoc}").json()
    assert details["display_name"] == "Austin fax" and details["capability"] == ["Incoming"]
    assert details["sip_group"] == {"id": groups[0]["sip_group_id"], "name": "SIP 01"}


def test_update_refuses_unknown_group_native_capability_and_unknown_number(zemu, nm, numbers):
    native = nm_id(numbers, "+14085550180")
    group = zemu.api.patch(f"{nm}/numbers/{native}", json={"sip_group_id": "nope", "display_name": "X"})
    assert group.status_code == 400 and group.json() == {"code": 100001, "message": "Sip Group not found"}
    capability = zemu.api.patch(f"{nm}/numbers/{native}", json={"capability": {"incoming": False}})
    assert capability.json() == {"code": 200001, "message": "The capability cannot be updated"}
    assert "display_name" not in zemu.api.get(f"{nm}/numbers/{native}").json()
    assert zemu.api.patch(f"{nm}/numbers/nope", json={"display_name": "X"}).status_code == 404


def test_confirming_an_address_update_clears_the_flag(zemu, nm, numbers):
    byoc = nm_id(numbers, "+15125550161")
    assert zemu.api.get(f"{nm}/numbers/{byoc}").json()["address_update_required"] is True
    assert zemu.api.patch(f"{nm}/numbers/{byoc}", json={"confirm_address_update": True}).status_code == 204
    assert zemu.api.get(f"{nm}/numbers/{byoc}").json()["address_update_required"] is False


def test_delete_numbers_frees_them_and_refuses_unknown_or_used_ones(zemu, nm, numbers, phone_numbers):
    spare, used = nm_id(numbers, "+14085550181"), nm_id(numbers, "+14085550101")
    unknown = zemu.api.delete(f"{nm}/numbers", params={"numbers": f"{spare},nope"})
    assert unknown.status_code == 400 and unknown.json() == {"code": 100002, "message": "Phone number not found"}
    in_use = zemu.api.delete(f"{nm}/numbers", params={"numbers": f"{spare},{used}"})
    assert in_use.status_code == 400
    assert "+14085550181" in numbers() and "+14085550101" in numbers()
    assert zemu.api.delete(f"{nm}/numbers", params={"numbers": spare}).status_code == 204
    assert "+14085550181" not in numbers() and "+14085550181" not in phone_numbers()


def test_allocation_moves_only_unallocated_numbers(zemu, nm, numbers, phone_numbers):
    free, phone = nm_id(numbers, "+14085550185"), nm_id(numbers, "+14085550182")
    refused = zemu.api.patch(
        f"{nm}/allocation", json={"numbers": [free, phone], "allocated_product": "ZOOM_CONTACT_CENTER"}
    )
    assert refused.json() == {"code": 200002, "message": "Unable to switch products for the number"}
    assert numbers()["+14085550185"]["allocated_product"] == "UNALLOCATED"
    site = zemu.api.patch(
        f"{nm}/allocation", json={"numbers": [free], "allocated_product": "ZOOM_PHONE", "site_id": "nope"}
    )
    assert site.json() == {"code": 1002010, "message": "The site does not exist"}
    unknown = zemu.api.patch(f"{nm}/allocation", json={"numbers": ["nope"], "allocated_product": "ZOOM_PHONE"})
    assert unknown.json() == {"code": 100002, "message": "Phone number not found"}
    assert (
        zemu.api.patch(f"{nm}/allocation", json={"numbers": [free], "allocated_product": "ZOOM_PHONE"}).status_code
        == 204
    )
    assert phone_numbers()["+14085550185"]["site"]["id"]
    assert (
        zemu.api.patch(f"{nm}/allocation", json={"numbers": [phone], "allocated_product": "UNALLOCATED"}).status_code
        == 204
    )
    assert "+14085550182" not in phone_numbers()


def test_an_assigned_number_cannot_be_unallocated(zemu, nm, numbers):
    used = nm_id(numbers, "+14085550101")
    answer = zemu.api.patch(f"{nm}/allocation", json={"numbers": [used], "allocated_product": "UNALLOCATED"})
    assert answer.status_code == 400 and answer.json()["code"] == 200002


def test_byoc_numbers_are_added_to_a_site(zemu, nm, phone_numbers):
    site_id = phone_numbers()["+14085550180"]["site"]["id"]
    answer = zemu.api.post(
        f"{nm}/byoc_numbers",
        json={"allocated_product": "ZOOM_PHONE", "site_id": site_id, "phone_numbers": ["+15125550162", "+15125550163"]},
    )
    assert answer.status_code == 201, answer.text
    added = phone_numbers(type="byoc")
    assert added["+15125550162"]["source"] == "external" and added["+15125550163"]["site"]["id"] == site_id


def test_byoc_refusals_change_nothing(zemu, nm, phone_numbers):
    site_id = phone_numbers()["+14085550180"]["site"]["id"]

    def post(**changes: object) -> httpx.Response:
        body = {"allocated_product": "ZOOM_PHONE", "site_id": site_id, "phone_numbers": ["+15125550164"], **changes}
        return zemu.api.post(f"{nm}/byoc_numbers", json={k: v for k, v in body.items() if v is not None})

    assert post(site_id=None).json()["code"] == 1002003
    assert post(site_id="nope").json() == {"code": 1002010, "message": "The site does not exist"}
    assert post(sip_group_id="nope").json() == {"code": 100001, "message": "Sip Group not found"}
    bad = post(phone_numbers=["+15125550164", "5550", "+14085550101"]).json()
    assert bad["code"] == 1000 and "Phone Number format invalid" in bad["message"]
    assert "Phone Number already exists" in bad["message"]
    assert "+15125550164" not in phone_numbers()


def test_byoc_needs_a_byoc_trunk(zemu, sub_account):
    me = zemu.api.get("/users/me").json()["account_id"]
    assert sub_account["id"] != me
    answer = zemu.api.post(
        f"/accounts/{sub_account['id']}/number_management/byoc_numbers",
        json={"allocated_product": "ZOOM_CONTACT_CENTER", "phone_numbers": ["+15125550165"]},
    )
    assert answer.status_code == 400
    assert answer.json() == {"code": 1004, "message": "BYOC Phone Numbers are not enabled for this account"}


def test_master_form_reaches_sub_accounts_but_not_strangers(zemu, sub_account):
    mine = zemu.api.get(f"/accounts/{sub_account['id']}/number_management/numbers")
    assert mine.status_code == 200 and mine.json()["numbers"] == []
    stranger = zemu.api.get("/accounts/nosuchaccount/number_management/numbers")
    assert stranger.status_code in (400, 404) and stranger.json()["code"] == 2001
