"""The devices part of the demo: SIP phones for two users and a boardroom H.323 system."""

from __future__ import annotations

import itertools
from typing import Any

from zemu.ids import Ids
from zemu.services.devices import h323, sip_phones
from zemu.services.team_chat.quiet import quiet_context
from zemu.services.users.model import USERS
from zemu.store import Tx

Doc = dict[str, Any]


def add_demo(tx: Tx, ids: Ids, now: float, master: Doc) -> Doc:
    ctx = quiet_context(tx, ids, now, master["id"], master["owner_id"])
    users = list(itertools.islice(USERS.each(tx, master["id"], {"status": "active"}, batch=2), 2))
    phones = []
    for i, user in enumerate(users[:2]):
        server = {
            "proxy_server": "sip.zemu-demo.example",
            "register_server": "sip.zemu-demo.example",
            "transport_protocol": "TLS",
        }
        phones.append(
            sip_phones.new_phone(
                ctx,
                {
                    "user_email": user["email"],
                    "user_name": f"10{i + 1}",
                    "authorization_name": f"10{i + 1}",
                    "domain": "sip.zemu-demo.example",
                    "password": ids.secret(12),
                    "voice_mail": "*97",
                    "registration_expire_time": 60,
                    "display_number": f"+1408555010{i}",
                    "server": server,
                },
                legacy=False,
            )
        )
    device = h323.new_device(
        ctx, {"name": "Boardroom Codec", "ip": "10.20.1.50", "protocol": "H.323", "encryption": "auto"}
    )
    return {"sip_phone_ids": [p["id"] for p in phones], "h323_device_id": device["id"]}
