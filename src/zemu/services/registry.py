"""What a product is: one declared value, registered in one place (``zemu.services.PRODUCTS``).

A product declares its handlers by operationId (``"product:operationId"`` where two products
share an operationId), the webhook events it emits, its triggers (``zemu trigger EVENT``), its part
of the demo account, the kinds of scheduled work it performs, and what it does when a member
(a user or a common area) leaves the account (and what it passes on to another user first, when
the removal asks for a transfer) or a phone site is merged into another. Everything
else (the dispatch table, coverage, the demo, the departures, the scheduler's table) is computed
from these values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from zemu.ids import Ids
from zemu.services.context import Handler, Job, Trigger
from zemu.store import Tx

Doc = dict[str, Any]
DemoPart = Callable[[Tx, Ids, float, Doc], Any]
MemberRemoved = Callable[[Tx, str, str], None]  # (tx, account_id, member_id)
# (tx, account_id, member_id, to_member_id, what): a departing user's things passed to another user,
# ``what`` the kinds the caller asked to transfer (``meeting``, ``webinar``, ``recording``, ...)
MemberHandover = Callable[[Tx, str, str, str, frozenset[str]], None]
SiteMoved = Callable[[Tx, str, str], None]  # (tx, old_site_id, new_site_id)


@dataclass(frozen=True, slots=True)
class Product:
    name: str
    handlers: Mapping[str, Handler]
    emits: frozenset[str] = frozenset()
    triggers: Mapping[str, Trigger] = field(default_factory=dict)
    demo: DemoPart | None = None
    on_member_removed: tuple[MemberRemoved, ...] = ()
    on_member_handover: tuple[MemberHandover, ...] = ()
    on_site_moved: tuple[SiteMoved, ...] = ()
    jobs: Mapping[str, Job] = field(default_factory=dict)
