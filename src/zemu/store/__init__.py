"""Persistence behind one small interface, with SQLite (default) and PostgreSQL backends."""

from zemu.store.base import Conflict, Store, Tx
from zemu.store.open import open_store

__all__ = ["Conflict", "Store", "Tx", "open_store"]
