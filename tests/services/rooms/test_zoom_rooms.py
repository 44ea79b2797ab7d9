"""Zoom Rooms through the API: rooms and their filters, the location hierarchy and its structure
(both the seed's PATCH and the reference's PUT), settings inherited account → location → room,
the account profile, devices, and the dashboards that read the same state."""

from __future__ import annotations

from typing import Any

import httpx

from zemu.testing import ZemuServer


def events(zemu: ZemuServer, since: int) -> list[str]:
    return [e["event"] for e in zemu.outbox()[since:]]


def locations(api: httpx.Client, **query: Any) -> dict[str, dict[str, Any]]:
    return {
        loc["name"]: loc for loc in api.get("/rooms/locations", params={"page_size": 100, **query}).json()["locations"]
    }


def test_rooms_are_added_listed_with_filters_updated_moved_and_deleted(zemu: ZemuServer) -> None:
    api = zemu.api
    places = locations(api)
    floor3, london = places["Floor 3"], places["London"]
    count = len(zemu.outbox())
    made = api.post("/rooms", json={"name": "Huddle 1", "type": "Kiosk", "location_id": floor3["id"]})
    assert made.status_code == 201, made.text
    room = made.json()
    assert room["location_id"] == floor3["id"] and room["type"] == "Kiosk"
    assert (
        api.post("/rooms", json={"name": "Nowhere", "type": "ZoomRoom", "location_id": "nope"}).json()["code"] == 4801
    )
    assert events(zemu, count) == ["zoomroom.created"]

    in_us = api.get("/rooms", params={"location_id": places["United States"]["id"]}).json()["rooms"]
    assert sorted(r["name"] for r in in_us) == ["Huddle 1", "Redwood", "Sequoia"]  # every level below
    assert [r["name"] for r in api.get("/rooms", params={"query_name": "hud"}).json()["rooms"]] == ["Huddle 1"]
    assert {r["name"] for r in api.get("/rooms", params={"status": "Offline"}).json()["rooms"]} == {"Huddle 1"}

    assert (
        api.patch(
            f"/rooms/{room['id']}",
            json={
                "basic": {"name": "Huddle One", "capacity": 4, "support_email": "it@zemu-demo.example"},
                "setup": {"under_construction": True},
            },
        ).status_code
        == 204
    )
    profile = api.get(f"/rooms/{room['id']}").json()
    assert profile["basic"]["name"] == "Huddle One" and profile["basic"]["capacity"] == 4
    assert profile["setup"]["under_construction"] is True
    assert api.get("/rooms", params={"status": "UnderConstruction"}).json()["rooms"][0]["id"] == room["id"]

    assert api.put(f"/rooms/{room['id']}/location", json={"location_id": london["id"]}).status_code == 204
    uk = api.get("/rooms", params={"location_id": places["United Kingdom"]["id"]}).json()["rooms"]
    assert "Huddle One" in [r["name"] for r in uk]
    assert api.put(f"/rooms/{room['id']}/location", json={"location_id": "nope"}).status_code == 404

    count = len(zemu.outbox())
    assert api.delete(f"/rooms/{room['id']}").status_code == 204
    assert events(zemu, count) == ["zoomroom.deleted"]
    gone = api.get(f"/rooms/{room['id']}")
    assert gone.status_code == 404 and gone.json()["code"] == 1012
    assert room["id"] not in [r["id"] for r in api.get("/rooms").json()["rooms"]]


def test_the_location_hierarchy_follows_the_structure(zemu: ZemuServer) -> None:
    api = zemu.api
    assert api.get("/rooms/locations/structure").json() == {"structures": ["country", "city", "building", "floor"]}
    places = locations(api)
    count = len(zemu.outbox())
    made = api.post("/rooms/locations", json={"name": "Annex", "parent_location_id": places["San Jose"]["id"]})
    assert made.status_code == 200 and made.json()["type"] == "building"
    annex = made.json()
    dup = api.post("/rooms/locations", json={"name": "Annex", "parent_location_id": places["San Jose"]["id"]})
    assert dup.status_code == 400 and dup.json()["code"] == 300
    under_floor = api.post("/rooms/locations", json={"name": "Desk", "parent_location_id": places["Floor 3"]["id"]})
    assert under_floor.status_code == 400
    assert events(zemu, count) == ["zoomroom.location_created"]
    children = locations(api, parent_location_id=places["San Jose"]["id"])
    assert sorted(children) == ["Annex", "HQ Tower"]
    assert sorted(locations(api, type="city")) == ["London", "San Jose"]

    assert (
        api.patch(
            f"/rooms/locations/{annex['id']}", json={"basic": {"address": "1 Main St", "timezone": "America/Denver"}}
        ).status_code
        == 204
    )
    basic = api.get(f"/rooms/locations/{annex['id']}").json()["basic"]
    assert basic["address"] == "1 Main St" and basic["parent_location_id"] == places["San Jose"]["id"]

    # move HQ Tower (with its floor and rooms) under London
    tower = places["HQ Tower"]
    assert (
        api.put(
            f"/rooms/locations/{tower['id']}/location", json={"parent_location_id": places["London"]["id"]}
        ).status_code
        == 204
    )
    uk = api.get("/rooms", params={"location_id": places["United Kingdom"]["id"]}).json()["rooms"]
    assert {"Redwood", "Sequoia"} <= {r["name"] for r in uk}
    # never under itself or its own floor, never below the last level
    assert (
        api.put(
            f"/rooms/locations/{tower['id']}/location", json={"parent_location_id": places["Floor 3"]["id"]}
        ).status_code
        == 400
    )
    assert (
        api.put(
            f"/rooms/locations/{tower['id']}/location", json={"parent_location_id": places["Floor 5"]["id"]}
        ).status_code
        == 400
    )

    # the seed's PATCH and the reference's PUT both change the structure; too shallow is refused
    assert api.patch("/rooms/locations/structure", json={"structures": ["country"]}).status_code == 400
    assert (
        api.put("/rooms/locations/structure", json={"structures": ["country", "states", "campus", "floor"]}).status_code
        == 204
    )
    assert locations(api)["London"]["type"] == "states"
    assert (
        api.patch(
            "/rooms/locations/structure", json={"structures": ["country", "city", "building", "floor"]}
        ).status_code
        == 204
    )
    assert locations(api)["London"]["type"] == "city"


def test_settings_are_inherited_from_account_to_location_to_room(zemu: ZemuServer) -> None:
    api = zemu.api
    places = locations(api)
    room = next(r for r in api.get("/rooms").json()["rooms"] if r["name"] == "Redwood")
    meeting = {"setting_type": "meeting"}
    full = api.get("/rooms/account_settings", params=meeting).json()
    assert full["zoom_rooms"]["display_meeting_list"] is False and len(full["zoom_rooms"]) > 20

    assert (
        api.patch(
            "/rooms/account_settings", params=meeting, json={"zoom_rooms": {"display_meeting_list": True}}
        ).status_code
        == 204
    )
    assert api.get(f"/rooms/{room['id']}/settings", params=meeting).json()["zoom_rooms"]["display_meeting_list"]
    assert (
        api.patch(
            f"/rooms/locations/{places['HQ Tower']['id']}/settings",
            params=meeting,
            json={"zoom_rooms": {"display_meeting_list": False, "weekly_system_restart": True}},
        ).status_code
        == 204
    )
    got = api.get(f"/rooms/{room['id']}/settings", params=meeting).json()["zoom_rooms"]
    assert got["display_meeting_list"] is False and got["weekly_system_restart"] is True
    assert (
        api.patch(
            f"/rooms/{room['id']}/settings", params=meeting, json={"zoom_rooms": {"display_meeting_list": True}}
        ).status_code
        == 204
    )
    assert api.get(f"/rooms/{room['id']}/settings", params=meeting).json()["zoom_rooms"]["display_meeting_list"]
    floor = api.get(f"/rooms/locations/{places['Floor 3']['id']}/settings", params=meeting).json()
    assert floor["zoom_rooms"]["display_meeting_list"] is False  # the room's change stays in the room
    assert api.get("/rooms/account_settings", params=meeting).json()["zoom_rooms"]["display_meeting_list"]

    alert = api.get(f"/rooms/{room['id']}/settings", params={"setting_type": "alert"}).json()
    assert set(alert) == {"client_alert", "notification"}
    assert api.get("/rooms/account_settings", params={"setting_type": "bogus"}).status_code == 400


def test_account_profile_devices_and_dashboards(zemu: ZemuServer) -> None:
    api = zemu.api
    assert (
        api.patch(
            "/rooms/account_profile",
            json={"basic": {"support_email": "help@zemu-demo.example", "room_passcode": "2468"}},
        ).status_code
        == 204
    )
    basic = api.get("/rooms/account_profile").json()["basic"]
    assert basic["support_email"] == "help@zemu-demo.example" and basic["room_passcode"] == "2468"

    rooms = {r["name"]: r for r in api.get("/rooms").json()["rooms"]}
    devices = api.get(f"/rooms/{rooms['Sequoia']['id']}/devices").json()["devices"]
    assert sorted(d["device_type"] for d in devices) == ["Controller", "Scheduling Display", "Zoom Rooms Computer"]
    assert all(d["room_name"] == "Sequoia" for d in devices)

    today = zemu.now()[:10]
    span = {"from": today[:8] + "01", "to": today}
    board = api.get("/metrics/zoomrooms").json()
    assert board["total_records"] == 4
    sick = next(r for r in board["zoom_rooms"] if r["room_name"] == "Sequoia")
    assert sick["issues"] == ["Zoom room is offline"] and sick["health"] == "critical"
    assert api.get("/metrics/zoomrooms/issues", params=span).json()["issues"] == [
        {"issue_name": "Zoom room is offline", "zoom_rooms_count": 1}
    ]
    assert api.get("/metrics/issues/zoomrooms", params=span).json()["zoom_rooms"][0]["room_name"] == "Sequoia"
    detail = api.get(f"/metrics/issues/zoomrooms/{rooms['Sequoia']['id']}", params=span).json()
    assert [d["issue"] for d in detail["issue_details"]] == ["Zoom room is offline"]
    assert api.get(f"/metrics/zoomrooms/{rooms['Sequoia']['id']}", params=span).json()["room_name"] == "Sequoia"
    assert api.get("/metrics/zoomrooms/issues", params={"from": today, "to": "2020-01-01"}).status_code == 400
