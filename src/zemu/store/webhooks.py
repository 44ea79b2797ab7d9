"""The SQL of the webhook engine: outbox claims, deliveries and their attempts.

Work is claimed in short transactions and never held across network I/O: a claimed delivery
carries a wall-clock lease (``lease_until``) while its attempt is in flight. On PostgreSQL the
claiming SELECT locks its rows with ``FOR UPDATE SKIP LOCKED`` so several processes sharing the
database never claim the same row; on SQLite ``BEGIN IMMEDIATE`` serialises the claimers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from zemu.store.base import Tx

PENDING = "pending"
DELIVERED = "delivered"
FAILED = "failed"


@dataclass(slots=True)
class OutboxRow:
    seq: int
    account_id: str
    event: str
    event_ts: int
    body: dict[str, Any]
    created_at: float


@dataclass(slots=True)
class Delivery:
    id: str
    seq: int
    account_id: str
    app_id: str
    subscription_id: str
    event: str
    url: str
    tracking_id: str
    event_ts: int
    body: str
    status: str
    attempts: int
    next_at: float | None
    created_at: float
    updated_at: float
    last_status: int | None
    last_error: str | None


DELIVERY_COLUMNS = (
    "id, seq, account_id, app_id, subscription_id, event, url, tracking_id, event_ts, body, "
    "status, attempts, next_at, created_at, updated_at, last_status, last_error"
)
ATTEMPT_COLUMNS = (
    "id, delivery_id, kind, account_id, app_id, subscription_id, event, url, retry_num, at, "
    "scheduled_at, ok, status, failed_reason_type, error, latency_ms, request_headers, "
    "request_body, response_headers, response_body"
)
ATTEMPT_FIELDS = tuple(c.strip() for c in ATTEMPT_COLUMNS.split(","))


# outbox ------------------------------------------------------------------------------------
def claim_outbox(tx: Tx, limit: int) -> list[OutboxRow]:
    """Take up to ``limit`` undelivered outbox rows, oldest first, and mark them taken. A plain
    read first: an idle poll in a read transaction then takes no lock and sends no BEGIN."""
    if not tx._peek("SELECT 1 FROM outbox WHERE done = 0 LIMIT 1"):
        return []
    rows = tx.execute(
        "SELECT seq, account_id, event, event_ts, body, created_at FROM outbox "
        f"WHERE done = 0 ORDER BY seq LIMIT ?{tx.skip_locked}",
        (limit,),
    ).fetchall()
    if rows:
        tx.execute_many("UPDATE outbox SET done = 1, claimed_at = ? WHERE seq = ?", [(tx.now, r[0]) for r in rows])
    return [OutboxRow(r[0], r[1], r[2], r[3], orjson.loads(r[4]), r[5]) for r in rows]


def outbox_backlog(tx: Tx) -> int:
    return int(tx.execute("SELECT COUNT(*) FROM outbox WHERE done = 0").fetchone()[0])


# deliveries ----------------------------------------------------------------------------------
def insert_deliveries(tx: Tx, rows: Sequence[Delivery]) -> None:
    tx.execute_many(
        f"INSERT INTO webhook_delivery ({DELIVERY_COLUMNS}) VALUES ({', '.join('?' * 17)})",
        [
            (
                d.id,
                d.seq,
                d.account_id,
                d.app_id,
                d.subscription_id,
                d.event,
                d.url,
                d.tracking_id,
                d.event_ts,
                d.body,
                d.status,
                d.attempts,
                d.next_at,
                d.created_at,
                d.updated_at,
                d.last_status,
                d.last_error,
            )
            for d in rows
        ],
    )


def claim_due(
    tx: Tx, now: float, wall: float, lease: float, limit: int, skip_urls: Sequence[str] = ()
) -> list[Delivery]:
    """Pending deliveries due by emulated ``now`` that nobody holds, leased until ``wall + lease``."""
    if limit <= 0:
        return []
    if not tx._peek(
        "SELECT 1 FROM webhook_delivery WHERE status = ? AND next_at <= ? AND lease_until < ? LIMIT 1",
        (PENDING, now, wall),
    ):
        return []  # as in claim_outbox: an idle poll only reads
    skip = f" AND url NOT IN ({', '.join('?' * len(skip_urls))})" if skip_urls else ""
    rows = tx.execute(
        f"SELECT {DELIVERY_COLUMNS} FROM webhook_delivery WHERE status = ? AND next_at <= ? "
        f"AND lease_until < ?{skip} ORDER BY next_at LIMIT ?{tx.skip_locked}",
        (PENDING, now, wall, *skip_urls, limit),
    ).fetchall()
    if rows:
        tx.execute_many(
            "UPDATE webhook_delivery SET lease_until = ? WHERE id = ?", [(wall + lease, r[0]) for r in rows]
        )
    return [Delivery(*r) for r in rows]


def get_delivery(tx: Tx, delivery_id: str) -> Delivery | None:
    row = tx.execute(f"SELECT {DELIVERY_COLUMNS} FROM webhook_delivery WHERE id = ?", (delivery_id,)).fetchone()
    return Delivery(*row) if row else None


def finish_attempt(
    tx: Tx,
    delivery_id: str,
    *,
    status: str,
    attempts: int,
    next_at: float | None,
    last_status: int,
    last_error: str | None,
    now: float,
) -> bool:
    """Settle a delivery after an attempt and release its lease; False when it no longer exists
    (the store was reset while the attempt was in flight)."""
    cur = tx.execute(
        "UPDATE webhook_delivery SET status = ?, attempts = ?, next_at = ?, lease_until = 0, "
        "last_status = ?, last_error = ?, updated_at = ? WHERE id = ?",
        (status, attempts, next_at, last_status, last_error, now, delivery_id),
    )
    return bool(cur.rowcount)


def list_deliveries(
    tx: Tx,
    *,
    event: str | None = None,
    status: str | None = None,
    subscription_id: str | None = None,
    app_id: str | None = None,
    before: tuple[float, str] | None = None,
    limit: int = 50,
) -> list[Delivery]:
    """Newest first."""
    where: list[str] = ["1 = 1"]
    args: list[Any] = []
    for column, value in (
        ("event", event),
        ("status", status),
        ("subscription_id", subscription_id),
        ("app_id", app_id),
    ):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    if before is not None:
        where.append("(created_at < ? OR (created_at = ? AND id < ?))")
        args += [before[0], before[0], before[1]]
    rows = tx.execute(
        f"SELECT {DELIVERY_COLUMNS} FROM webhook_delivery WHERE {' AND '.join(where)} "
        "ORDER BY created_at DESC, id DESC LIMIT ?",
        (*args, limit),
    ).fetchall()
    return [Delivery(*r) for r in rows]


def count_deliveries(tx: Tx, status: str | None = None) -> int:
    if status:
        return int(tx.execute("SELECT COUNT(*) FROM webhook_delivery WHERE status = ?", (status,)).fetchone()[0])
    return int(tx.execute("SELECT COUNT(*) FROM webhook_delivery").fetchone()[0])


# attempts ------------------------------------------------------------------------------------
def insert_attempts(tx: Tx, rows: Sequence[dict[str, Any]]) -> None:
    tx.execute_many(
        f"INSERT INTO webhook_attempt ({ATTEMPT_COLUMNS}) VALUES ({', '.join('?' * len(ATTEMPT_FIELDS))})",
        [tuple(r[f] for f in ATTEMPT_FIELDS) for r in rows],
    )


def attempts_of(tx: Tx, delivery_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {d: [] for d in delivery_ids}
    if not delivery_ids:
        return out
    rows = tx.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM webhook_attempt WHERE delivery_id IN "
        f"({', '.join('?' * len(delivery_ids))}) ORDER BY at, id",
        tuple(delivery_ids),
    ).fetchall()
    for row in rows:
        attempt = dict(zip(ATTEMPT_FIELDS, row, strict=True))
        out[attempt["delivery_id"]].append(attempt)
    return out


def list_attempts(
    tx: Tx,
    *,
    app_id: str | None = None,
    subscription_id: str | None = None,
    kinds: Sequence[str] = (),
    since: float | None = None,
    until: float | None = None,
    event: str | None = None,
    ok: bool | None = None,
    retry_num: int | None = None,
    before: tuple[float, str] | None = None,
    limit: int = 30,
) -> list[dict[str, Any]]:
    """Attempts newest first, filtered as the webhook-log API asks."""
    where: list[str] = ["1 = 1"]
    args: list[Any] = []
    for column, value in (
        ("app_id", app_id),
        ("subscription_id", subscription_id),
        ("event", event),
        ("retry_num", retry_num),
    ):
        if value is not None and value != "":
            where.append(f"{column} = ?")
            args.append(value)
    if kinds:
        where.append(f"kind IN ({', '.join('?' * len(kinds))})")
        args += list(kinds)
    if ok is not None:
        where.append("ok = ?")
        args.append(1 if ok else 0)
    if since is not None:
        where.append("at >= ?")
        args.append(since)
    if until is not None:
        where.append("at <= ?")
        args.append(until)
    if before is not None:
        where.append("(at < ? OR (at = ? AND id < ?))")
        args += [before[0], before[0], before[1]]
    rows = tx.execute(
        f"SELECT {ATTEMPT_COLUMNS} FROM webhook_attempt WHERE {' AND '.join(where)} ORDER BY at DESC, id DESC LIMIT ?",
        (*args, limit),
    ).fetchall()
    return [dict(zip(ATTEMPT_FIELDS, r, strict=True)) for r in rows]


def mark_delivered(tx: Tx, delivery_id: str, *, last_status: int, now: float) -> None:
    """A successful replay settles a delivery without touching any lease in flight."""
    tx.execute(
        "UPDATE webhook_delivery SET status = ?, next_at = NULL, last_status = ?, last_error = NULL, "
        "updated_at = ? WHERE id = ?",
        (DELIVERED, last_status, now, delivery_id),
    )
