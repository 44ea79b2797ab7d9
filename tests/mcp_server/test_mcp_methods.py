"""Every catalogue operation has one MCP method name, distinct within its service, that resolves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zemu.catalog import load_catalog
from zemu.mcp.methods import MethodIndex

INDEX = MethodIndex(load_catalog())
SEED_TOOLS = [row["tool"] for row in json.loads((Path(__file__).parent / "seed_examples.json").read_text())["examples"]]


def test_every_catalogue_operation_has_a_name_that_resolves_to_it() -> None:
    methods = [m for s in INDEX.services.values() for m in s.methods]
    assert len(methods) == len(load_catalog().operations)
    for service in INDEX.services.values():
        assert len(service.by_name) == len(service.methods)
        for m in service.methods:
            assert service.resolve(m.name) is m


@pytest.mark.parametrize("tool", SEED_TOOLS)
def test_a_seed_tool_name_resolves_verbatim_to_the_account_operation(tool: str) -> None:
    found = INDEX.services["zoom-phone"].resolve(tool)
    assert found is not None and found.name == tool and found.op.variant == "account"


def test_master_account_forms_are_prefixed() -> None:
    accounts = INDEX.services["zoom-accounts"]
    account = accounts.resolve("information_barriers_list")
    master = accounts.resolve("master_information_barriers_list")
    assert account is not None and master is not None
    assert (account.op.variant, master.op.variant) == ("account", "master")


def test_a_second_operation_of_one_form_under_one_name_gains_its_http_method() -> None:
    rooms = INDEX.services["zoom-rooms"]
    official, other = (
        rooms.resolve("update_zoom_rooms_location_structure"),
        rooms.resolve("update_zoom_rooms_location_structure_patch"),
    )
    assert official is not None and other is not None
    assert (official.op.method, official.op.source) == ("PUT", "official")
    assert (other.op.method, other.op.source) == ("PATCH", "seed")


def test_an_operation_id_is_an_alias() -> None:
    found = INDEX.services["zoom-phone"].resolve("listAutoReceptionists")
    assert found is not None and found.name == "list_auto_receptionists"


def test_search_puts_methods_named_by_the_words_first() -> None:
    found = INDEX.services["zoom-phone"].search("call queue")
    named = [m for m in found if "call" in m.name and "queue" in m.name]
    assert named and found[: len(named)] == named
    assert len(found) > len(named)  # and after them, those whose summary or path holds the words
