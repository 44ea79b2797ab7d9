"""The store interface behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from zemu.store import Conflict, Store, open_store


def test_a_committed_change_is_visible_with_its_outbox_row(store: Store) -> None:
    with store.transaction() as tx:
        tx.put("thing", "t1", {"name": "ü/€"}, account_id="a1", parent="p", sort="b")
        tx.emit("a1", "thing.created", {"event": "thing.created"}, 1_000_000)
    with store.transaction() as tx:
        assert tx.get("thing", "t1") == {"name": "ü/€"}
        assert [row[2] for row in tx.outbox()] == ["thing.created"]


def test_an_exception_rolls_back_the_change_and_its_outbox_row(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.put("thing", "t1", {"n": 1}, account_id="a1")
        tx.emit("a1", "thing.created", {}, 1)
        raise RuntimeError("refused")
    with store.transaction() as tx:
        assert tx.get("thing", "t1") is None
        assert tx.outbox() == []


def test_events_are_queued_in_the_order_emitted_and_seen_by_the_transaction_itself(store: Store) -> None:
    """A transaction's outbox rows are written together, before it commits or reads the outbox: in
    emission order (a nested transaction's in their place), and all or nothing."""
    with store.transaction() as tx:
        tx.emit("a1", "first", {}, 1)
        with store.transaction() as inner:
            inner.emit("a1", "second", {}, 2)
        tx.emit("a1", "third", {}, 3)
        assert [row[2] for row in tx.outbox()] == ["first", "second", "third"]
        assert tx.query("SELECT COUNT(*) FROM outbox")[0][0] == 3
        tx.emit("a1", "fourth", {"n": 4}, 4)
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.emit("a1", "undone", {}, 5)
        raise RuntimeError("refused")
    with store.transaction(write=False) as tx:
        rows = tx.outbox()
    assert [(row[2], row[3], row[4]) for row in rows] == [
        ("first", 1, {}),
        ("second", 2, {}),
        ("third", 3, {}),
        ("fourth", 4, {"n": 4}),
    ]
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)


def test_listing_is_ordered_and_resumes_after_a_cursor(store: Store) -> None:
    with store.transaction() as tx:
        for i, sort in enumerate(["c", "a", "b", "a"]):
            tx.put("thing", f"t{i}", {"i": i}, account_id="a1", parent="p", sort=sort)
        tx.put("thing", "other", {"i": 9}, account_id="a2", parent="p", sort="a")
    with store.transaction() as tx:
        rows = tx.list("thing", account_id="a1", limit=10)
        assert [(r.sort, r.id) for r in rows] == [("a", "t1"), ("a", "t3"), ("b", "t2"), ("c", "t0")]
        after = tx.list("thing", account_id="a1", after=("a", "t3"), limit=10)
        assert [r.id for r in after] == ["t2", "t0"]
        assert [r.id for r in tx.list("thing", account_id="a1", offset=1, limit=2)] == ["t3", "t2"]
        assert tx.count("thing", account_id="a1") == 4
        assert tx.count("thing", parent="p") == 5


def test_a_unique_key_refuses_a_second_owner(store: Store) -> None:
    with store.transaction() as tx:
        tx.claim("email", "a@example.com", "u1")
        tx.claim("email", "a@example.com", "u1")  # the same owner may claim again
    with pytest.raises(Conflict), store.transaction() as tx:
        tx.claim("email", "a@example.com", "u2")
    with store.transaction() as tx:
        assert tx.holder("email", "a@example.com") == "u1"
        tx.release("email", "a@example.com")
        tx.claim("email", "a@example.com", "u2")
        assert tx.holder("email", "a@example.com") == "u2"


def test_reset_empties_every_table(store: Store) -> None:
    with store.transaction() as tx:
        tx.put("thing", "t1", {}, account_id="a")
        tx.claim("email", "x", "t1")
        tx.set_meta("k", "v")
        tx.emit("a", "e", {}, 1)
    store.reset()
    with store.transaction() as tx:
        assert tx.get("thing", "t1") is None and tx.holder("email", "x") is None
        assert tx.meta("k") is None and tx.outbox() == []


def test_sqlite_file_survives_reopening(tmp_path: object) -> None:
    path = f"{tmp_path}/again.db"
    first = open_store(path, lambda: 0.0)
    with first.transaction() as tx:
        tx.put("thing", "t1", {"kept": True})
    first.close()
    second = open_store(path, lambda: 0.0)
    with second.transaction() as tx:
        assert tx.get("thing", "t1") == {"kept": True}
    second.close()


def test_a_read_that_writes_is_still_all_or_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction(write=False) as tx:
        assert tx.get("thing", "t1") is None
        with store.transaction() as inner:  # a nested call joins the open transaction
            inner.put("thing", "t2", {"n": 2})
        tx.put("thing", "t1", {"n": 1})
        raise RuntimeError("refused")
    with store.transaction(write=False) as tx:
        assert tx.get("thing", "t1") is None and tx.get("thing", "t2") is None


def test_postgresql_transactions_on_two_threads_have_a_connection_each(store: Store) -> None:
    """The wire runs each request's transaction in a worker thread: one thread's uncommitted
    change is invisible to another, and each commits or rolls back on its own."""
    if not store.blocking:
        pytest.skip("SQLite transactions run on the event loop's thread only")
    writing, checked = threading.Event(), threading.Event()
    seen: list[object] = []

    def writer() -> None:
        with store.transaction() as tx:
            tx.put("thing", "t1", {"n": 1})
            writing.set()
            checked.wait(10)

    def reader() -> None:
        writing.wait(10)
        with store.transaction(write=False) as tx:
            seen.append(tx.get("thing", "t1"))
        checked.set()

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert seen == [None]
    with store.transaction(write=False) as tx:
        assert tx.get("thing", "t1") == {"n": 1}
