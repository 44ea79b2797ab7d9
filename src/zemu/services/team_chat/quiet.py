"""A context for building history (the demo): the same services, announcing nothing, because
what the demo account already holds happened before anyone subscribed."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.paging import Pager
from zemu.services.context import Context
from zemu.store import Tx


class QuietContext(Context):
    def emit(self, event: str, payload: dict[str, Any], *, account_id: str | None = None) -> None:
        return None


def quiet_context(tx: Tx, ids: Ids, now: float, account_id: str, user_id: str) -> Context:
    return QuietContext(
        op=None,
        tx=tx,
        ids=ids,
        pager=Pager(b"demo", lambda: now),
        now=now,
        account_id=account_id,
        user_id=user_id,
        scopes=frozenset(),
    )
