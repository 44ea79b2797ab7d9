"""The phone history trash: what a REST delete moves there, its recovery, and its purge.

Zoom keeps deleted recordings, voicemails, call logs and fax logs in a trash for 30 days and then
purges them; no REST operation purges. zemu does the same on the emulated clock: a delete files
a trash entry and schedules a ``phone_history.purge`` job ``RETENTION`` seconds later, so
advancing the clock past it purges the item and emits its ``*_permanently_deleted`` event
(``zemu trigger phone.recording_permanently_deleted`` deletes and purges at once). A recovered
item's entry is gone, so its pending purge does nothing.

A trash entry (``ph_trash``, id ``"{family}:{item id}"``) keeps the documents the delete took out
of the lists (``moved``, saved back on recovery), the documents left in place marked as deleted
(``kept``: [kind, id], removed on purge: voicemails stay listed under Zoom's trash filter), the
permanent event's name, object and account, and when it is purged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zemu.services.context import Context
from zemu.services.phone_history import records as r
from zemu.services.resource import Collection

Doc = dict[str, Any]
TRASH = Collection("ph_trash", sort=lambda d: d["id"])
PURGE = "phone_history.purge"
RETENTION = 30 * 86_400  # Zoom's trash keeps an item 30 days
COLLECTIONS: dict[str, Collection] = {
    c.kind: c
    for c in (
        r.RECORDINGS,
        r.OWNER_RECORDINGS,
        r.VOICEMAILS,
        r.OWNER_VOICEMAILS,
        r.CALL_LOGS,
        r.USER_CALL_LOGS,
        r.FAXES,
        r.EXTENSION_FAXES,
    )
}


def entry_id(family: str, item_id: str) -> str:
    return f"{family}:{item_id}"


def throw_away(
    ctx: Context,
    family: str,
    item_id: str,
    *,
    moved: list[tuple[Collection, Doc]],
    kept: Sequence[tuple[Collection, str]] = (),
    event: str,
    obj: Doc,
) -> None:
    """Move ``moved`` out of their lists into the trash, remember ``kept``, schedule the purge
    that emits ``event`` with ``obj``."""
    for collection, doc in moved:
        collection.delete(ctx.tx, doc)
    purge_at = ctx.now + RETENTION
    TRASH.save(
        ctx.tx,
        {
            "id": entry_id(family, item_id),
            "account_id": ctx.account_id,
            "moved": [[c.kind, doc] for c, doc in moved],
            "kept": [[c.kind, i] for c, i in kept],
            "event": event,
            "object": obj,
            "purge_at": purge_at,
        },
    )
    ctx.schedule(PURGE, purge_at, {"entry": entry_id(family, item_id), "purge_at": purge_at})


def in_trash(ctx: Context, family: str, item_id: str) -> Doc | None:
    doc = TRASH.get(ctx.tx, entry_id(family, item_id))
    return doc if doc is not None and doc["account_id"] == ctx.account_id else None


def recover(ctx: Context, entry: Doc) -> None:
    """Put the entry's documents back in their lists."""
    for kind, doc in entry["moved"]:
        COLLECTIONS[kind].save(ctx.tx, doc)
    TRASH.delete(ctx.tx, entry)


def purge(ctx: Context, entry: Doc) -> None:
    """Delete the entry for good and emit its permanent event."""
    for kind, doc_id in entry["kept"]:
        COLLECTIONS[kind].delete(ctx.tx, doc_id)
    TRASH.delete(ctx.tx, entry)
    ctx.emit(entry["event"], {"object": entry["object"]}, account_id=entry["account_id"])


def purge_job(ctx: Context, body: dict[str, Any]) -> None:
    """The scheduled purge: only the deletion that scheduled it (a recovered or re-deleted item's
    entry is gone or purges at another time)."""
    entry = TRASH.get(ctx.tx, body["entry"])
    if entry is not None and entry["purge_at"] == body["purge_at"]:
        purge(ctx, entry)
