"""Profile pictures: a real uploaded image, stored as bytes and served back through ``pic_url``.

``userPicture`` is a multipart/form-data request with the image in the ``pic_file`` part, which
the wire hands over parsed (a file part as bytes). The image is kept beside the user (kind ``user_picture``) and served
by the control plane at ``/zemu/users/{userId}/picture``; each upload bumps a version so that
clients caching by URL see the new picture.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import orjson

from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.users.model import picture_path
from zemu.store import Tx

KIND = "user_picture"
# magic numbers of the formats Zoom accepts for a profile picture
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
EMPTY = documented(120, "File is empty.")
NOT_AN_IMAGE = documented(300, "the profile picture contains invalid or explicit content")


def uploaded_file(body: Any, field: str = "pic_file") -> bytes:
    """The bytes of one form field (the wire hands a parsed form: file parts as bytes)."""
    value = body.get(field) if isinstance(body, dict) else None
    if isinstance(value, str):
        value = value.encode()
    if not value:
        raise EMPTY
    return bytes(value)


def image_type(data: bytes) -> str:
    if not data:
        raise EMPTY
    for magic, content_type in SIGNATURES.items():
        if data.startswith(magic):
            return content_type
    raise NOT_AN_IMAGE


def store_picture(ctx: Context, user: dict[str, Any], data: bytes) -> None:
    content_type = image_type(data)
    user["pic_version"] = int(user.get("pic_version", 0)) + 1
    put_part(
        ctx.tx,
        KIND,
        user["id"],
        {"content_type": content_type, "version": user["pic_version"], "data": base64.b64encode(data).decode()},
        account_id=user["account_id"],
    )


def read_picture(tx: Tx, user_id: str) -> tuple[str, bytes] | None:
    """The content type and bytes of a user's picture, for the route that serves it."""
    found = get_part(tx, KIND, user_id)
    if not found:
        return None
    return found["content_type"], base64.b64decode(found["data"])


def picture_url(ctx: Context, user: dict[str, Any]) -> str:
    return ctx.origin + picture_path(user)


# a saved list view's ``pic_url`` as orjson writes it: the picture's path, starting with "/". Only a
# JSON key can be preceded by an unescaped quote, so no text a user stored can look like it.
_SAVED_PIC_URL = '"pic_url":"/'


def with_origin(ctx: Context) -> Callable[[str], str]:
    """Put the request's origin in front of the ``pic_url`` of saved list views (``list_view``)."""
    origin = orjson.dumps(ctx.origin).decode()[1:-1]
    if not origin:
        return lambda view: view
    full = f'"pic_url":"{origin}/'
    return lambda view: view.replace(_SAVED_PIC_URL, full)
