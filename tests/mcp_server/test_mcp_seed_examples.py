"""The two example requests that the Zoom Phone MCP tool catalogue gives for each of its 56 tools
work here verbatim, over stdio (in the handshake-era protocol) and over streamable HTTP (in the
2026-07-28 revision): the describe example describes the
method, and the call example reaches the operation (its placeholders, such as
``<autoReceptionistId>``, are left as they are, so Zoom's own not-found or validation answer is a
correct outcome; an unknown method or a refused parameter is not)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mcp_clients import Session, body, error, http, stdio

from zemu.testing import ZemuServer

EXAMPLES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "seed_examples.json").read_text())["examples"]
REQUESTS = [(row["tool"], kind, row[kind]) for row in EXAMPLES for kind in ("describe", "call")]
IDS = [f"{tool}-{kind}" for tool, kind, _ in REQUESTS]


@pytest.fixture(scope="module")
def over_http(zemu_server_session: ZemuServer) -> Iterator[Session]:
    session = Session(http(zemu_server_session.credentials["mcp_url"]))
    yield session
    session.close()


@pytest.fixture(scope="module")
def over_stdio() -> Iterator[Session]:
    session = Session(stdio("--db", ":memory:", mode="legacy"))  # the seed's clients speak the handshake era
    yield session
    session.close()


def check(session: Session, tool: str, kind: str, request: dict[str, Any]) -> None:
    assert request["method"] == "tools/call"
    result = session.call(request["params"]["name"], request["params"]["arguments"])
    if kind == "describe":
        described = body(result)
        assert described["method"] == tool and described["service"] == "zoom-phone"
        assert described["http_method"] == "GET" and described["path"].startswith("/phone/")
        return
    if not result.is_error:
        assert isinstance(body(result), dict)
        return
    found = error(result)
    # Zoom's answer to a placeholder id: not found, or a parameter it refuses; never a refused call
    assert "kind" not in found, found
    assert found["status"] in (400, 404), found


def test_the_examples_cover_the_56_tools() -> None:
    assert len(EXAMPLES) == 56 and len(REQUESTS) == 112


@pytest.mark.parametrize(("tool", "kind", "request_"), REQUESTS, ids=IDS)
def test_seed_example_over_http(over_http: Session, tool: str, kind: str, request_: dict[str, Any]) -> None:
    check(over_http, tool, kind, request_)


@pytest.mark.parametrize(("tool", "kind", "request_"), REQUESTS, ids=IDS)
def test_seed_example_over_stdio(over_stdio: Session, tool: str, kind: str, request_: dict[str, Any]) -> None:
    check(over_stdio, tool, kind, request_)
