"""Outbox → deliveries: each committed event becomes one delivery per subscription receiving it.

Runs in one transaction: the outbox rows are claimed, their deliveries inserted and the rows
marked done together, so a crash either leaves the events in the outbox or has their deliveries
stored; the body is serialised once, here, and every attempt sends those same bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from zemu.events import body as json_body
from zemu.events import subscriptions
from zemu.ids import Ids
from zemu.store import Tx
from zemu.store.webhooks import FAILED, PENDING, Delivery, claim_outbox, insert_deliveries

log = logging.getLogger("zemu.webhooks")
CheckEvent = Callable[[str, dict[str, Any]], None]


def fan_out(tx: Tx, ids: Ids, *, limit: int, check_event: CheckEvent | None = None) -> int:
    """Turn up to ``limit`` outbox rows into deliveries; answer how many rows were taken."""
    rows = claim_outbox(tx, limit)
    receivers: dict[str, list[tuple[dict[str, Any], frozenset[str]]]] = {}
    deliveries: list[Delivery] = []
    for row in rows:
        if row.account_id not in receivers:
            receivers[row.account_id] = [
                (s, frozenset(s["events"])) for s in subscriptions.receiving(tx, row.account_id)
            ]
        matching = [s for s, events in receivers[row.account_id] if row.event in events]
        if not matching:
            continue
        problem = _strict_problem(check_event, row.event, row.body)
        body = json_body.encode(row.body).decode()
        for sub in matching:
            deliveries.append(
                Delivery(
                    id=ids.uuid().replace("-", "_"),
                    seq=row.seq,
                    account_id=row.account_id,
                    app_id=sub["app_id"],
                    subscription_id=sub["id"],
                    event=row.event,
                    url=sub["url"],
                    tracking_id=ids.hex32(),
                    event_ts=row.event_ts,
                    body=body,
                    status=FAILED if problem else PENDING,
                    attempts=0,
                    next_at=None if problem else row.created_at,
                    created_at=row.created_at,
                    updated_at=tx.now,
                    last_status=None,
                    last_error=problem,
                )
            )
    insert_deliveries(tx, deliveries)
    return len(rows)


def _strict_problem(check_event: CheckEvent | None, event: str, body: dict[str, Any]) -> str | None:
    """Strict mode: an event body that does not match its schema is never sent, and says why."""
    if check_event is None:
        return None
    try:
        check_event(event, body)
    except Exception as drift:  # StrictModeDrift, or an event missing from the catalogue
        log.error("strict mode: %s", drift)
        return f"strict mode: {drift}"
    return None
