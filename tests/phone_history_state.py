"""Taking the demo account's week of phone history away, for tests that read exactly the history
they write (a module of its own, importable from any test package)."""

from __future__ import annotations

from zemu.store import Tx


def forget_history(tx: Tx) -> None:
    """Take every phone history record and every simulator document out of the store."""
    for table in ("docs", "doc_terms", "doc_counts", "doc_bucket_counts", "uniques"):
        tx.execute(f"DELETE FROM {table} WHERE substr(kind, 1, 3) IN ('ph_', 'sim')")
