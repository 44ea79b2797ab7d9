"""A list page costs the same few store round trips however big the account grows: the lists of
users, of a group's members, of a role's holders and of numbers are index ranges, with no read
per item. Measured by counting the statements one page runs, at two sizes, on SQLite and
PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import orjson
import pytest

from backends import POSTGRES_UP, POSTGRES_URL
from zemu.catalog import load_catalog
from zemu.ids import Ids
from zemu.paging import Pager
from zemu.services.accounts.model import create_account
from zemu.services.context import Context
from zemu.services.groups import members
from zemu.services.groups.model import add_member, create_group
from zemu.services.numbers import inventory, model, phone_numbers
from zemu.services.roles import roles
from zemu.services.users import profile
from zemu.services.users.model import create_user
from zemu.store import Store, open_store

NOW = 1_700_000_000.0


class CountingCursor:
    """The store's cursor, counting the statements it runs."""

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor
        self.statements = 0

    def execute(self, *args: Any) -> Any:
        self.statements += 1
        return self.cursor.execute(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.cursor, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Callable[[], Store]]:
    """Opens fresh stores of one backend, closed (and dropped) after the test."""
    if request.param == "postgresql" and not POSTGRES_UP:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: PostgreSQL half skipped")
    opened: list[Store] = []

    def make() -> Store:
        name = f"zemu_cost_{uuid.uuid4().hex[:10]}"
        store = (
            open_store(f"{tmp_path}/{name}.db", lambda: NOW)
            if request.param == "sqlite"
            else open_store(POSTGRES_URL, lambda: NOW, schema=name)
        )
        opened.append(store)
        return store

    yield make
    for store in opened:
        if request.param == "postgresql":
            store.drop_schema()  # type: ignore[attr-defined]
        store.close()


def fill(store: Store, people: int) -> dict[str, str]:
    """An account with ``people`` users, all in one group, and as many phone numbers."""
    ids = Ids(7)
    with store.transaction() as tx:
        account = create_account(
            tx, ids, NOW, account_name="Big", owner_email="owner@big.example", first_name="Owner", last_name="Big"
        )
        group = create_group(tx, ids, NOW, account_id=account["id"], name="Everyone")
        for i in range(people):
            user = create_user(
                tx,
                ids,
                NOW,
                account_id=account["id"],
                email=f"user{i:04d}@big.example",
                first_name="User",
                last_name=f"{i:04d}",
            )
            add_member(tx, group, user)
            model.add_number(
                tx,
                ids,
                NOW,
                account_id=account["id"],
                number=f"+1408555{i:04d}",
                product="ZOOM_PHONE" if i % 2 else "UNALLOCATED",
            )
    return {"account": account["id"], "group": group["id"]}


def one_page(
    store: Store,
    account_id: str,
    operation: str,
    handler: Callable[[Context], Any],
    path: dict[str, str] | None = None,
    **query: Any,
) -> tuple[int, Any]:
    """Run one page of a list handler; answer the statements it ran and what it answered."""
    op = load_catalog().by_operation_id[operation][0]
    with store.transaction() as tx:
        counting = CountingCursor(tx._cur)
        tx._cur = counting
        ctx = Context(
            op=op,
            tx=tx,
            ids=Ids(1),
            pager=Pager(b"k" * 32, lambda: NOW),
            now=NOW,
            account_id=account_id,
            user_id=None,
            scopes=frozenset(),
            path=path or {},
            query={"page_size": 10, **query},
        )
        answer = orjson.loads(orjson.dumps(handler(ctx)))
    return counting.statements, answer


def costs(store: Store, people: int) -> dict[str, tuple[int, Any]]:
    made = fill(store, people)
    account = made["account"]
    return {
        "users": one_page(store, account, "users", profile.list_users, status="active"),
        "role holders": one_page(store, account, "roleMembers", roles.list_members, path={"roleId": "2"}),
        "group members": one_page(
            store, account, "groupMembers", members.list_members, path={"groupId": made["group"]}
        ),
        "phone numbers": one_page(
            store, account, "listAccountPhoneNumbers", phone_numbers.list_numbers, type="unassigned"
        ),
        "numbers": one_page(
            store, account, "listPhoneNumbers", inventory.list_numbers, allocated_product="UNALLOCATED"
        ),
    }


def test_a_list_page_costs_the_same_round_trips_for_30_or_300_members(new_store: Callable[[], Store]) -> None:
    small, big = costs(new_store(), 30), costs(new_store(), 300)
    for name, (statements, answer) in big.items():
        assert statements == small[name][0], f"{name}: {small[name][0]} statements for 30, {statements} for 300"
        assert statements <= 6, f"{name}: {statements} statements for one page"
        listed = answer.get("users") or answer.get("members") or answer.get("phone_numbers") or answer["numbers"]
        assert len(listed) == 10, name
    assert big["users"][1]["total_records"] == 301  # the owner too
    assert big["group members"][1]["total_records"] == 300
    assert big["phone numbers"][1]["total_records"] == 150


def test_every_filtered_page_holds_only_what_the_filter_names(new_store: Callable[[], Store]) -> None:
    store = new_store()
    made = fill(store, 12)
    _, first = one_page(
        store, made["account"], "listAccountPhoneNumbers", phone_numbers.list_numbers, type="unassigned", page_size=4
    )
    _, second = one_page(
        store,
        made["account"],
        "listAccountPhoneNumbers",
        phone_numbers.list_numbers,
        next_page_token=first["next_page_token"],
    )
    listed = [n["number"] for n in first["phone_numbers"] + second["phone_numbers"]]
    assert listed == [f"+1408555{i:04d}" for i in range(1, 12, 2)]
    assert first["total_records"] == second["total_records"] == 6
    _, found = one_page(
        store, made["account"], "listAccountPhoneNumbers", phone_numbers.list_numbers, phone_number="5550007"
    )  # any part of the number
    assert [n["number"] for n in found["phone_numbers"]] == ["+14085550007"]
