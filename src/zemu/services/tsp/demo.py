"""The TSP part of the demo: TSP enabled on the master account, and a TSP account for its owner."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.tsp.account import save_tsp_settings
from zemu.services.users.model import USERS, save_user
from zemu.store import Tx

BRIDGE = "US_TSP_TB"


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    save_tsp_settings(
        tx,
        master["id"],
        {
            "enable": True,
            "tsp_enabled": True,
            "tsp_provider": "Zemu Audio",
            "tsp_bridge": BRIDGE,
            "dial_in_numbers": [{"code": "1", "number": "+12125550199", "type": "toll"}],
        },
    )
    row = {
        "id": "1",
        "conference_code": ids.digits(8),
        "leader_pin": ids.digits(6),
        "tsp_bridge": BRIDGE,
        "dial_in_numbers": [{"code": "1", "country_label": "US", "number": "+12125550199", "type": "toll"}],
    }
    owner = USERS.get(tx, master["owner_id"])
    if owner is not None:
        owner["tsp_accounts"] = [row]
        save_user(tx, owner)
    return {"tsp_enabled": True}
