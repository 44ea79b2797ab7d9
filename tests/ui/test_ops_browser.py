"""The Deliveries, Requests and Controls tabs in a real browser (the system's Chromium): replay a
delivery and see the new attempt, advance the clock and see the time change, trigger an event
and see what it touched, filter the request log, add and delete a fault rule. Each test saves
a screenshot of its page under test-artifacts/dashboard/."""

from __future__ import annotations

from typing import Any

from dashboard_helpers import screenshot

from events.webhook_receivers import Receiver, change_settings, subscribe, wait_settled
from zemu.sim.clock import parse_zulu
from zemu.testing import ZemuServer

EVENT = "account.settings_updated"


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def test_open_a_delivery_and_replay_it(zemu: ZemuServer, receiver: Receiver, page: Any) -> None:
    receiver.script = [(500, b'{"error":"database is down"}', 0.0), (404, b"no such hook", 0.0)]
    subscribe(zemu.control, receiver.url, events=[EVENT, "group.updated"], validate=True)
    change_settings(zemu.api)
    zemu.control.post("/zemu/trigger/group.updated", json={}).raise_for_status()
    settled = {d["event"]: d for d in wait_settled(zemu.control, 2)}
    failed = next(d for d in settled.values() if d["status"] == "failed")

    page.goto(f"{zemu.url}/ui/deliveries")
    row = page.locator(f'tr[data-delivery="{failed["id"]}"]')
    expect(row.locator(".pill")).to_have_text("failed")
    row.locator("a").click()
    attempts = page.locator("#delivery-detail details.ops-attempt")
    expect(attempts).to_have_count(1)
    expect(page.locator("#delivery-detail")).to_contain_text("x-zm-signature")
    expect(page.locator("#delivery-detail")).to_contain_text("no such hook")
    screenshot(page, "deliveries")

    page.get_by_role("button", name="Replay now").click()
    expect(attempts).to_have_count(2)
    expect(attempts.first.locator("summary")).to_contain_text("replay")
    expect(row.locator(".pill")).to_have_text("delivered")  # the list followed
    assert len(receiver.deliveries()) == 3
    screenshot(page, "deliveries-replayed")


def test_advance_the_clock_and_set_its_scale(zemu: ZemuServer, page: Any) -> None:
    page.goto(f"{zemu.url}/ui/controls")
    now = page.locator("#clock-now")
    before = parse_zulu(now.inner_text())
    page.locator("#advance-form [data-amount]").fill("2")
    page.locator("#advance-form [data-unit]").select_option(label="days")
    page.locator("#advance-form button[type=submit]").click()
    page.wait_for_function(
        "before => Date.parse(document.querySelector('#clock-now').textContent) / 1000 >= before + 2 * 86400",
        arg=before,
    )
    assert parse_zulu(zemu.now()) >= before + 2 * 86400
    expect(page.locator(".bar .clock")).to_have_text(now.inner_text())  # the nav bar's clock followed
    page.locator("#scale-form input[name=time_scale]").fill("60")
    page.locator("#scale-form button[type=submit]").click()
    expect(page.locator("#clock-scale")).to_have_text("60.0")
    assert zemu.control.get("/zemu/clock").json()["time_scale"] == 60
    zemu.control.post("/zemu/clock", json={"time_scale": 1}).raise_for_status()


def test_trigger_an_event_and_see_what_it_touched(zemu: ZemuServer, receiver: Receiver, page: Any) -> None:
    subscribe(zemu.control, receiver.url, events=["group.updated"])
    page.goto(f"{zemu.url}/ui/controls")
    page.locator("#trigger-event").select_option("group.updated")
    expect(page.locator("#trigger-about")).to_contain_text("group")
    page.locator("#trigger-form [data-params]").fill("name=Renamed from the page")
    page.locator("#trigger-form button[type=submit]").click()
    result = page.locator("#trigger-result")
    expect(result).to_contain_text("group_id")
    expect(page.locator("#trigger-deliveries")).to_be_visible()
    got = receiver.wait_for(1, event="group.updated")[0]
    assert got.json["payload"]["object"]["name"] == "Renamed from the page"
    assert got.json["payload"]["object"]["id"] in result.inner_text()
    screenshot(page, "controls")

    page.locator("#trigger-event").select_option("user.updated")
    page.locator("#trigger-form [name=user]").fill("nobody-at-all@example.com")
    page.locator("#trigger-form [data-params]").fill("")
    page.locator("#trigger-form button[type=submit]").click()
    expect(result).to_have_class("result bad")


def test_add_and_delete_a_fault_rule(zemu: ZemuServer, page: Any) -> None:
    page.goto(f"{zemu.url}/ui/controls")
    form = page.locator("#fault-form")
    form.locator("[name=effect]").select_option("error")
    form.locator("[name=status]").fill("503")
    form.locator("[name=product]").select_option("phone")
    form.locator("button[type=submit]").click()
    rows = page.locator("#fault-list tr[data-fault]")
    expect(rows).to_have_count(1)
    assert zemu.api.get("/phone/users").status_code == 503
    assert zemu.api.get("/users/me").status_code == 200
    page.locator("#fault-list").get_by_role("button", name="Delete").wait_for()
    page.evaluate("window.zemu.fire(['faults'])")  # reload the list: it shows the match
    expect(rows.first).to_contain_text("1 / 1")
    page.evaluate("window.scrollTo(0, 0)")  # the sticky nav bar would land mid-page in a full-page shot
    screenshot(page, "controls-faults")
    form.locator("[name=status]").fill("")
    form.locator("[name=effect]").select_option("latency")
    form.locator("button[type=submit]").click()
    expect(form.locator("[data-result]")).to_contain_text("latency_ms")  # Zoom-shaped refusal, shown
    expect(rows).to_have_count(1)
    rows.first.get_by_role("button", name="Delete").click()
    expect(rows).to_have_count(0)
    assert zemu.api.get("/phone/users").status_code == 200


def test_filter_the_request_log(zemu: ZemuServer, page: Any) -> None:
    zemu.api.get("/users/me")
    zemu.api.get("/users/nobody@example.com")
    zemu.api.get("/phone/users", params={"page_size": 5})
    zemu.api.patch("/accounts/me/settings", json={"schedule_meeting": {"host_video": True}})
    page.goto(f"{zemu.url}/ui/requests")
    rows = page.locator("#request-table tbody tr")
    expect(rows).to_have_count(4)
    screenshot(page, "requests")
    page.locator("select[name=status]").select_option("4xx")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("/v2/users/nobody@example.com")
    page.locator("select[name=status]").select_option("")
    page.locator("input[name=path]").fill("phone")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("/v2/phone/users")
    page.locator("input[name=path]").fill("")
    page.locator("select[name=method]").select_option("PATCH")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("204")


def test_reset_asks_first(zemu: ZemuServer, page: Any) -> None:
    def subscriptions() -> list[Any]:
        return zemu.control.get("/zemu/subscriptions").json()["subscriptions"]

    subscribe(zemu.control, "http://127.0.0.1:9/hook", validate=False)
    page.goto(f"{zemu.url}/ui/controls")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset…").click()
    page.wait_for_timeout(300)
    assert len(subscriptions()) == 1  # dismissed: nothing happened
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():  # the page reloads on the state the reset left
        page.get_by_role("button", name="Reset…").click()
    assert subscriptions() == []


def test_save_a_snapshot_and_restore_it(zemu: ZemuServer, page: Any) -> None:
    def subscriptions() -> list[Any]:
        return zemu.control.get("/zemu/subscriptions").json()["subscriptions"]

    page.goto(f"{zemu.url}/ui/controls")
    page.locator("#snapshot-form [name=name]").fill("clean-demo")
    page.locator("#snapshot-form button[type=submit]").click()
    row = page.locator('#snapshot-list tr[data-snapshot="clean-demo"]')
    expect(row).to_have_count(1)
    subscribe(zemu.control, "http://127.0.0.1:9/hook", validate=False)
    assert len(subscriptions()) == 1
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        row.get_by_role("button", name="Restore…").click()
    assert subscriptions() == []
    page.locator('#snapshot-list tr[data-snapshot="clean-demo"]').get_by_role("button", name="Delete").click()
    expect(page.locator("#snapshot-list")).to_contain_text("No snapshot saved")


def test_the_request_log_follows_new_requests_while_asked(zemu: ZemuServer, page: Any) -> None:
    zemu.api.get("/users/me")
    page.goto(f"{zemu.url}/ui/requests")
    rows = page.locator("#request-table tbody tr")
    expect(rows).to_have_count(1)
    page.locator("input[data-follow]").check()
    zemu.api.get("/groups")
    expect(rows).to_have_count(2, timeout=5000)
    expect(rows.first).to_contain_text("/v2/groups")


def test_validate_a_subscription_now(zemu: ZemuServer, receiver: Receiver, page: Any) -> None:
    sub = subscribe(zemu.control, receiver.url, events=[EVENT], validate=True)
    receiver.validates = False  # the receiver stops answering the check correctly
    page.goto(f"{zemu.url}/ui/deliveries")
    row = page.locator(f'#subscription-list tr[data-subscription="{sub["id"]}"]')
    expect(row).to_contain_text("passed")
    row.get_by_role("button", name="Validate now").click()
    expect(row).to_contain_text("1 of 6 failures")
    expect(row.locator(".pill.bad")).to_have_text("failed")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "deliveries-subscriptions")
