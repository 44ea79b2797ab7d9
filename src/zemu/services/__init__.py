"""Behaviour, one package per product, each declared once as a ``Product`` (``registry.py``) in
its ``handlers`` module. ``PRODUCTS`` lists them in demo-building order: later products build on
earlier ones (phone users are users; numbers are assigned to phone users, then to call queues and
auto receptionists). The dispatch table, the triggers, the events and coverage are computed here
from those declarations; a package's ``__init__`` holds nothing, so its models can be imported by
other products without pulling in its handlers.
"""

from __future__ import annotations

from zemu.catalog import Operation
from zemu.services.accounts.handlers import PRODUCT as ACCOUNTS
from zemu.services.contacts.handlers import PRODUCT as CONTACTS
from zemu.services.context import Context, Handler, Job, Trigger
from zemu.services.groups.handlers import PRODUCT as GROUPS
from zemu.services.marketplace.handlers import PRODUCT as MARKETPLACE
from zemu.services.meetings.handlers import PRODUCT as MEETINGS
from zemu.services.numbers.handlers import PRODUCT as NUMBERS
from zemu.services.phone.handlers import PRODUCT as PHONE
from zemu.services.phone_history.handlers import PRODUCT as PHONE_HISTORY
from zemu.services.phone_routing.handlers import PRODUCT as PHONE_ROUTING
from zemu.services.registry import Product
from zemu.services.roles.handlers import PRODUCT as ROLES
from zemu.services.tsp.handlers import PRODUCT as TSP
from zemu.services.users.handlers import PRODUCT as USERS
from zemu.store import Tx

PRODUCTS: tuple[Product, ...] = (ACCOUNTS, USERS, GROUPS, ROLES, CONTACTS, TSP, MARKETPLACE, PHONE, NUMBERS,
                                 PHONE_ROUTING, PHONE_HISTORY, MEETINGS)


def _merged_handlers() -> dict[str, Handler]:
    table: dict[str, Handler] = {}
    for product in PRODUCTS:
        clash = table.keys() & product.handlers.keys()
        if clash:
            raise RuntimeError(f"operations registered twice: {sorted(clash)}")
        table.update(product.handlers)
    return table


def _merged_triggers() -> dict[str, Trigger]:
    table: dict[str, Trigger] = {}
    for product in PRODUCTS:
        clash = table.keys() & product.triggers.keys()
        if clash:
            raise RuntimeError(f"events triggered twice: {sorted(clash)}")
        table.update(product.triggers)
    return table


def _merged_jobs() -> dict[str, Job]:
    table: dict[str, Job] = {}
    for product in PRODUCTS:
        clash = table.keys() & product.jobs.keys()
        if clash:
            raise RuntimeError(f"scheduled work kinds declared twice: {sorted(clash)}")
        table.update(product.jobs)
    return table


HANDLERS: dict[str, Handler] = _merged_handlers()
TRIGGERS: dict[str, Trigger] = _merged_triggers()
JOBS: dict[str, Job] = _merged_jobs()
EMITTED_EVENTS: frozenset[str] = frozenset().union(*(product.emits for product in PRODUCTS))


def handler_for(handlers: dict[str, Handler], op: Operation) -> Handler | None:
    """An operation's handler. A few operationIds name different operations in two products
    (``getRoleInformation`` is an account role and a phone role): a handler registered as
    ``"product:operationId"`` serves that product's one, before the plain registration."""
    return handlers.get(f"{op.product}:{op.operation_id}") or handlers.get(op.operation_id)


def member_removed(tx: Tx, account_id: str, member_id: str) -> None:
    """A user or a common area left the account: every product forgets what it held of them."""
    for product in PRODUCTS:
        for hook in product.on_member_removed:
            hook(tx, account_id, member_id)


def site_moved(tx: Tx, old_site_id: str, new_site_id: str) -> None:
    """A phone site was deleted into another: every product moves what it filed under it."""
    for product in PRODUCTS:
        for hook in product.on_site_moved:
            hook(tx, old_site_id, new_site_id)


__all__ = ["EMITTED_EVENTS", "HANDLERS", "JOBS", "PRODUCTS", "TRIGGERS", "Context", "Handler", "Job", "Product",
           "Trigger", "handler_for", "member_removed", "site_moved"]
