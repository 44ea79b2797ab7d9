"""One pagination helper for every list: page sizes, next_page_token and legacy page_number.

A ``next_page_token`` is self-contained and tamper-proof: it carries the operation, the
filters, the page size, the position after the last item and its issue time, signed with the
server's key. Clients that send only the token on later pages therefore get the same listing;
re-sent filters are ignored. A token expires 15 emulated minutes after it was issued.
"""

from __future__ import annotations

import base64
import hmac
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from zemu.catalog import Operation
from zemu.errors import ValidationFailed, ZoomError

TOKEN_LIFETIME = 15 * 60
PAGE_BOUND = 2**31 - 1
_DIGITS = re.compile(r"-?[0-9]{1,12}")
Cursor = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Window:
    after: Cursor | None
    offset: int
    limit: int


@dataclass(slots=True)
class Page:
    items: list[Any]
    page_size: int
    next_page_token: str
    total_records: int | None = None
    page_number: int | None = None

    def fields(self) -> dict[str, Any]:
        """The paging fields of a response body, in Zoom's usual order."""
        out: dict[str, Any] = {}
        if self.page_number is not None and self.total_records is not None:
            out["page_count"] = math.ceil(self.total_records / self.page_size) if self.page_size else 0
            out["page_number"] = self.page_number
        out["page_size"] = self.page_size
        if self.total_records is not None:
            out["total_records"] = self.total_records
        out["next_page_token"] = self.next_page_token
        return out


Fetch = Callable[[dict[str, Any], Window], list[tuple[Cursor, Any]]]
Count = Callable[[dict[str, Any]], int]


class Pager:
    def __init__(self, key: bytes, now: Callable[[], float]) -> None:
        self._key = key
        self._now = now

    def page(
        self,
        op: Operation,
        query: dict[str, Any],
        fetch: Fetch,
        *,
        filters: dict[str, Any] | None = None,
        count: Count | None = None,
        account: str = "",
    ) -> Page:
        """One page; ``account`` is the caller's, to which a token it is given must belong."""
        token = query.get("next_page_token") or ""
        page_number: int | None = None
        if token:
            filters, size, after = self._open(op, token, account)
            offset = 0
        else:
            filters = filters or {}
            size = self.page_size(op, query.get("page_size"))
            after = None
            page_number = self._page_number(op, query)
            offset = (page_number - 1) * size if page_number else 0
        rows = fetch(filters, Window(after, offset, size + 1))
        more = len(rows) > size
        rows = rows[:size]
        next_token = self._seal(op, filters, rows[-1][0], size, account) if more else ""
        total = count(filters) if count is not None else None
        if op.pagination in ("page_number", "both") and page_number is None and not token:
            page_number = 1
        return Page([item for _, item in rows], size, next_token, total, page_number)

    @staticmethod
    def page_size(op: Operation, requested: Any) -> int:
        default = op.page_size_default or 30
        maximum = op.page_size_max or 300
        if requested in (None, ""):
            return default
        size = whole_number("page_size", requested)
        if size < 1:
            return default
        return min(size, maximum)  # Zoom clamps rather than refuses an oversized page

    @staticmethod
    def _page_number(op: Operation, query: dict[str, Any]) -> int | None:
        if op.pagination not in ("page_number", "both"):
            return None
        number = query.get("page_number")
        return max(whole_number("page_number", number), 1) if number not in (None, "") else None

    def _seal(self, op: Operation, filters: dict[str, Any], after: Cursor, size: int, account: str) -> str:
        # "c" binds the token to the account that listed: another tenant cannot page with it
        claims = {"o": op.key, "c": account, "f": filters, "a": list(after), "n": size, "t": int(self._now())}
        payload = base64.urlsafe_b64encode(orjson.dumps(claims)).rstrip(b"=")
        mac = hmac.digest(self._key, payload, "sha256")[:12]
        return (payload + b"." + base64.urlsafe_b64encode(mac).rstrip(b"=")).decode()

    def _open(self, op: Operation, token: str, account: str) -> tuple[dict[str, Any], int, Cursor]:
        try:
            payload, mac = token.encode().split(b".")
            good = hmac.digest(self._key, payload, "sha256")[:12]
            if not hmac.compare_digest(base64.urlsafe_b64encode(good).rstrip(b"="), mac):
                raise ValueError("bad signature")
            claims = orjson.loads(base64.urlsafe_b64decode(payload + b"=" * (-len(payload) % 4)))
            if claims["o"] != op.key or claims["c"] != account or self._now() - claims["t"] > TOKEN_LIFETIME:
                raise ValueError("foreign or expired")
            return claims["f"], int(claims["n"]), (claims["a"][0], claims["a"][1])
        except (ValueError, KeyError, TypeError, IndexError, orjson.JSONDecodeError):
            raise invalid_page_token(op) from None


def whole_number(name: str, value: Any) -> int:
    """A paging number as a 32-bit integer, or Zoom's 300 naming the field. Some documents
    declare ``page_number`` a string, so text arrives here: only ASCII digits count (``int()``
    would take ``"١"``, ``"1_0"`` and spaces), and a page past 2**31 is no page at all."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        raise ValidationFailed([{"field": name, "message": "Invalid field."}])
    if not -PAGE_BOUND <= number <= PAGE_BOUND:
        raise ValidationFailed([{"field": name, "message": "Invalid field."}])
    return number


def invalid_page_token(op: Operation) -> ZoomError:
    for spec in op.errors:
        if "next page token" in spec.message.lower():
            return ZoomError(spec.code, spec.message, spec.http_status)
    return ZoomError(300, "The next page token is invalid or expired.", 400)
