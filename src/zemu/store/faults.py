"""The SQL of fault rules (the ``fault_rule`` table) and the version every process caches them by.

A rule's counters are moved by single UPDATE statements inside the caller's transaction: the
row lock PostgreSQL takes (and SQLite's ``BEGIN IMMEDIATE``) make two processes that see the
same rule count its requests one after the other, so a seed's sequence and a limit of N
matches hold across processes. Any change to the set of rules writes a new random version to
``meta``; a process reloads its rules when the version it holds is no longer the store's.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import orjson

from zemu.store.base import Tx

VERSION_KEY = "fault_rules_version"
COLUMNS = "id, body, seen, hits, created_at, expires_at"


@dataclass(slots=True)
class RuleRow:
    id: str
    body: dict[str, Any]
    seen: int
    hits: int
    created_at: float
    expires_at: float | None


def _row(r: Any) -> RuleRow:
    return RuleRow(r[0], orjson.loads(r[1]), int(r[2]), int(r[3]), float(r[4]), None if r[5] is None else float(r[5]))


def version(tx: Tx) -> str | None:
    return tx.meta(VERSION_KEY)


def bump(tx: Tx) -> None:
    """Tell every process that caches the rules to read them again."""
    tx.set_meta(VERSION_KEY, secrets.token_hex(8))


def insert(tx: Tx, rule_id: str, body: dict[str, Any], created_at: float, expires_at: float | None) -> RuleRow:
    tx.execute(
        f"INSERT INTO fault_rule ({COLUMNS}) VALUES (?, ?, 0, 0, ?, ?)",
        (rule_id, orjson.dumps(body).decode(), created_at, expires_at),
    )
    bump(tx)
    return RuleRow(rule_id, body, 0, 0, created_at, expires_at)


def every(tx: Tx) -> list[RuleRow]:
    """All rules, the oldest first (the order in which requests are matched against them)."""
    rows = tx.execute(f"SELECT {COLUMNS} FROM fault_rule ORDER BY created_at, id").fetchall()
    return [_row(r) for r in rows]


def get(tx: Tx, rule_id: str) -> RuleRow | None:
    row = tx.execute(f"SELECT {COLUMNS} FROM fault_rule WHERE id = ?", (rule_id,)).fetchone()
    return _row(row) if row else None


def delete(tx: Tx, rule_id: str) -> bool:
    deleted = bool(tx.execute("DELETE FROM fault_rule WHERE id = ?", (rule_id,)).rowcount)
    if deleted:
        bump(tx)
    return deleted


def clear(tx: Tx) -> int:
    count = int(tx.execute("DELETE FROM fault_rule").rowcount)
    bump(tx)
    return count


def count_seen(tx: Tx, rule_id: str) -> tuple[int, int] | None:
    """Count one more request that passed the rule's filters; answer (seen, hits), or None when
    the rule is gone."""
    tx.execute("UPDATE fault_rule SET seen = seen + 1 WHERE id = ?", (rule_id,))
    row = tx.execute("SELECT seen, hits FROM fault_rule WHERE id = ?", (rule_id,)).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def count_hit(tx: Tx, rule_id: str) -> int:
    tx.execute("UPDATE fault_rule SET hits = hits + 1 WHERE id = ?", (rule_id,))
    row = tx.execute("SELECT hits FROM fault_rule WHERE id = ?", (rule_id,)).fetchone()
    return int(row[0]) if row else 0
