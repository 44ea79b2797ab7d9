"""The contacts product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.contacts import demo, search
from zemu.services.context import Handler, Trigger
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {"searchCompanyContacts": search.search}

EMITS: tuple[str, ...] = ()
TRIGGERS: dict[str, Trigger] = {}

PRODUCT = Product(
    name="contacts",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
)
