"""What every history handler shares: Zoom's documented errors, the path's user, and list pages."""

from __future__ import annotations

import base64
from typing import Any

import orjson

from zemu.errors import NotFound, ZoomError
from zemu.services.context import Context
from zemu.services.phone_history.scan import rows as rows_after
from zemu.services.resource import Collection
from zemu.services.users.model import find_user

Doc = dict[str, Any]


def documented(ctx: Context, starts: str, default: ZoomError, **values: str) -> ZoomError:
    """The operation's own (status, code, message) whose message starts with ``starts``, its
    placeholders filled; ``default`` when the operation documents none."""
    if ctx.op is not None:
        for spec in ctx.op.errors:
            if spec.message.lower().startswith(starts.lower()):
                message = spec.message
                for name, value in values.items():
                    message = message.replace("{" + name + "}", value).replace("$" + name, value)
                    message = message.replace("{0}", value)
                cls = NotFound if spec.http_status == 404 else ZoomError
                return cls(spec.code, message, spec.http_status)
    return default


def path_user(ctx: Context) -> Doc:
    """The user the path names, of the token's account; else the operation's "does not exist"."""
    ref = ctx.path.get("userId", "")
    user = find_user(ctx.tx, ref) if ref else None
    if user is None or user.get("account_id") != ctx.account_id:
        missing = NotFound(1001, f"User does not exist: {ref}.")
        raise documented(ctx, "User does not exist", missing, userId=ref)
    return user


def owned(ctx: Context, collection: Collection, doc_id: str) -> Doc | None:
    """A history document of the token's account (another account's does not exist here)."""
    doc = collection.get(ctx.tx, doc_id)
    return doc if doc is not None and doc["account_id"] == ctx.account_id else None


# sync tokens ---------------------------------------------------------------------------------------
def seal_sync(position: Doc) -> str:
    """A sync token: the newest and oldest (sort, id) a client has seen, opaque to it."""
    return base64.urlsafe_b64encode(orjson.dumps(position)).rstrip(b"=").decode()


def open_sync(token: str, error: ZoomError) -> Doc:
    try:
        position = orjson.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if not isinstance(position, dict) or not {"n", "o"} <= position.keys():
            raise ValueError(token)
        return position
    except (ValueError, orjson.JSONDecodeError):
        raise error from None


def sync_rows(
    ctx: Context, collection: Collection, scope: str, sync_type: str, token: str, count: int, invalid: ZoomError
) -> tuple[list[Doc], str, int]:
    """One step of Zoom's sync protocol over a newest-first kind: ``FSync`` the newest ``count``,
    ``BSync`` the next ``count`` older than the token's oldest, ``ISync`` what is newer than the
    token's newest (newest first). Answers the bodies, the new token and, for ISync, how many new
    rows there were in all (up to count + 1, so a caller can refuse an overflow)."""
    if sync_type == "FSync" or not token:
        rows = rows_after(ctx.tx, collection, scope, None, count)
        return [b for _, b in rows], _token(rows, None), len(rows)
    position = open_sync(token, invalid)
    if sync_type == "BSync":
        rows = rows_after(ctx.tx, collection, scope, tuple(position["o"]) if position["o"] else None, count)
        if not position["o"]:
            rows = []
        return [b for _, b in rows], _token(rows, position, backward=True), len(rows)
    newest = tuple(position["n"]) if position["n"] else None
    fresh = [(c, b) for c, b in rows_after(ctx.tx, collection, scope, None, count + 1) if newest is None or c < newest]
    return [b for _, b in fresh[:count]], _token(fresh[:count], position), len(fresh)


def _token(rows: list[tuple[Any, Doc]], position: Doc | None, *, backward: bool = False) -> str:
    newest = list(rows[0][0]) if rows else None
    oldest = list(rows[-1][0]) if rows else None
    if position is None:
        return seal_sync({"n": newest, "o": oldest})
    if backward:
        return seal_sync({"n": position["n"], "o": oldest or position["o"]})
    return seal_sync({"n": newest or position["n"], "o": position["o"]})
