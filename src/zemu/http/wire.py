"""The little the /v2 hot path needs of an ASGI request, read straight from the scope."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.types import Receive, Scope

from zemu.errors import InvalidToken, ZoomError

# The largest request body zemu reads (the README says why this size). A body declared larger is
# refused before a byte of it is read; one that grows past it while streaming stops being read.
BODY_LIMIT = 16 * 1024 * 1024
QUERY_TOKEN = "Invalid access token, this access token is not supported as query parameter string."


@dataclass(slots=True)
class WireRequest:
    method: str
    raw_path: str  # still percent-encoded, so an encoded "/" never splits a segment
    query_string: str
    query_items: list[tuple[str, str]]
    authorization: str
    content_type: str = ""
    content_length: int | None = None
    # who called, once the token is known: what the request log shows beside each request
    app_id: str | None = None
    account_id: str | None = None

    @classmethod
    def of(cls, scope: Scope) -> WireRequest:
        raw = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"").decode("latin-1")
        authorization = content_type = ""
        length: int | None = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value.decode("latin-1")
            elif name == b"content-type":
                content_type = value.decode("latin-1")
            elif name == b"content-length":
                length = declared_length(value)
        items = parse_qsl(query, keep_blank_values=True) if query else []
        return cls(
            scope["method"], raw.decode("latin-1").split("?", 1)[0], query, items, authorization, content_type, length
        )

    def bearer_token(self) -> str:
        """The access token, or Zoom's 401 code 124 (with its own message for a query-string token)."""
        if any(key == "access_token" for key, _ in self.query_items):
            raise InvalidToken(QUERY_TOKEN)
        scheme, _, token = self.authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise InvalidToken()
        return token.strip()


def too_large(limit: int) -> ZoomError:
    size = f"{limit // 2**20} MB" if limit % 2**20 == 0 else f"{limit // 1024} KB"
    return ZoomError(300, f"Request body is too large: the limit is {size}.", 413)


def declared_length(value: bytes) -> int | None:
    return int(value) if value.isdigit() else None


async def read_body(receive: Receive, limit: int = BODY_LIMIT, declared: int | None = None) -> bytes:
    """The whole body, or Zoom-shaped 413 as soon as it is known to pass ``limit``."""
    if declared is not None and declared > limit:
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)
