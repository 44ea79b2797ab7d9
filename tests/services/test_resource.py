"""Declared collections behave the same on SQLite and PostgreSQL: account scoping, unique keys,
filtered pages read as index ranges, counts kept per term."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.paging import Pager
from zemu.services.context import Context
from zemu.services.resource import Collection, Unique
from zemu.store import Store, Tx, open_store

TAKEN = ZoomError(409, "Name taken.", 409)
MISSING = ZoomError(404, "No such thing.", 404)
THINGS = Collection(
    "thing",
    sort=lambda d: d["name"].lower(),
    filters={"color": lambda d: d["color"], "tags": lambda d: d.get("tags"), "big": lambda d: d["size"] > 10},
    keywords=lambda d: (d["name"], d.get("code")),
    uniques=(Unique("name", lambda d: d["name"], TAKEN, scope=lambda d: d["account_id"]),),
    view=lambda d: {"id": d["id"], "name": d["name"]},
    missing=MISSING,
)
LIST_OP = load_catalog().by_operation_id["listPhoneDevices"][0]


def context(tx: Tx, query: dict[str, Any] | None = None, account_id: str = "acc1") -> Context:
    return Context(
        op=LIST_OP,
        tx=tx,
        ids=Ids(1),
        pager=Pager(b"k" * 32, lambda: 1000.0),
        now=1000.0,
        account_id=account_id,
        user_id=None,
        scopes=frozenset(),
        query=query or {},
    )


def thing(i: int, *, account_id: str = "acc1", color: str = "red", size: int = 5, **more: Any) -> dict[str, Any]:
    return {"id": f"t{i:03d}", "account_id": account_id, "name": f"Thing {i:03d}", "color": color, "size": size, **more}


def fill(store: Store, n: int) -> None:
    with store.transaction() as tx:
        for i in range(n):
            THINGS.save(tx, thing(i, color="red" if i % 3 else "blue", size=i, tags=["a", "b"] if i % 2 else ["a"]))
        THINGS.save(tx, thing(999, account_id="acc2", color="red"))


def test_a_page_filtered_by_one_field_is_in_sort_order_with_its_total(store: Store) -> None:
    fill(store, 30)
    with store.transaction() as tx:
        page = THINGS.page(context(tx, {"page_size": 4}), where={"color": "blue"})
        assert [item["name"] for item in orjson.loads(orjson.dumps(page.items))] == [
            "Thing 000",
            "Thing 003",
            "Thing 006",
            "Thing 009",
        ]
        assert page.total_records == 10
        assert page.next_page_token


def test_the_next_page_continues_where_the_token_says(store: Store) -> None:
    fill(store, 30)
    with store.transaction() as tx:
        first = THINGS.page(context(tx, {"page_size": 4}), where={"color": "blue"}, shape=lambda d: d["id"])
        second = THINGS.page(context(tx, {"next_page_token": first.next_page_token}), shape=lambda d: d["id"])
    assert first.items == ["t000", "t003", "t006", "t009"]
    assert second.items == ["t012", "t015", "t018", "t021"]


def test_several_filters_and_a_keyword_combine(store: Store) -> None:
    fill(store, 30)
    with store.transaction() as tx:
        ctx = context(tx, {"page_size": 30})
        both = THINGS.page(ctx, where={"color": "red", "tags": "b", "big": True}, shape=lambda d: d["id"])
        assert both.items == [f"t{i:03d}" for i in range(11, 30) if i % 3 and i % 2]
        assert both.total_records == len(both.items)
        keyword = THINGS.page(ctx, keyword="thing 02", shape=lambda d: d["id"])
        assert keyword.items == [f"t{i:03d}" for i in range(20, 30)]
        word = THINGS.page(ctx, where={"color": "blue"}, keyword="02", shape=lambda d: d["id"])
        assert word.items == ["t021", "t024", "t027"]


def test_lists_are_scoped_to_the_account(store: Store) -> None:
    fill(store, 3)
    with store.transaction() as tx:
        other = THINGS.page(context(tx, account_id="acc2"), shape=lambda d: d["id"])
        assert other.items == ["t999"]
        with pytest.raises(ZoomError) as refused:
            THINGS.require(context(tx, account_id="acc2"), "t001")
        assert refused.value is MISSING


def test_a_unique_value_is_refused_and_the_save_changes_nothing(store: Store) -> None:
    fill(store, 3)
    with pytest.raises(ZoomError) as refused, store.transaction() as tx:
        THINGS.save(tx, {**thing(1), "name": "Thing 002"})
    assert refused.value is TAKEN
    with store.transaction() as tx:
        assert THINGS.get(tx, "t001")["name"] == "Thing 001"
        assert THINGS.find(tx, "name", "thing 002", scope="acc1")["id"] == "t002"
        # another account may use the same name
        THINGS.save(tx, thing(2, account_id="acc2") | {"id": "x2"})


def test_a_renamed_document_frees_its_old_unique_value_and_moves_its_counts(store: Store) -> None:
    fill(store, 6)
    with store.transaction() as tx:
        renamed = {**THINGS.get(tx, "t000"), "name": "Zed", "color": "green"}
        THINGS.save(tx, renamed)
        THINGS.save(tx, {**thing(100), "name": "Thing 000"})
        assert THINGS.count(tx, "acc1", {"color": "green"}) == 1
        assert THINGS.count(tx, "acc1", {"color": "blue"}) == 1
        assert THINGS.count(tx, "acc1") == 7
        assert THINGS.delete(tx, renamed)
        assert THINGS.count(tx, "acc1", {"color": "green"}) == 0
        assert THINGS.count(tx, "acc1") == 6
        assert THINGS.find(tx, "name", "zed", scope="acc1") is None


def test_counts_added_in_a_transaction_land_with_it_and_only_with_it(store: Store) -> None:
    """Counter increments wait for the commit: a nested transaction's land with the one it joins,
    a rolled-back one's never do, and a raw read of the counters in the transaction sees them."""
    with store.transaction() as tx:
        THINGS.save(tx, thing(1))
        with store.transaction() as inner:
            THINGS.save(inner, thing(2, color="blue"))
        rows = tx.query("SELECT n FROM doc_counts WHERE kind = 'thing' AND scope = 'acc1' AND field = ''")
        assert rows[0][0] == 2
    with pytest.raises(RuntimeError), store.transaction() as tx:
        THINGS.save(tx, thing(3, color="blue"))
        raise RuntimeError("undo")
    with store.transaction(write=False) as tx:
        assert THINGS.count(tx, "acc1") == 2
        assert THINGS.count(tx, "acc1", {"color": "blue"}) == 1
        assert THINGS.count(tx, "acc1", {"color": "red"}) == 1


def test_each_reads_a_whole_scope_in_batches(store: Store) -> None:
    fill(store, 25)
    with store.transaction() as tx:
        assert [d["id"] for d in THINGS.each(tx, "acc1", {"color": "red"}, batch=4)] == [
            f"t{i:03d}" for i in range(25) if i % 3
        ]


def test_a_filtered_page_is_an_index_range_not_a_scan(tmp_path: object) -> None:
    """SQLite's plan for a filtered page searches the term index; it never scans the documents."""
    store = open_store(f"{tmp_path}/plan.db", lambda: 1000.0)
    fill(store, 10)
    from zemu.store import terms

    with store.transaction() as tx:
        q = THINGS._query("acc1", {"color": "red", "big": True}, None)
        sql, args = terms._select(q, "d.body", None)
        plan = " | ".join(str(row[-1]) for row in tx.query(f"EXPLAIN QUERY PLAN {sql} ORDER BY t.sort, t.id", args))
    store.close()
    assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
    assert "USE TEMP B-TREE" not in plan, plan


def test_a_keyword_with_a_filter_reads_each_candidates_tokens_on_its_row(tmp_path: object) -> None:
    """A list filtered by a field and a keyword reads the field's index range, checks the other
    filters by whole primary key and the keyword on the candidate's own row: no scan."""
    store = open_store(f"{tmp_path}/plan.db", lambda: 1000.0)
    fill(store, 20)
    from zemu.store import terms

    with store.transaction() as tx:
        q = THINGS._query("acc1", {"color": "red", "big": True}, "thing 01")
        sql, args = terms._select(q, "d.body", None)
        plan = " | ".join(str(row[-1]) for row in tx.query(f"EXPLAIN QUERY PLAN {sql} ORDER BY t.sort, t.id", args))
        rows = terms.page(tx, q, after=None, offset=0, limit=10, views=False)
    store.close()
    assert "SCAN" not in plan.replace("SCAN CONSTANT", ""), plan
    assert "USE TEMP B-TREE" not in plan, plan
    assert [doc["id"] for _, doc in rows] == ["t011", "t013", "t014", "t016", "t017", "t019"]


def test_a_keyword_matches_tokens_by_prefix_whatever_characters_they_hold(store: Store) -> None:
    """Quotes, backslashes and LIKE's own wildcards in a keyword are plain characters."""
    names = ['A_b "c"%d', "Ab cd", "a\\b", "ü_x"]
    with store.transaction() as tx:
        for i, name in enumerate(names):
            THINGS.save(tx, thing(i, name=name))

    def found(keyword: str) -> list[str]:
        with store.transaction(write=False) as tx:
            page = THINGS.page(context(tx), where={"color": "red"}, keyword=keyword, shape=lambda d: d["name"])
        return sorted(page.items)

    assert found('a_b "c"%') == ['A_b "c"%d']
    assert found("a_") == ['A_b "c"%d']
    assert found("a%") == []
    assert found("a\\") == ["a\\b"]
    assert found("ü_") == ["ü_x"]
    assert found("cd") == ["Ab cd"]
    assert found("c") == ['A_b "c"%d', "Ab cd"]


def test_a_store_made_before_documents_carried_their_terms_refiles_them(store: Store) -> None:
    """A store whose documents were filed before their rows kept their terms (no ``docs.terms``,
    an index by document) gets the column on opening and still moves, counts and drops those
    documents' terms; documents filed after keep theirs on their row."""
    fill(store, 6)
    with store.transaction() as tx:
        tx.execute("CREATE INDEX doc_terms_by_doc ON doc_terms (kind, id, field, value, scope, sort)")
        tx.execute("ALTER TABLE docs DROP COLUMN terms")
    schema = getattr(store, "_schema", None)
    old = open_store(store.url, lambda: 1000.0, **({"schema": schema} if schema else {}))
    try:
        assert old.terms_by_doc
        with old.transaction() as tx:
            assert tx.query("SELECT COUNT(*) FROM docs WHERE terms IS NOT NULL")[0][0] == 0
            THINGS.save(tx, {**THINGS.get(tx, "t000"), "name": "Zed", "color": "green"})
            THINGS.save(tx, {**THINGS.get(tx, "t000"), "name": "Zed", "color": "blue"})  # twice, from its row
            assert THINGS.delete(tx, "t001")
            THINGS.save(tx, thing(1, color="green"))
        with old.transaction(write=False) as tx:
            assert THINGS.count(tx, "acc1", {"color": "green"}) == 1
            assert THINGS.count(tx, "acc1", {"color": "blue"}) == 2
            assert THINGS.count(tx, "acc1") == 6
            assert THINGS.find(tx, "name", "zed", scope="acc1")["id"] == "t000"
            assert THINGS.find(tx, "name", "thing 000", scope="acc1") is None
            page = THINGS.page(
                context(tx, {"page_size": 10}), where={"color": "blue"}, keyword="zed", shape=lambda d: d["id"]
            )
            assert page.items == ["t000"]
            before = THINGS.page(context(tx), where={"color": "red"}, keyword="thing 002", shape=lambda d: d["id"])
            assert before.items == ["t002"]
            filed = tx.query("SELECT id, field, value FROM doc_terms WHERE kind = 'thing' AND id IN ('t000', 't001')")
            assert sorted(r for r in filed if r[1] == "color") == [
                ("t000", "color", "blue"),
                ("t001", "color", "green"),
            ]
    finally:
        old.close()


def test_a_list_that_pages_itself_reads_the_same_range_through_query(store: Store) -> None:
    """``query`` gives the index query of a filtered, sort-key-ranged list (history lists page
    through it themselves to add a row test)."""
    fill(store, 30)
    from zemu.store import terms

    with store.transaction() as tx:
        q = THINGS.query("acc1", {"color": "red"}, None, "thing 010", "thing 020")
        rows = terms.page(tx, q, after=None, offset=0, limit=100, views=False)
        assert [doc["id"] for _, doc in rows] == [f"t{i:03d}" for i in range(10, 21) if i % 3]
        assert terms.count(tx, q) == len(rows)


def test_range_counts_read_hour_counters_and_agree_with_the_rows(store: Store) -> None:
    from zemu.services.phone_history.scan import history, newest_first
    from zemu.services.resource import fill_buckets
    from zemu.store import terms

    calls = history("bucketed_call", filters={"direction": lambda d: d["direction"]})
    day = 86400 * 20_400
    moments = [day + (n * 7919) % (3 * 86400) for n in range(300)]
    with store.transaction() as tx:
        for n, ts in enumerate(moments):
            calls.save(
                tx, {"id": f"c{n}", "account_id": "acc1", "ts": ts, "view": {}, "direction": ("in", "out")[n % 3 == 0]}
            )
        calls.delete(tx, "c5")  # a deletion takes its document out of its hour's counter too

    kept = [(ts, ("in", "out")[n % 3 == 0]) for n, ts in enumerate(moments) if n != 5]
    ranges = [(day, day + 86399), (day + 86400, day + 3 * 86400 - 1), (day + 1234, day + 98765), (day + 10, day + 20)]
    with store.transaction() as tx:
        for lo, hi in ranges:
            for direction in (None, "out"):
                where = {"direction": direction} if direction else None
                q = calls.query("acc1", where, None, newest_first(hi), newest_first(lo))
                expected = sum(1 for ts, d in kept if lo <= ts <= hi and direction in (None, d))
                assert terms.count(tx, q) == expected, (lo - day, hi - day, direction)
        # whole days are counted from the counters alone: with the rows gone, the count stays
        tx.execute("DELETE FROM doc_terms WHERE kind = 'bucketed_call' AND field = ''")
        whole = calls.query("acc1", None, None, newest_first(day + 86399), newest_first(day))
        assert terms.count(tx, whole) == sum(1 for ts, _ in kept if day <= ts < day + 86400)
        # a store written before the counters were kept gets them once, on start
        tx.execute("DELETE FROM doc_bucket_counts WHERE kind = 'bucketed_call'")
        assert "bucketed_call" in fill_buckets(tx)
        assert "bucketed_call" not in fill_buckets(tx)
        later = calls.query("acc1", {"direction": "out"}, None, newest_first(day + 3 * 86400 - 1), newest_first(day))
        assert terms.count(tx, later) == sum(1 for _, d in kept if d == "out")
