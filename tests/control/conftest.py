"""A store that several servers share: a SQLite file, or a PostgreSQL schema of its own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from backends import POSTGRES_URL


@pytest.fixture
def store_url(backend: str, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    if backend == "sqlite":
        yield str(tmp_path / "zemu.db"), None
        return
    schema = f"zemu_test_{uuid.uuid4().hex[:12]}"
    yield POSTGRES_URL, schema
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
