"""Plans and billing of a sub-account paid by its master, with Zoom's subscription rules."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer

BASE = {
    "plan_base": {"type": "monthly", "hosts": 5},
    "contact": {"first_name": "Ana", "last_name": "Ruiz", "email": "ana@example.com", "country": "US"},
}


def test_demo_sub_account_has_a_base_plan_and_a_webinar_add_on(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    plans = zemu.api.get(f"/accounts/{demo_sub['id']}/plans").json()
    assert plans["plan_base"]["type"] == "business_monthly" and plans["plan_base"]["status"] == "active"
    assert plans["plan_webinar"] == [{"type": "webinar500_monthly", "hosts": 1}]


def test_subscribe_sets_base_plan_add_ons_contact_and_account_type(zemu: ZemuServer, new_sub: Any) -> None:
    sub = new_sub()["id"]
    answer = zemu.api.post(
        f"/accounts/{sub}/plans", json={**BASE, "plan_large_meeting": [{"type": "large500_monthly", "hosts": 1}]}
    )
    assert answer.status_code == 201
    plans = zemu.api.get(f"/accounts/{sub}/plans").json()
    assert plans["plan_base"]["hosts"] == 5 and plans["plan_large_meeting"][0]["type"] == "large500_monthly"
    assert zemu.api.get(f"/accounts/{sub}/billing").json()["email"] == "ana@example.com"
    details = zemu.api.get(f"/accounts/{sub}").json()
    assert details["account_type"] == "Pro" and details["seats"] == 5


def test_a_plan_is_subscribed_once(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.post(f"/accounts/{demo_sub['id']}/plans", json=BASE)
    assert answer.status_code == 400 and answer.json()["code"] == 200
    assert zemu.api.get(f"/accounts/{demo_sub['id']}/plans").json()["plan_base"]["hosts"] == 10


def test_hosts_outside_the_plan_range_are_refused(zemu: ZemuServer, new_sub: Any) -> None:
    sub = new_sub()["id"]
    answer = zemu.api.post(f"/accounts/{sub}/plans", json={"plan_base": {"type": "business_monthly", "hosts": 5}})
    assert answer.status_code == 400
    assert answer.json() == {"code": 300, "message": "Buy hosts must equal or larger than 10."}
    assert zemu.api.get(f"/accounts/{sub}/plans").json() == {}


def test_add_ons_need_a_base_plan(zemu: ZemuServer, new_sub: Any) -> None:
    sub = new_sub()["id"]
    answer = zemu.api.post(f"/accounts/{sub}/plans/addons", json={"type": "webinar500_monthly", "hosts": 1})
    assert answer.status_code == 400 and answer.json()["code"] == 2100


def test_add_on_create_update_cancel(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    path = f"/accounts/{demo_sub['id']}/plans"
    assert zemu.api.post(f"{path}/addons", json={"type": "zroom_monthly", "hosts": 2}).status_code == 201
    twice = zemu.api.post(f"{path}/addons", json={"type": "zroom_yearly", "hosts": 1})
    assert twice.status_code == 400 and twice.json()["code"] == 2100
    assert zemu.api.put(f"{path}/addons", json={"type": "zroom_yearly", "hosts": 4}).status_code == 204
    assert zemu.api.get(path).json()["plan_zoom_rooms"] == {"type": "zroom_yearly", "hosts": 4}
    cancel = zemu.api.patch(f"{path}/addons/status", json={"action": "cancel", "type": "zroom_yearly", "reason": 3})
    assert cancel.status_code == 204
    assert "plan_zoom_rooms" not in zemu.api.get(path).json()
    gone = zemu.api.put(f"{path}/addons", json={"type": "zroom_yearly", "hosts": 5})
    assert gone.status_code == 400 and gone.json()["message"] == "You don’t have subscription for (zroom_yearly) yet."


def test_unknown_add_on_type_is_refused(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    answer = zemu.api.post(f"/accounts/{demo_sub['id']}/plans/addons", json={"type": "mystery", "hosts": 1})
    assert answer.json() == {"code": 2100, "message": "Invalid Additional Plan Type: mystery."}


def test_base_plan_update_and_its_rules(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    path = f"/accounts/{demo_sub['id']}/plans/base"
    assert zemu.api.put(path, json={"type": "business_yearly", "hosts": 20}).status_code == 204
    assert zemu.api.get(f"/accounts/{demo_sub['id']}/plans").json()["plan_base"]["hosts"] == 20
    other = zemu.api.put(path, json={"type": "monthly", "hosts": 5})
    assert other.status_code == 400 and other.json()["code"] == 300
    too_many = zemu.api.put(path, json={"type": "business_yearly", "hosts": 50})
    assert too_many.json() == {"code": 300, "message": "Buy hosts must equal or smaller than 49."}
    assert zemu.api.get(f"/accounts/{demo_sub['id']}").json()["seats"] == 20


def test_base_plan_cancels_only_after_its_add_ons_and_then_cannot_be_updated(
    zemu: ZemuServer, demo_sub: dict[str, Any]
) -> None:
    path = f"/accounts/{demo_sub['id']}/plans"
    first = zemu.api.patch(f"{path}/base/status", json={"action": "cancel"})
    assert first.json() == {"code": 200, "message": "You should first cancel all additional subscriptions."}
    zemu.api.patch(f"{path}/addons/status", json={"action": "cancel", "type": "webinar500_monthly"})
    assert zemu.api.patch(f"{path}/base/status", json={"action": "cancel", "reason": 2}).status_code == 204
    assert zemu.api.get(path).json()["plan_base"]["status"] == "cancelled"
    update = zemu.api.put(f"{path}/base", json={"type": "business_monthly", "hosts": 12})
    assert update.json() == {"code": 200, "message": "You do not have a subscription yet."}
    again = zemu.api.patch(f"{path}/base/status", json={"action": "cancel"})
    assert again.json()["message"] == "You don’t have a major subscription yet."


def test_a_self_paying_sub_account_has_no_master_billing(zemu: ZemuServer, new_sub: Any) -> None:
    sub = new_sub()["id"]
    zemu.api.patch(f"/accounts/{sub}/options", json={"pay_mode": "sub"})
    answer = zemu.api.post(f"/accounts/{sub}/plans", json=BASE)
    assert answer.json() == {"code": 2100, "message": "This sub account is on self pay mode."}


def test_plan_usage_counts_licensed_users(zemu: ZemuServer, demo_sub: dict[str, Any], add_user: Any) -> None:
    add_user(demo_sub["id"], "licensed@zemu-demo-east.example")
    usage = zemu.api.get(f"/accounts/{demo_sub['id']}/plans/usage").json()
    assert usage["plan_base"] == {"type": "business_monthly", "hosts": 10, "usage": 2, "pending": 0}
    assert usage["plan_webinar"][0]["usage"] == 0


def test_billing_contact_update_is_visible(zemu: ZemuServer, demo_sub: dict[str, Any]) -> None:
    path = f"/accounts/{demo_sub['id']}/billing"
    assert zemu.api.patch(path, json={"city": "Boston", "zip": "02110"}).status_code == 204
    contact = zemu.api.get(path).json()
    assert contact["city"] == "Boston" and contact["zip"] == "02110" and contact["first_name"] == "Jordan"


def test_billing_of_a_sub_account_without_contact_is_404(zemu: ZemuServer, new_sub: Any) -> None:
    sub = new_sub()["id"]
    answer = zemu.api.get(f"/accounts/{sub}/billing")
    assert answer.status_code == 404 and answer.json()["code"] == 3211


def test_plans_of_the_master_itself_are_not_a_sub_account_operation(zemu: ZemuServer) -> None:
    assert zemu.api.get("/accounts/me/plans").json()["code"] == 2001
