"""Documented errors are raised with Zoom's own wording, placeholders filled whatever their style."""

from __future__ import annotations

from zemu.catalog import load_catalog
from zemu.services.documented import documented, fill


def test_every_placeholder_style_of_the_documents_is_filled() -> None:
    assert fill("a $userId b", {"userId": "u1"}) == "a u1 b"
    assert fill("a {userId} b", {"userId": "u1"}) == "a u1 b"
    assert fill("a {$userId} b", {"userId": "u1"}) == "a u1 b"
    assert fill("a {$other} b", {"userId": "u1"}) == "a {$other} b"  # not given: left as Zoom wrote it


def test_an_operation_error_keeps_its_own_message_and_status() -> None:
    op = load_catalog().by_operation_id["subscribeEventSubscription"][0]
    error = documented(1001, op=op, userId="abc")
    assert (error.code, error.status, error.message) == (
        1001,
        404,
        "User does not exist or does not belong to this account: abc .",
    )
