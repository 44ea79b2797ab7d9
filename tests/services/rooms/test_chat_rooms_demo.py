"""The demo's Team Chat, Zoom Rooms and devices part is the same for the same seed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from zemu.testing import ZemuServer


def snapshot_of_demo(zemu: ZemuServer) -> dict[str, Any]:
    api = zemu.api
    channels = api.get("/chat/users/me/channels", params={"page_size": 50}).json()["channels"]
    general = next(c for c in channels if c["name"] == "general")
    since = datetime.fromisoformat(zemu.now().replace("Z", "+00:00")) - timedelta(days=5)
    messages = api.get(
        "/chat/users/me/messages",
        params={"to_channel": general["id"], "page_size": 50, "from": since.strftime("%Y-%m-%dT%H:%M:%SZ")},
    ).json()
    return {
        "channels": [(c["id"], c["name"], c["type"]) for c in channels],
        "messages": [(m["id"], m["sender"], m["message"]) for m in messages["messages"]],
        "im_groups": [g["name"] for g in api.get("/im/groups").json()["groups"]],
        "rooms": [(r["id"], r["name"], r["location_id"]) for r in api.get("/rooms").json()["rooms"]],
        "sip_phones": [p["user_email"] for p in api.get("/sip_phones").json()["phones"]],
        "h323": [d["name"] for d in api.get("/h323/devices").json()["devices"]],
    }


def test_the_same_seed_builds_the_same_chat_rooms_and_devices(zemu: ZemuServer) -> None:
    first = snapshot_of_demo(zemu)
    assert len(first["channels"]) == 3 and len(first["messages"]) >= 9 and len(first["rooms"]) == 4
    assert first["im_groups"] == ["Everyone", "Support Desk"] and len(first["sip_phones"]) == 2
    assert first["h323"] == ["Boardroom Codec"]
    zemu.reset(seed=42)
    assert snapshot_of_demo(zemu) == first
    zemu.reset(seed=7)
    assert snapshot_of_demo(zemu)["rooms"] != first["rooms"]
