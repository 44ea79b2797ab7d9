"""Scheduled work in the store: rows with a due emulated time, claimed like the outbox.

A job is claimed inside the transaction that performs it (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL), and deleted by that same transaction, so its effects and its completion commit
together: a crash or a refused step rolls both back and leaves the job due, and two processes
sharing one database never run the same job. Jobs of one ``chain`` (the steps of one call) run in
due order: a job is claimable only while no earlier job of its chain is pending, even one that
another process holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from zemu.store.base import Tx


@dataclass(frozen=True, slots=True)
class Scheduled:
    id: str
    kind: str
    account_id: str
    chain: str
    due_at: float
    body: dict[str, Any]


def schedule(
    tx: Tx, *, job_id: str, kind: str, account_id: str, due_at: float, body: dict[str, Any], chain: str = ""
) -> None:
    tx.execute(
        "INSERT INTO scheduled_work (id, kind, account_id, chain, due_at, body, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (job_id, kind, account_id, chain or job_id, due_at, orjson.dumps(body).decode(), tx.now),
    )


def claim_next(tx: Tx, now: float) -> Scheduled | None:
    """The earliest job due by ``now`` that is first of its chain, locked for this transaction."""
    rows = tx.query(
        "SELECT w.id, w.kind, w.account_id, w.chain, w.due_at, w.body FROM scheduled_work w "
        "WHERE w.state = 0 AND w.due_at <= ? AND NOT EXISTS (SELECT 1 FROM scheduled_work p "
        "WHERE p.chain = w.chain AND p.state = 0 AND (p.due_at < w.due_at OR (p.due_at = w.due_at AND p.id < w.id))) "
        "ORDER BY w.due_at, w.id LIMIT 1" + tx.skip_locked,
        (now,),
    )
    if not rows:
        return None
    r = rows[0]
    return Scheduled(r[0], r[1], r[2], r[3], float(r[4]), orjson.loads(r[5]))


def finish(tx: Tx, job_id: str) -> None:
    tx.execute("DELETE FROM scheduled_work WHERE id = ?", (job_id,))


def fail(tx: Tx, job_id: str, error: str) -> None:
    tx.execute("UPDATE scheduled_work SET state = 2, error = ? WHERE id = ?", (error[:2000], job_id))


def next_due(tx: Tx) -> float | None:
    rows = tx.query("SELECT MIN(due_at) FROM scheduled_work WHERE state = 0")
    return float(rows[0][0]) if rows and rows[0][0] is not None else None


def pending(tx: Tx, *, kind: str | None = None, chain: str | None = None) -> list[Scheduled]:
    where, args = "state = 0", []
    if kind is not None:
        where += " AND kind = ?"
        args.append(kind)
    if chain is not None:
        where += " AND chain = ?"
        args.append(chain)
    rows = tx.query(
        f"SELECT id, kind, account_id, chain, due_at, body FROM scheduled_work WHERE {where} "
        "ORDER BY due_at, id LIMIT 1000",
        args,
    )
    return [Scheduled(r[0], r[1], r[2], r[3], float(r[4]), orjson.loads(r[5])) for r in rows]


def failed(tx: Tx) -> list[tuple[str, str, str]]:
    return [
        (r[0], r[1], r[2])
        for r in tx.query("SELECT id, kind, error FROM scheduled_work WHERE state = 2 ORDER BY due_at, id LIMIT 1000")
    ]
