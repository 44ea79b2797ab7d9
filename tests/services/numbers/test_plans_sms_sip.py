"""Number plans, ported orders, SIP groups and trunks, SMS campaigns and consent policies (both path forms)."""

from __future__ import annotations

CONSENT = {
    "consent_name": "Marketing",
    "description": "Promotions",
    "status": True,
    "in_out_bound": {
        "opt_in_message": {"prompt": "Reply YES", "keywords": ["YES"], "confirmation_message": "Subscribed"},
        "opt_out_message": {"message": "Bye", "keywords": ["STOP"]},
        "help_message": {"message": "Help text", "keywords": ["HELP"]},
        "disclaimer": {"message": "Rates apply", "enable": True},
    },
}


def test_plan_usage_follows_the_inventory(zemu, nm, numbers):
    def toll_plan() -> dict:
        plans = zemu.api.get(f"{nm}/plan", params={"product": "ZOOM_PHONE"}).json()["plans"]
        return next(p for p in plans if p["name"] == "US/CA Included Phone Numbers")

    before = toll_plan()
    assert before["subscribed"] == 60 and before["assigned"] + before["available"] == 60
    spare = numbers()["+14085550180"]["id"]
    assert zemu.api.delete(f"{nm}/numbers", params={"numbers": spare}).status_code == 204
    assert toll_plan()["assigned"] == before["assigned"] - 1
    assert zemu.api.get(f"{nm}/plan").status_code == 400  # product is required


def test_ported_orders_list_and_details(zemu, nm):
    orders = zemu.api.get(f"{nm}/ported_numbers/orders").json()
    order = orders["ported_numbers"][0]
    assert orders["total_records"] == 1 and order["status"] == "Processing"
    details = zemu.api.get(f"{nm}/ported_numbers/orders/{order['order_id']}").json()
    assert details["numbers"] == order["numbers"] and details["original_billing_info"]["company"]
    missing = zemu.api.get(f"{nm}/ported_numbers/orders/1234567890123456789")
    assert missing.status_code == 400 and missing.json() == {"code": 400, "message": "Port in order does not exist"}


def test_sip_groups_and_trunks_by_product(zemu, nm):
    groups = zemu.api.get(f"{nm}/sip_groups", params={"allocated_product": "ZOOM_CONTACT_CENTER"}).json()
    assert [g["display_name"] for g in groups["sip_groups"]] == ["SIP 01"]
    trunks = zemu.api.get(f"{nm}/sip_trunks", params={"allocated_product": "ZOOM_PHONE"}).json()
    assert trunks["byoc_sip_trunk"][0]["carrier"] == "Bandwidth" and trunks["total_records"] == 1
    assert zemu.api.get(f"{nm}/sip_groups").status_code == 400
    assert zemu.api.get(f"{nm}/sip_trunks").status_code == 400


def test_campaign_numbers_are_assigned_and_unassigned(zemu, nm, numbers):
    campaign = zemu.api.get(f"{nm}/sms_campaigns").json()["sms_campaigns"][0]
    path = f"{nm}/sms_campaigns/{campaign['sms_campaign_id']}"
    before = zemu.api.get(path).json()
    assert before["status"] == "active" and len(before["phone_numbers"]) == 2
    spare = numbers()["+14085550110"]["id"]
    answer = zemu.api.post(
        f"{path}/phone_numbers",
        json={
            "phone_number_ids": [spare],
            "loa_authorizing_person": "Pat",
            "contact_number": "+14085550100",
            "title": "CTO",
        },
    )
    assert answer.status_code == 204, answer.text
    assert spare in {n["phone_number_id"] for n in zemu.api.get(path).json()["phone_numbers"]}
    assert zemu.api.delete(f"{path}/phone_numbers", params={"phone_number_ids": spare}).status_code == 204
    assert len(zemu.api.get(path).json()["phone_numbers"]) == 2


def test_campaign_refusals(zemu, nm, numbers):
    loa = {"loa_authorizing_person": "Pat", "contact_number": "+14085550100", "title": "CTO"}
    missing = zemu.api.get(f"{nm}/sms_campaigns/C-nosuchcampaign")
    assert missing.status_code == 404
    assert (
        zemu.api.post(f"{nm}/sms_campaigns/C-nosuch/phone_numbers", json={"phone_number_ids": ["x"], **loa}).status_code
        == 404
    )
    assert (
        zemu.api.delete(f"{nm}/sms_campaigns/C-nosuch/phone_numbers", params={"phone_number_ids": "x"}).status_code
        == 404
    )
    campaign = zemu.api.get(f"{nm}/sms_campaigns").json()["sms_campaigns"][0]["sms_campaign_id"]
    ids = [n["id"] for e164, n in sorted(numbers().items()) if n["allocated_product"] == "ZOOM_PHONE"][:30]
    full = zemu.api.post(f"{nm}/sms_campaigns/{campaign}/phone_numbers", json={"phone_number_ids": ids, **loa})
    assert full.status_code == 400 and full.json() == {"code": 1003004, "message": "Insufficient campaign capacity."}
    assert len(zemu.api.get(f"{nm}/sms_campaigns/{campaign}").json()["phone_numbers"]) == 2
    many = zemu.api.post(
        f"{nm}/sms_campaigns/{campaign}/phone_numbers", json={"phone_number_ids": [f"n{i}" for i in range(201)], **loa}
    )
    assert many.status_code == 400 and many.json()["code"] == 1003
    unmany = zemu.api.delete(
        f"{nm}/sms_campaigns/{campaign}/phone_numbers",
        params={"phone_number_ids": ",".join(f"n{i}" for i in range(201))},
    )
    assert unmany.status_code == 400 and unmany.json()["code"] == 1003


def test_consent_lifecycle_with_numbers(zemu, nm, numbers):
    created = zemu.api.post(f"{nm}/sms_consent", json=CONSENT)
    assert created.status_code == 201, created.text
    consent = created.json()
    assert consent["consent_id"].startswith("C-") and consent["used_number"] == 0 and consent["capacity"] > 0
    path = f"{nm}/sms_consent/{consent['consent_id']}"
    spare = numbers()["+14085550115"]["id"]
    assert zemu.api.post(f"{path}/phone_numbers", json={"phone_number_ids": [spare]}).status_code == 201
    listed = zemu.api.get(f"{path}/phone_numbers").json()
    assert [n["phone_number"] for n in listed["sms_consent_number"]] == ["+14085550115"]
    assert zemu.api.get(path).json()["used_number"] == 1
    assert (
        zemu.api.patch(
            path, json={"consent_name": "Promos", "in_out_bound": {"help_message": {"message": "New help"}}}
        ).status_code
        == 204
    )
    updated = zemu.api.get(path).json()
    assert updated["consent_name"] == "Promos" and updated["in_out_bound"]["help_message"]["keywords"] == ["HELP"]
    unassigned = zemu.api.request("DELETE", f"{path}/phone_numbers", json={"phone_number_ids": [spare]})
    assert unassigned.status_code == 204
    assert zemu.api.get(f"{path}/phone_numbers").json()["total_records"] == 0
    deleted = zemu.api.request("DELETE", f"{nm}/sms_consent", json={"consent_ids": [consent["consent_id"]]})
    assert deleted.status_code == 204
    assert zemu.api.get(path).status_code == 404


def test_consent_refusals_change_nothing(zemu, nm):
    gone = {"code": 1002013, "message": "The consent does not exist."}
    path = f"{nm}/sms_consent/C-nosuch"
    assert zemu.api.get(path).json() == gone and zemu.api.get(path).status_code == 404
    assert zemu.api.patch(path, json={"consent_name": "x"}).json() == gone
    assert zemu.api.get(f"{path}/phone_numbers").json() == gone
    assert zemu.api.post(f"{path}/phone_numbers", json={"phone_number_ids": ["x"]}).json() == gone
    assert zemu.api.request("DELETE", f"{path}/phone_numbers", json={"phone_number_ids": ["x"]}).json() == gone
    demo = zemu.api.get(f"{nm}/sms_consent").json()["sms_consent"][0]
    invalid = zemu.api.request("DELETE", f"{nm}/sms_consent", json={"consent_ids": [demo["consent_id"], "C-nosuch"]})
    assert invalid.status_code == 400 and invalid.json() == {"code": 999, "message": "Invalid field."}
    assert zemu.api.get(f"{nm}/sms_consent/{demo['consent_id']}").status_code == 200
    bad = zemu.api.post(f"{nm}/sms_consent", json={"consent_name": "No body"})
    assert bad.status_code == 400
    assert zemu.api.get(f"{nm}/sms_consent").json()["total_records"] == 1
    many = zemu.api.post(
        f"{nm}/sms_consent/{demo['consent_id']}/phone_numbers", json={"phone_number_ids": [f"n{i}" for i in range(201)]}
    )
    assert many.status_code == 400 and many.json()["code"] == 1003
