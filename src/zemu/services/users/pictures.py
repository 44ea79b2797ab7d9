"""Profile pictures: a real uploaded image, stored as bytes and served back through ``pic_url``.

``userPicture`` is a multipart/form-data request with the image in the ``pic_file`` part. The
wire hands a multipart body over raw (bytes); the boundary is read from its first line, since a
handler sees no headers. The image is kept beside the user (kind ``user_picture``) and served
by the control plane at ``/zemu/users/{userId}/picture``; each upload bumps a version so that
clients caching by URL see the new picture.
"""

from __future__ import annotations

import base64
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from zemu.services.accounts.model import get_part, put_part
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.store import Tx

KIND = "user_picture"
# magic numbers of the formats Zoom accepts for a profile picture
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF87a": "image/gif",
              b"GIF89a": "image/gif"}
EMPTY = documented(120, "File is empty.")
NOT_AN_IMAGE = documented(300, "the profile picture contains invalid or explicit content")


def uploaded_file(body: Any, field: str = "pic_file") -> bytes:
    """The bytes of one form field, from a raw multipart body (or an already parsed form)."""
    if isinstance(body, dict):
        value = body.get(field)
        return value.encode("latin-1") if isinstance(value, str) else bytes(value or b"")
    if isinstance(body, str):
        body = body.encode("latin-1")
    if not isinstance(body, (bytes, bytearray)) or not body.strip():
        raise EMPTY
    return _part(bytes(body), field)


def _part(raw: bytes, field: str) -> bytes:
    boundary = raw.lstrip(b"\r\n").split(b"\r\n", 1)[0]
    if not boundary.startswith(b"--"):
        raise EMPTY
    head = b"Content-Type: multipart/form-data; boundary=" + boundary[2:] + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == field:
            payload = part.get_payload(decode=True)
            return bytes(payload or b"")
    raise EMPTY


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
    put_part(ctx.tx, KIND, user["id"], {"content_type": content_type, "version": user["pic_version"],
                                        "data": base64.b64encode(data).decode()}, account_id=user["account_id"])


def read_picture(tx: Tx, user_id: str) -> tuple[str, bytes] | None:
    """The content type and bytes of a user's picture, for the route that serves it."""
    found = get_part(tx, KIND, user_id)
    if not found:
        return None
    return found["content_type"], base64.b64decode(found["data"])


def picture_url(ctx: Context, user: dict[str, Any]) -> str:
    return f"{ctx.origin}/zemu/users/{user['id']}/picture?v={user.get('pic_version', 0)}"
