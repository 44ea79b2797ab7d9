"""The tables, written once for both backends.

State is kept as JSON documents keyed by kind and id, with the few columns that reads are
indexed on (owning account, parent, sort key). Uniqueness rules (an email, an extension) are
rows in ``uniques`` so that the database itself refuses a duplicate. The outbox is written in
the same transaction as the change that causes the event.
"""

import re

from zemu.store.dialect import Dialect

SCHEMA_VERSION = "1"

TABLES = [
    """CREATE TABLE IF NOT EXISTS docs (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        account_id TEXT NOT NULL DEFAULT '',
        parent TEXT NOT NULL DEFAULT '',
        sort TEXT NOT NULL DEFAULT '',
        terms TEXT,
        body TEXT NOT NULL,
        view TEXT,
        PRIMARY KEY (kind, id)
    )""",
    "CREATE INDEX IF NOT EXISTS docs_listing ON docs (kind, account_id, parent, sort, id)",
    "CREATE INDEX IF NOT EXISTS docs_by_parent ON docs (kind, parent, sort, id)",
    """CREATE TABLE IF NOT EXISTS uniques (
        kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        value TEXT NOT NULL,
        owner TEXT NOT NULL,
        PRIMARY KEY (kind, scope, value)
    )""",
    "CREATE INDEX IF NOT EXISTS uniques_owner ON uniques (kind, owner)",
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
]

OUTBOX_TEMPLATE = """CREATE TABLE IF NOT EXISTS outbox (
    seq {seq},
    account_id TEXT NOT NULL,
    event TEXT NOT NULL,
    event_ts BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    claimed_at DOUBLE PRECISION,
    done INTEGER NOT NULL DEFAULT 0
)"""

OUTBOX_INDEX = "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (done, seq)"

# The resource layer's secondary index: one row per (document, term) a declared collection files
# it under, so a filtered list is a range read in (sort, id) order, and the per-term counts that
# answer ``total_records`` without counting rows. ``field`` "" with value "" is every document.
TABLES += [
    """CREATE TABLE IF NOT EXISTS doc_terms (
        kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        sort TEXT NOT NULL,
        id TEXT NOT NULL,
        PRIMARY KEY (kind, scope, field, value, sort, id)
    )""",
    # A document's own terms are kept on its ``docs`` row (``terms``), so the index has no second
    # tree by document: its ids are random, and that tree cost as much to write as the primary
    # key. (A store created before keeps its ``doc_terms_by_doc``: see ``upgrade_statements``.)
    "DROP INDEX IF EXISTS doc_terms_of_doc",
    """CREATE TABLE IF NOT EXISTS doc_counts (
        kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (kind, scope, field, value)
    )""",
    # counts per sort-key bucket of the collections that keep them (``terms.Buckets``): a count over
    # a date range reads the counters of the hours it covers
    """CREATE TABLE IF NOT EXISTS doc_bucket_counts (
        kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        bucket BIGINT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (kind, scope, field, value, bucket)
    )""",
]

# Work that happens later (a simulated call's next step): a row with its due emulated time,
# claimed in the transaction that performs it, so its effects and its completion commit together
# and a crash leaves it due. ``chain`` orders the steps of one call: only the earliest pending
# row of a chain is claimable. ``state`` is 0 pending, 2 failed (kept, with its error).
TABLES += [
    """CREATE TABLE IF NOT EXISTS scheduled_work (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        account_id TEXT NOT NULL,
        chain TEXT NOT NULL,
        due_at DOUBLE PRECISION NOT NULL,
        body TEXT NOT NULL,
        state INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        created_at DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS scheduled_work_due ON scheduled_work (state, due_at, id)",
    "CREATE INDEX IF NOT EXISTS scheduled_work_chain ON scheduled_work (chain, state, due_at, id)",
]

# Webhook deliveries and their attempts (the delivery worker's own tables). Written once for both
# backends: text ids, no auto-increment. ``next_at`` is the emulated time the next attempt falls
# due (NULL when none is); ``lease_until`` is a wall-clock lease held while an attempt is in
# flight, so that a crashed process's claims become claimable again.
WEBHOOK_TABLES = [
    """CREATE TABLE IF NOT EXISTS webhook_delivery (
        id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL,
        account_id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        subscription_id TEXT NOT NULL,
        event TEXT NOT NULL,
        url TEXT NOT NULL,
        tracking_id TEXT NOT NULL,
        event_ts BIGINT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at DOUBLE PRECISION,
        lease_until DOUBLE PRECISION NOT NULL DEFAULT 0,
        created_at DOUBLE PRECISION NOT NULL,
        updated_at DOUBLE PRECISION NOT NULL,
        last_status INTEGER,
        last_error TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS webhook_delivery_due ON webhook_delivery (status, next_at)",
    "CREATE INDEX IF NOT EXISTS webhook_delivery_recent ON webhook_delivery (created_at, id)",
    "CREATE INDEX IF NOT EXISTS webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at)",
    """CREATE TABLE IF NOT EXISTS webhook_attempt (
        id TEXT PRIMARY KEY,
        delivery_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        account_id TEXT NOT NULL,
        app_id TEXT NOT NULL,
        subscription_id TEXT NOT NULL,
        event TEXT NOT NULL,
        url TEXT NOT NULL,
        retry_num INTEGER NOT NULL,
        at DOUBLE PRECISION NOT NULL,
        scheduled_at DOUBLE PRECISION NOT NULL,
        ok INTEGER NOT NULL,
        status INTEGER NOT NULL,
        failed_reason_type INTEGER,
        error TEXT,
        latency_ms DOUBLE PRECISION NOT NULL,
        request_headers TEXT NOT NULL,
        request_body TEXT NOT NULL,
        response_headers TEXT NOT NULL,
        response_body TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS webhook_attempt_delivery ON webhook_attempt (delivery_id, at)",
    "CREATE INDEX IF NOT EXISTS webhook_attempt_app ON webhook_attempt (app_id, at, id)",
]
TABLES += WEBHOOK_TABLES

# Fault rules of the control plane (zemu/faults.py). ``seen`` counts the requests that passed the
# rule's filters (the index of its seeded draw), ``hits`` those the fault was applied to; both are
# updated in the store so that several processes sharing it agree on a rule's sequence and limit.
FAULT_TABLES = [
    """CREATE TABLE IF NOT EXISTS fault_rule (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        seen BIGINT NOT NULL DEFAULT 0,
        hits BIGINT NOT NULL DEFAULT 0,
        created_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION
    )""",
]
TABLES += FAULT_TABLES


def created_tables(statements: list[str]) -> tuple[str, ...]:
    """The tables the statements create, in order: reset and snapshots cover exactly these, so a
    table added above is wiped and saved without anyone keeping a second list."""
    found = (re.match(r"\s*CREATE TABLE IF NOT EXISTS (\w+)", s) for s in statements)
    return tuple(m.group(1) for m in found if m)


ALL_TABLES = created_tables([*TABLES, OUTBOX_TEMPLATE])
# the index and its counters: a call writes a few hundred of these rows (a store created before
# keeps its tables as they were, which answer the same)
KEYED = {"doc_terms", "doc_counts", "doc_bucket_counts", "uniques"}


# (kind, id, field, value, scope, sort): how a store created before documents carried their terms
# finds the terms of the documents it filed then (``Tx.terms_by_doc``)
TERMS_BY_DOC = "doc_terms_by_doc"


def upgrade_statements(docs_columns: list[str]) -> list[str]:
    """What a store created before documents carried their terms needs (``docs_columns``: the
    columns its ``docs`` table has): the column, empty on the documents filed before."""
    return [] if "terms" in docs_columns else ["ALTER TABLE docs ADD COLUMN terms TEXT"]


def create_statements(dialect: Dialect) -> list[str]:
    """Every table and index, as ``dialect`` writes them (the outbox's sequence column differs)."""
    tables = [f"{t}{dialect.keyed}" if KEYED.intersection(created_tables([t])) else t for t in TABLES]
    return [*tables, OUTBOX_TEMPLATE.format(seq=dialect.outbox_seq), OUTBOX_INDEX]
