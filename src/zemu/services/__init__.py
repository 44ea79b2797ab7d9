"""Behaviour, one package per product. ``HANDLERS`` maps a Zoom operationId to its handler.

Each product keeps its tables in one place, its ``handlers`` module: ``HANDLERS`` by operationId,
the webhook events its operations emit (``EMITS``), its ``TRIGGERS`` and ``ON_MEMBER_REMOVED``
hooks; its ``demo`` module adds its part of the demo account. These tables are built once from
them, and coverage is computed from them. A package's ``__init__`` holds nothing, so its models
can be imported by other products without pulling in its handlers.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from zemu.catalog import Operation
from zemu.services.context import Context, Handler, Trigger
from zemu.store import Tx

# in demo-building order: later products build on earlier ones (phone users are users; numbers are
# assigned to phone users, then to call queues and auto receptionists)
PRODUCT_NAMES = ("accounts", "users", "groups", "roles", "contacts", "tsp", "marketplace", "phone", "numbers",
                 "phone_routing", "phone_history")
PRODUCTS: tuple[ModuleType, ...] = tuple(importlib.import_module(f"zemu.services.{name}.handlers")
                                         for name in PRODUCT_NAMES)


def _merged_handlers() -> dict[str, Handler]:
    table: dict[str, Handler] = {}
    for product in PRODUCTS:
        clash = table.keys() & product.HANDLERS.keys()
        if clash:
            raise RuntimeError(f"operations registered twice: {sorted(clash)}")
        table.update(product.HANDLERS)
    return table


HANDLERS: dict[str, Handler] = _merged_handlers()


def member_removed(tx: Tx, account_id: str, member_id: str) -> None:
    """A user or a common area left the account: every product forgets what it held of them
    (phone profiles, numbers, queue memberships), each through the ``ON_MEMBER_REMOVED`` hooks
    it declares beside its handlers."""
    for product in PRODUCTS:
        for hook in getattr(product, "ON_MEMBER_REMOVED", ()):
            hook(tx, account_id, member_id)


def handler_for(handlers: dict[str, Handler], op: Operation) -> Handler | None:
    """An operation's handler. A few operationIds name different operations in two products
    (``getRoleInformation`` is an account role and a phone role): a handler registered as
    ``"product:operationId"`` serves that product's one, before the plain registration."""
    return handlers.get(f"{op.product}:{op.operation_id}") or handlers.get(op.operation_id)
EMITTED_EVENTS: set[str] = {event for product in PRODUCTS for event in getattr(product, "EMITS", ())}
TRIGGERS: dict[str, Trigger] = {event: trigger for product in PRODUCTS
                                for event, trigger in getattr(product, "TRIGGERS", {}).items()}

__all__ = ["EMITTED_EVENTS", "HANDLERS", "PRODUCTS", "TRIGGERS", "Context", "Handler", "Trigger", "handler_for",
           "member_removed", "PRODUCT_NAMES"]
