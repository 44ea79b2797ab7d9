"""The tsp product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler, Trigger
from zemu.services.registry import Product
from zemu.services.tsp import account, demo, users

HANDLERS: dict[str, Handler] = {
    "tsp": account.get_tsp,
    "tspUpdate": account.update_tsp,
    "userTSPs": users.list_user_tsps,
    "userTSP": users.get_user_tsp,
    "userTSPCreate": users.create_user_tsp,
    "userTSPUpdate": users.update_user_tsp,
    "userTSPDelete": users.delete_user_tsp,
    "tspUrlUpdate": users.update_audio_url,
}

EMITS: tuple[str, ...] = ("user.tsp_created", "user.tsp_updated", "user.tsp_deleted")
TRIGGERS: dict[str, Trigger] = {}

PRODUCT = Product(
    name="tsp",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
)
