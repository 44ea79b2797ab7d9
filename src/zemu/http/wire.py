"""The little the /v2 hot path needs of an ASGI request, read straight from the scope."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.types import Receive, Scope

from zemu.errors import InvalidToken

QUERY_TOKEN = "Invalid access token, this access token is not supported as query parameter string."


@dataclass(slots=True)
class WireRequest:
    method: str
    raw_path: str                       # still percent-encoded, so an encoded "/" never splits a segment
    query_string: str
    query_items: list[tuple[str, str]]
    authorization: str

    @classmethod
    def of(cls, scope: Scope) -> WireRequest:
        raw = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"").decode("latin-1")
        authorization = ""
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value.decode("latin-1")
                break
        items = parse_qsl(query, keep_blank_values=True) if query else []
        return cls(scope["method"], raw.decode("latin-1").split("?", 1)[0], query, items, authorization)

    def bearer_token(self) -> str:
        """The access token, or Zoom's 401 code 124 (with its own message for a query-string token)."""
        if any(key == "access_token" for key, _ in self.query_items):
            raise InvalidToken(QUERY_TOKEN)
        scheme, _, token = self.authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise InvalidToken()
        return token.strip()


async def read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)
