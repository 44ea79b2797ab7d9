"""Zoom Phone's numbers: lists, details, updates, users' numbers, the main company number, BYOC."""

from __future__ import annotations


def test_list_filters_by_type_number_type_site_and_keyword(zemu, phone_numbers):
    everything = phone_numbers()
    assert "+14085550185" not in everything and "+14085550186" not in everything  # not allocated to Zoom Phone
    assigned = phone_numbers(type="assigned")
    assert assigned and all("assignee" in n for n in assigned.values())
    unassigned = phone_numbers(type="unassigned")
    assert "+14085550180" in unassigned and all("assignee" not in n for n in unassigned.values())
    assert set(phone_numbers(number_type="tollfree")) == {"+18005550100", "+18005550101"}
    assert set(phone_numbers(phone_number="5550160")) == {"+15125550160"}
    site_id = everything["+15125550160"]["site"]["id"]
    assert all(n["site"]["id"] == site_id for n in phone_numbers(site_id=site_id).values())
    users = phone_numbers(extension_type="user")
    assert users and set(users) <= set(assigned) and all(n["assignee"]["type"] == "user" for n in users.values())


def test_list_pages_keep_their_filters(zemu):
    first = zemu.api.get("/phone/numbers", params={"type": "unassigned", "page_size": 5}).json()
    seen = [n["number"] for n in first["phone_numbers"]]
    page = zemu.api.get("/phone/numbers", params={"next_page_token": first["next_page_token"]}).json()
    seen += [n["number"] for n in page["phone_numbers"]]
    assert all("assignee" not in n for n in page["phone_numbers"]) and len(seen) == len(set(seen))
    assert first["total_records"] == page["total_records"]


def test_details_and_unknown_number(zemu, phone_numbers):
    number = phone_numbers()["+14085550101"]
    details = zemu.api.get(f"/phone/numbers/{number['id']}").json()
    assert details["number"] == "+14085550101" and details["assignee"]["type"] == "user"
    missing = zemu.api.get("/phone/numbers/nosuchnumber")
    assert missing.status_code == 400
    assert missing.json() == {"code": 400, "message": "Phone number does not exist, phonenumberId:nosuchnumber"}


def test_update_display_name_and_byoc_capability(zemu, phone_numbers):
    byoc = phone_numbers()["+15125550160"]["id"]
    answer = zemu.api.patch(f"/phone/numbers/{byoc}", json={"display_name": "Fax", "capability": ["incoming"]})
    assert answer.status_code == 204, answer.text
    details = zemu.api.get(f"/phone/numbers/{byoc}").json()
    assert details["display_name"] == "Fax" and details["capability"] == ["incoming"]


def test_update_refusals(zemu, phone_numbers):
    native = phone_numbers()["+14085550180"]["id"]
    refused = zemu.api.patch(f"/phone/numbers/{native}", json={"capability": ["incoming"], "display_name": "X"})
    assert refused.status_code == 400 and refused.json()["code"] == 300
    assert "display_name" not in zemu.api.get(f"/phone/numbers/{native}").json()
    missing = zemu.api.patch("/phone/numbers/nope", json={"display_name": "X"})
    assert missing.status_code == 404
    assert missing.json() == {"code": 404, "message": "Phone number does not exist. ID: nope."}


def test_assign_and_unassign_a_users_number(zemu, phone_user, phone_numbers):
    spare = phone_numbers()["+14085550180"]
    answer = zemu.api.post(
        f"/phone/users/{phone_user['id']}/phone_numbers", json={"phone_numbers": [{"number": "+14085550180"}]}
    )
    assert answer.status_code == 200
    assert answer.json() == {"phone_numbers": [{"id": spare["id"], "number": "+14085550180"}]}
    assignee = phone_numbers()["+14085550180"]["assignee"]
    assert assignee["id"] == phone_user["id"] and assignee["type"] == "user"
    assert zemu.api.delete(f"/phone/users/{phone_user['id']}/phone_numbers/{spare['id']}").status_code == 204
    assert "assignee" not in phone_numbers()["+14085550180"]


def test_a_number_has_one_owner_and_must_belong_to_zoom_phone(zemu, phone_user, phone_numbers, numbers):
    others = phone_numbers(type="assigned")
    taken = next(n for n in others.values() if n["assignee"]["id"] != phone_user["id"])
    answer = zemu.api.post(
        f"/phone/users/{phone_user['id']}/phone_numbers",
        json={"phone_numbers": [{"id": "+14085550181"}, {"id": taken["id"]}]},
    )
    assert answer.status_code == 400 and answer.json()["code"] == 409
    assert "assignee" not in phone_numbers()["+14085550181"]
    contact_center = numbers()["+14085550186"]["id"]
    refused = zemu.api.post(
        f"/phone/users/{phone_user['id']}/phone_numbers", json={"phone_numbers": [{"id": contact_center}]}
    )
    assert refused.status_code == 400


def test_user_number_errors(zemu, phone_user, phone_numbers):
    missing = zemu.api.post(
        "/phone/users/nosuchuser/phone_numbers", json={"phone_numbers": [{"number": "+14085550180"}]}
    )
    assert missing.status_code == 404 and missing.json()["code"] == 1001
    other = phone_numbers()["+14085550180"]["id"]
    not_theirs = zemu.api.delete(f"/phone/users/{phone_user['id']}/phone_numbers/{other}")
    assert not_theirs.status_code == 404 and not_theirs.json()["code"] == 400


def test_main_company_number(zemu, phone_numbers, numbers):
    assert zemu.api.put("/phone/company_number", json={"phone_number": "+14085550182"}).status_code == 204
    spare = numbers()["+14085550182"]["id"]
    refused = zemu.api.delete("/number_management/numbers", params={"numbers": spare})
    assert refused.status_code == 400  # the main company number is in use
    unknown = zemu.api.put("/phone/company_number", json={"phone_number": "+19995550100"})
    assert unknown.status_code == 400


def test_delete_unassigned_numbers(zemu, phone_numbers):
    used = phone_numbers()["+14085550101"]["id"]
    refused = zemu.api.delete("/phone/numbers", params={"phone_numbers": f"+14085550182,{used}"})
    assert refused.status_code == 400 and "+14085550182" in phone_numbers()
    assert zemu.api.delete("/phone/numbers", params={"phone_numbers": "+14085550182"}).status_code == 204
    assert "+14085550182" not in phone_numbers()


def test_move_unassigned_numbers_to_another_site(zemu, phone_numbers):
    target = phone_numbers()["+15125550160"]["site"]["id"]
    unknown = zemu.api.patch(f"/phone/numbers/sites/{target}", json={"phone_numbers": ["+14085550184"]})
    assert unknown.status_code == 400
    spare = phone_numbers()["+14085550180"]["id"]
    assert zemu.api.patch(f"/phone/numbers/sites/{target}", json={"phone_numbers": [spare]}).status_code == 204
    assert phone_numbers()["+14085550180"]["site"]["id"] == target
    assert zemu.api.patch("/phone/numbers/sites/nope", json={"phone_numbers": [spare]}).status_code == 400


def test_add_byoc_numbers_through_zoom_phone(zemu, phone_numbers):
    answer = zemu.api.post("/phone/byoc_numbers", json={"carrier": "Bandwidth", "phone_numbers": ["+15125550166"]})
    assert answer.status_code == 201, answer.text
    assert answer.json()["phone_numbers"][0]["number"] == "+15125550166"
    assert phone_numbers(type="byoc")["+15125550166"]["source"] == "external"
    unknown = zemu.api.post("/phone/byoc_numbers", json={"carrier": "Nope", "phone_numbers": ["+15125550167"]})
    assert unknown.status_code == 404
    assert unknown.json() == {"code": 404, "message": "The following account carrier does not exist: Nope."}
    assert "+15125550167" not in phone_numbers()
