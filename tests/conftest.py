"""The suite runs against both stores: every test that uses ``zemu`` runs on SQLite and on
PostgreSQL. Without a reachable PostgreSQL the SQLite half still runs, and the run says so."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest

from backends import POSTGRES_UP, POSTGRES_URL
from events.webhook_receivers import Receiver
from zemu.pytest_plugin import zemu  # noqa: F401  (the plugin's fixture, whatever entry point is installed)
from zemu.store import Store, open_store
from zemu.testing import ZemuServer, zemu_server


def pytest_report_header(config: pytest.Config) -> str:
    if POSTGRES_UP:
        return f"zemu stores: SQLite and PostgreSQL ({POSTGRES_URL})"
    return f"zemu stores: SQLite only - PostgreSQL at {POSTGRES_URL} is not reachable, its half is SKIPPED"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not POSTGRES_UP:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: PostgreSQL half skipped")
    return str(request.param)


@pytest.fixture(scope="session")
def zemu_server_session(backend: str) -> Iterator[ZemuServer]:
    if backend == "sqlite":
        with zemu_server(db=":memory:") as server:
            yield server
        return
    schema = f"zemu_test_{uuid.uuid4().hex[:12]}"
    with zemu_server(db=POSTGRES_URL, db_schema=schema) as server:
        yield server
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def receiver(zemu: ZemuServer) -> Iterator[Receiver]:  # noqa: F811  (the plugin's fixture, by name)
    """A webhook receiver on loopback that checks signatures with the demo app's secret token."""
    r = Receiver(secret=zemu.credentials["webhook_secret_token"])
    yield r
    r.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[Store]:
    """A bare store (no server) on each backend: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        opened = open_store(f"{tmp_path}/zemu.db", lambda: 1000.0)
        yield opened
        opened.close()
        return
    if not POSTGRES_UP:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: PostgreSQL half skipped")
    opened = open_store(POSTGRES_URL, lambda: 1000.0, schema=f"zemu_store_{uuid.uuid4().hex[:10]}")
    yield opened
    opened.drop_schema()  # type: ignore[attr-defined]
    opened.close()
