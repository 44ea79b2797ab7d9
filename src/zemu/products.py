"""The products, each declared once as a ``Product`` (``services/registry.py``) in its
``handlers`` module (a simulator's in its own package). ``PRODUCTS`` lists them in demo-building
order: later products build on earlier ones (phone users are users; numbers are assigned to phone
users, then to call queues and auto receptionists). The dispatch table, the triggers, the events,
the jobs and coverage are computed here from those declarations; a package's ``__init__`` holds
nothing, so its models can be imported by other products without pulling in its handlers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from zemu.catalog import Operation
from zemu.services.accounts.handlers import PRODUCT as ACCOUNTS
from zemu.services.activity import log_operation
from zemu.services.contacts.handlers import PRODUCT as CONTACTS
from zemu.services.context import Context, Handler, Job, Trigger
from zemu.services.devices.handlers import PRODUCT as DEVICES
from zemu.services.groups.handlers import PRODUCT as GROUPS
from zemu.services.marketplace.handlers import PRODUCT as MARKETPLACE
from zemu.services.meetings.handlers import PRODUCT as MEETINGS
from zemu.services.numbers.handlers import PRODUCT as NUMBERS
from zemu.services.phone.handlers import PRODUCT as PHONE
from zemu.services.phone_history.handlers import PRODUCT as PHONE_HISTORY
from zemu.services.phone_routing.handlers import PRODUCT as PHONE_ROUTING
from zemu.services.registry import Product
from zemu.services.roles.handlers import PRODUCT as ROLES
from zemu.services.rooms.handlers import PRODUCT as ROOMS
from zemu.services.team_chat.handlers import PRODUCT as TEAM_CHAT
from zemu.services.tsp.handlers import PRODUCT as TSP
from zemu.services.users.handlers import PRODUCT as USERS
from zemu.sim.phone.product import PRODUCT as PHONE_SIM
from zemu.store import Tx

T = TypeVar("T")
PRODUCTS: tuple[Product, ...] = (
    ACCOUNTS,
    USERS,
    GROUPS,
    ROLES,
    CONTACTS,
    TSP,
    MARKETPLACE,
    PHONE,
    NUMBERS,
    PHONE_ROUTING,
    PHONE_HISTORY,
    PHONE_SIM,
    TEAM_CHAT,
    ROOMS,
    DEVICES,
    MEETINGS,
)


def _merged(tables: list[Mapping[str, T]], what: str) -> dict[str, T]:
    """One table from the products' tables; a key two products declare is a start-up error."""
    merged: dict[str, T] = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise RuntimeError(f"{what} declared twice: {sorted(clash)}")
        merged.update(table)
    return merged


HANDLERS: dict[str, Handler] = _merged([p.handlers for p in PRODUCTS], "operations")
TRIGGERS: dict[str, Trigger] = _merged([p.triggers for p in PRODUCTS], "triggers")
JOBS: dict[str, Job] = _merged([p.jobs for p in PRODUCTS], "kinds of scheduled work")
EMITTED_EVENTS: frozenset[str] = frozenset().union(*(product.emits for product in PRODUCTS))


def handler_for(handlers: dict[str, Handler], op: Operation) -> Handler | None:
    """An operation's handler. A few operationIds name different operations in two products
    (``getRoleInformation`` is an account role and a phone role): a handler registered as
    ``"product:operationId"`` serves that product's one, before the plain registration."""
    return handlers.get(f"{op.product}:{op.operation_id}") or handlers.get(op.operation_id)


def perform(handler: Handler, ctx: Context) -> Any:
    """An operation performed as every product's are: a change first writes the account's
    operation-log row, in the same transaction, so a refused change leaves none."""
    log_operation(ctx)
    return handler(ctx)


def member_removed(tx: Tx, account_id: str, member_id: str) -> None:
    """A user or a common area left the account: every product forgets what it held of them."""
    for product in PRODUCTS:
        for hook in product.on_member_removed:
            hook(tx, account_id, member_id)


def member_handed_over(tx: Tx, account_id: str, member_id: str, to_member_id: str, what: frozenset[str]) -> None:
    """A departing user's things of the kinds in ``what`` pass to another user of the account
    (before ``member_removed`` forgets what is left)."""
    for product in PRODUCTS:
        for hook in product.on_member_handover:
            hook(tx, account_id, member_id, to_member_id, what)


def site_moved(tx: Tx, old_site_id: str, new_site_id: str) -> None:
    """A phone site was deleted into another: every product moves what it filed under it."""
    for product in PRODUCTS:
        for hook in product.on_site_moved:
            hook(tx, old_site_id, new_site_id)


__all__ = [
    "EMITTED_EVENTS",
    "HANDLERS",
    "JOBS",
    "PRODUCTS",
    "TRIGGERS",
    "Context",
    "Handler",
    "Job",
    "Product",
    "Trigger",
    "handler_for",
    "member_handed_over",
    "member_removed",
    "perform",
    "site_moved",
]
