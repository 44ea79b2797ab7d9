"""A call queue's hours and its call handling per hours type."""

from __future__ import annotations

from typing import Any

from zemu.testing import ZemuServer


def test_closed_hours_need_custom_business_hours(zemu: ZemuServer, world: dict[str, Any], queues: dict) -> None:
    queue = queues["Sales"]["id"]
    assert (
        zemu.api.get(f"/phone/call_queues/{queue}/settings", params={"setting_type": "business_hours"}).json()[
            "business_hours_settings"
        ]["business_hour_type"]
        == 1
    )
    refused = zemu.api.patch(
        f"/phone/call_queues/{queue}/call_handling/settings/closed_hours",
        json={"call_handling_setting": {"overflow_action": "disconnect"}},
    )
    assert refused.status_code == 400 and refused.json()["code"] == 15104
    custom = {"business_hour_type": 2, "business_hours": [{"weekday": 2, "type": 2, "from": "09:00", "to": "17:00"}]}
    assert (
        zemu.api.patch(
            f"/phone/call_queues/{queue}/settings/business_hours", json={"business_hours_settings": custom}
        ).status_code
        == 204
    )
    assert zemu.api.get(f"/phone/call_queues/{queue}/settings").json()["business_hours_settings"] == custom
    operator = world["users"][0]
    answer = zemu.api.patch(
        f"/phone/call_queues/{queue}/call_handling/settings/closed_hours",
        json={
            "call_handling_setting": {
                "overflow_action": "forward_to_extension",
                "overflow_action_setting": {"forward_to_extension": {"extension_id": operator["extension_id"]}},
            }
        },
    )
    assert answer.status_code == 204, answer.text
    closed = zemu.api.get(
        f"/phone/call_queues/{queue}/call_handling/settings", params={"hour_type": "closed_hours"}
    ).json()["call_handling_setting"]
    assert closed["overflow_action"] == "forward_to_extension"
    target = closed["overflow_action_setting"]["forward_to_extension"]
    assert (target["extension_number"], target["extension_type"]) == (operator["extension_number"], "user")


def test_business_hours_routing_and_unknown_extension(zemu: ZemuServer, queues: dict) -> None:
    queue = queues["Support"]["id"]
    path = f"/phone/call_queues/{queue}/call_handling/settings"
    assert (
        zemu.api.patch(
            f"{path}/business_hours",
            json={"call_distribution_setting": {"ring_mode": "sequential", "max_wait_time": 120}},
        ).status_code
        == 204
    )
    setting = zemu.api.get(path).json()["call_distribution_setting"]
    assert (setting["ring_mode"], setting["max_wait_time"]) == ("sequential", 120)
    bad = zemu.api.patch(
        f"{path}/business_hours",
        json={
            "call_handling_setting": {
                "overflow_action": "forward_to_extension",
                "overflow_action_setting": {"forward_to_extension": {"extension_id": "nope"}},
            }
        },
    )
    assert bad.json() == {"code": 13808, "message": "Extension does not exist: nope."}
    assert zemu.api.get(path).json()["call_handling_setting"]["overflow_action"] == "forward_to_voicemail"
    holiday = zemu.api.get(path, params={"hour_type": "holiday_hours", "holiday_hour_id": "h9"})
    assert holiday.json() == {"code": 15102, "message": "Holiday hour does not exist: h9."}
