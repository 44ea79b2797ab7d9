"""Subscriptions through the control plane and Zoom's Marketplace API, URL validation (on save
and every 72 emulated hours, disabled after 6 failures), and the webhook-log API."""

from __future__ import annotations

from webhook_receivers import Receiver, change_settings, deliveries, subscribe, verify, wait_settled

from zemu.testing import ZemuServer

EVENT = "account.settings_updated"
CREATE = "/marketplace/app/event_subscription"


def _create(zemu: ZemuServer, url: str, events: list[str] | None = None, **extra: object) -> object:
    return zemu.api.post(
        CREATE, json={"events": events or [EVENT], "event_webhook_url": url, "subscription_scope": "account", **extra}
    )


# control plane ---------------------------------------------------------------------------------
def test_saving_a_subscription_validates_its_url_with_a_signed_challenge(zemu: ZemuServer, receiver: Receiver) -> None:
    sub = subscribe(zemu.control, receiver.url)
    [check] = receiver.validations()
    assert verify(receiver.secret, check) and check.json["payload"]["plainToken"]
    assert sub["validation"]["last_ok"] is True and sub["status"] == "active"
    assert EVENT in sub["events"] and "endpoint.url_validation" not in sub["events"]
    listed = zemu.control.get("/zemu/subscriptions").raise_for_status().json()["subscriptions"]
    assert [s["id"] for s in listed] == [sub["id"]]


def test_a_url_that_fails_validation_is_not_saved_unless_validation_is_opted_out(
    zemu: ZemuServer, receiver: Receiver
) -> None:
    receiver.validates = False
    refused = zemu.control.post("/zemu/subscriptions", json={"url": receiver.url})
    assert refused.status_code == 400 and refused.json()["code"] == 1701
    sub = subscribe(zemu.control, receiver.url, validate=False)
    assert len(receiver.validations()) == 1 and sub["validation"]["enabled"] is False
    change_settings(zemu.api)
    receiver.wait_for(1)
    zemu.advance(80 * 3600)
    assert len(receiver.validations()) == 1  # never revalidated


def test_urls_are_revalidated_every_72_hours_and_6_failures_disable_the_subscription(
    zemu: ZemuServer, receiver: Receiver
) -> None:
    sub = subscribe(zemu.control, receiver.url, events=[EVENT])
    zemu.advance(72 * 3600 - 60)
    assert len(receiver.validations()) == 1
    zemu.advance(120)
    assert len(receiver.validations()) == 2
    receiver.validates = False
    zemu.advance(5 * 72 * 3600)
    state = zemu.control.get(f"/zemu/subscriptions/{sub['id']}").json()
    assert state["status"] == "active" and state["validation"]["failures"] == 5
    zemu.advance(72 * 3600)
    state = zemu.control.get(f"/zemu/subscriptions/{sub['id']}").json()
    assert state["status"] == "disabled" and state["validation"]["failures"] == 6
    change_settings(zemu.api)
    zemu.advance(1)
    assert receiver.deliveries() == [] and deliveries(zemu.control) == []
    receiver.validates = True
    answer = zemu.control.post(f"/zemu/subscriptions/{sub['id']}/validate").json()
    assert answer["ok"] and answer["subscription"]["status"] == "active"
    change_settings(zemu.api, False)
    receiver.wait_for(1)


def test_deleting_a_subscription_stops_its_deliveries(zemu: ZemuServer, receiver: Receiver) -> None:
    sub = subscribe(zemu.control, receiver.url, events=[EVENT])
    assert zemu.control.delete(f"/zemu/subscriptions/{sub['id']}").status_code == 204
    assert zemu.control.get(f"/zemu/subscriptions/{sub['id']}").status_code == 404
    change_settings(zemu.api)
    zemu.advance(1)
    assert receiver.deliveries() == []


# Marketplace API -------------------------------------------------------------------------------
def test_create_list_and_delete_through_zooms_marketplace_api(zemu: ZemuServer, receiver: Receiver) -> None:
    made = _create(zemu, receiver.url, event_subscription_name="crm")
    assert made.status_code == 201, made.text
    sub_id = made.json()["event_subscription_id"]
    assert len(receiver.validations()) == 1
    listed = zemu.api.get(CREATE, params={"user_id": "me", "account_id": zemu.credentials["account_id"]}).json()
    [item] = listed["event_subscriptions"]
    assert item["event_subscription_id"] == sub_id and item["event_subscription_name"] == "crm"
    assert item["events"] == [EVENT] and item["created_source"] == "openapi"
    assert item["event_webhook_url"] == receiver.url
    change_settings(zemu.api)
    receiver.wait_for(1)
    assert zemu.api.delete(f"{CREATE}/{sub_id}").status_code == 204
    gone = zemu.api.delete(f"{CREATE}/{sub_id}")
    assert gone.status_code == 404
    assert gone.json() == {"code": 1601, "message": f"App event subscription is invalid: {sub_id}"}


def test_create_refuses_what_zoom_refuses(zemu: ZemuServer, receiver: Receiver) -> None:
    unknown = _create(zemu, receiver.url, ["no.such_event"])
    assert (unknown.status_code, unknown.json()["code"]) == (404, 1601)
    empty = zemu.api.post(
        CREATE, json={"events": [], "event_webhook_url": receiver.url, "subscription_scope": "account"}
    )
    assert empty.json() == {"code": 1500, "message": "The events list is empty."}
    receiver.validates = False
    failed = _create(zemu, receiver.url)
    assert failed.status_code == 404
    assert failed.json() == {"code": 1701, "message": f"The event webhook url validate failed: {receiver.url}."}


def test_an_event_outside_the_apps_scopes_is_refused_with_1602(zemu: ZemuServer, receiver: Receiver) -> None:
    narrow = zemu.client_with_scopes(["user:read:admin"])
    answer = narrow.post(
        CREATE,
        json={"events": ["phone.callee_ringing"], "event_webhook_url": receiver.url, "subscription_scope": "account"},
    )
    assert answer.status_code == 400
    assert answer.json() == {"code": 1602, "message": "The event is not allowed for the app: phone.callee_ringing"}
    [app] = [a for a in zemu.control.get("/zemu/apps").json()["apps"] if a["scopes"] == ["user:read:admin"]]
    control = zemu.control.post(
        "/zemu/subscriptions", json={"url": receiver.url, "events": ["phone.callee_ringing"], "app_id": app["id"]}
    )
    assert control.status_code == 400 and control.json()["code"] == 1602


def test_an_app_has_at_most_20_subscriptions(zemu: ZemuServer, receiver: Receiver) -> None:
    for _ in range(20):
        subscribe(zemu.control, receiver.url, events=[EVENT], validate=False)
    assert _create(zemu, receiver.url).status_code == 400
    assert zemu.control.post("/zemu/subscriptions", json={"url": receiver.url, "validate": False}).status_code == 400


def test_unsubscribe_pauses_and_subscribe_resumes_deliveries(zemu: ZemuServer, receiver: Receiver) -> None:
    sub_id = _create(zemu, receiver.url).json()["event_subscription_id"]
    account = zemu.credentials["account_id"]
    paused = zemu.api.delete(CREATE, params={"event_subscription_id": sub_id, "account_id": account})
    assert paused.status_code == 204
    change_settings(zemu.api)
    zemu.advance(1)
    assert receiver.deliveries() == []
    assert zemu.api.patch(f"{CREATE}/{sub_id}", json={"account_id": account}).status_code == 204
    change_settings(zemu.api, False)
    receiver.wait_for(1)


# webhook logs ----------------------------------------------------------------------------------
def test_webhook_logs_list_failed_attempts_by_default_with_zooms_item_shape(
    zemu: ZemuServer, receiver: Receiver
) -> None:
    receiver.script = [(500, b"oops", 0.0)]
    sub = subscribe(zemu.control, receiver.url, events=[EVENT])
    change_settings(zemu.api)
    wait_settled(zemu.control, 1)
    zemu.advance(300)
    app_id = sub["app_id"]
    path = f"/marketplace/apps/{app_id}/webhook_logs"
    [failed] = zemu.api.get(path).json()["webhook_logs"]
    assert failed["status"] == 500 and failed["retry_num"] == 0 and failed["event"] == EVENT
    assert failed["response_body"] == "oops" and failed["endpoint"] == receiver.url
    assert failed["subscription_id"] == sub["id"] and failed["request_body"].startswith('{"event":')
    assert {"request_headers", "response_headers", "date_time", "trace_id", "request_id", "user_id"} <= failed.keys()
    every = zemu.api.get(path, params={"type": 1}).json()["webhook_logs"]
    assert [(i["retry_num"], i["status"]) for i in every] == [(1, 200), (0, 500)]
    assert [i["retry_num"] for i in zemu.api.get(path, params={"type": 3}).json()["webhook_logs"]] == [1]
    assert zemu.api.get(path, params={"type": 1, "retry_num": 1}).json()["webhook_logs"][0]["status"] == 200
    assert every[0]["request_id"] == every[1]["request_id"]


def test_webhook_logs_apply_zooms_date_rules(zemu: ZemuServer) -> None:
    app_id = zemu.credentials["client_id"]
    path = f"/marketplace/apps/{app_id}/webhook_logs"
    assert zemu.api.get(path, params={"from": "yesterday"}).json()["code"] == 1503
    assert zemu.api.get(path, params={"from": "2020-01-01T00:00:00Z"}).json()["code"] == 1502
    future = {"from": "2099-01-01T00:00:00Z", "to": "2099-01-02T00:00:00Z"}
    assert zemu.api.get(path, params=future).json()["code"] == 1504
    now = zemu.now()
    backwards = zemu.api.get(path, params={"from": now, "to": "2020-01-01T00:00:00Z"})
    assert (backwards.status_code, backwards.json()["code"]) == (404, 1501)
    unknown = zemu.api.get("/marketplace/apps/nope/webhook_logs")
    assert unknown.json() == {"code": 1401, "message": "APP ID does not exist: nope."}
