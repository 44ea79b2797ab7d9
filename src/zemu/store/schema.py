"""The tables, written once for both backends.

State is kept as JSON documents keyed by kind and id, with the few columns that reads are
indexed on (owning account, parent, sort key). Uniqueness rules (an email, an extension) are
rows in ``uniques`` so that the database itself refuses a duplicate. The outbox is written in
the same transaction as the change that causes the event.
"""

SCHEMA_VERSION = "1"

TABLES = [
    """CREATE TABLE IF NOT EXISTS docs (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        account_id TEXT NOT NULL DEFAULT '',
        parent TEXT NOT NULL DEFAULT '',
        sort TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
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

SQLITE_OUTBOX = """CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL,
    event TEXT NOT NULL,
    event_ts BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    claimed_at DOUBLE PRECISION,
    done INTEGER NOT NULL DEFAULT 0
)"""

POSTGRES_OUTBOX = """CREATE TABLE IF NOT EXISTS outbox (
    seq BIGSERIAL PRIMARY KEY,
    account_id TEXT NOT NULL,
    event TEXT NOT NULL,
    event_ts BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    claimed_at DOUBLE PRECISION,
    done INTEGER NOT NULL DEFAULT 0
)"""

OUTBOX_INDEX = "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (done, seq)"

ALL_TABLES = ("docs", "uniques", "meta", "outbox")
