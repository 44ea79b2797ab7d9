"""Which stores the suite can reach. A module of its own (not conftest) so that test modules and
the conftest files of sub-packages can import it without shadowing each other."""

from __future__ import annotations

import os

import psycopg

POSTGRES_URL = os.environ.get("ZEMU_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def postgres_reachable() -> bool:
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


POSTGRES_UP = postgres_reachable()
