"""The request log as its readers see it (``GET /zemu/requests`` and the dashboard).

The log is the runtime's in-memory ring of the last /v2 requests (at most 2000, this process
only), so a filter is a scan of that ring: no store round trip. Query strings were redacted
when recorded (``zemu.http.redact``); nothing here ever sees a token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zemu.errors import bad_request
from zemu.sim.clock import zulu

STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx")


@dataclass(frozen=True, slots=True)
class RequestFilter:
    """What a reader asks for; an empty field matches everything."""

    method: str = ""
    status: str = ""  # an exact status ("404") or a class ("4xx")
    path: str = ""  # a substring of the path, any case
    app_id: str = ""

    @classmethod
    def of(cls, query: dict[str, str]) -> RequestFilter:
        status = (query.get("status") or "").strip().lower()
        if status and not (status in STATUS_CLASSES or (status.isascii() and status.isdigit() and len(status) == 3)):
            raise bad_request(f"status must be a status code or one of {', '.join(STATUS_CLASSES)}.")
        return cls(
            method=(query.get("method") or "").strip().upper(),
            status=status,
            path=(query.get("path") or "").strip().lower(),
            app_id=(query.get("app") or query.get("app_id") or "").strip(),
        )

    def matches(self, row: dict[str, Any]) -> bool:
        if self.method and row["method"] != self.method:
            return False
        if self.status and not status_matches(self.status, row["status"]):
            return False
        if self.path and self.path not in row["path"].lower():
            return False
        return not self.app_id or row.get("app_id") == self.app_id


def status_matches(wanted: str, status: int) -> bool:
    if wanted in STATUS_CLASSES:
        return str(status)[:1] == wanted[0]
    return str(status) == wanted


def select(rows: Iterable[dict[str, Any]], wanted: RequestFilter, limit: int) -> list[dict[str, Any]]:
    """The newest ``limit`` requests that match, newest first, with their time in Zoom's format."""
    found: list[dict[str, Any]] = []
    for row in reversed(list(rows)):  # a copy: the wire appends while a reader scans
        if wanted.matches(row):
            found.append({**row, "at": zulu(row["at"])})
            if len(found) >= limit:
                break
    return found
