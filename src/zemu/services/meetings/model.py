"""Meetings and webinars: one document per scheduled meeting or webinar, and its Zoom forms.

    meeting   id = the meeting number, scope = host user id, sort = start time (creation time
              for a recurring meeting with no fixed time), filed by listing state
    webinar   the same, for webinars

A meeting or webinar keeps its own occurrences (recurring, fixed time), its registrant questions,
live stream settings and recording settings inside the document; registrants and polls are
collections of their own (``registrants.py``, ``polls.py``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from zemu.errors import ValidationFailed
from zemu.ids import Ids
from zemu.services.resource import Collection, Doc
from zemu.sim.clock import parse_zulu, zulu

JOIN_HOST = "https://zoom.us"
# a start URL's zak token lives two hours on the emulated clock, as Zoom's does
START_URL_LIFETIME = 2 * 3600
MAX_OCCURRENCES = 60
DAILY_CREATES = 100


def _sort(doc: Doc) -> str:
    return str(doc.get("start_time") or doc.get("created_at") or "")


def _listed(doc: Doc) -> bool:
    """What ``type=scheduled`` lists: everything scheduled, and an instant meeting while it runs."""
    return doc["type"] != 1 or doc.get("status") == "started"


def _collection(kind: str) -> Collection:
    return Collection(
        kind,
        sort=_sort,
        scope=lambda d: str(d["host_id"]),
        filters={
            "state": lambda d: "trash" if d.get("deleted_at") else "active",
            "listed": _listed,
            "live": lambda d: d.get("status") == "started",
        },
    )


@dataclass(frozen=True, slots=True)
class Family:
    """What differs between meetings and webinars: names, kinds, path key and events."""

    kind: str  # "meeting" | "webinar"
    path_key: str  # "meetingId" | "webinarId"
    noun: str  # "Meeting" | "Webinar"
    collection: Collection

    @property
    def prefix(self) -> str:
        return self.kind


MEETING = Family("meeting", "meetingId", "Meeting", _collection("meeting"))
WEBINAR = Family("webinar", "webinarId", "Webinar", _collection("webinar"))


# ids, passwords and URLs --------------------------------------------------------------------
def meeting_number(ids: Ids) -> int:
    """10 or 11 digits, as Zoom's meeting numbers are."""
    return int(ids.digits(11 if ids.number(0, 3) else 10))


def instance_uuid(ids: Ids) -> str:
    """An instance's UUID: 16 bytes in standard base64 (``/`` and ``+`` included, hence the
    double URL encoding clients need)."""
    return base64.b64encode(bytes.fromhex(ids.hex32())).decode()


def new_password(ids: Ids) -> str:
    return ids.secret(6)[:8].replace("-", "a").replace("_", "b")


def encrypted(password: str, meeting_id: int) -> str:
    """The ``pwd`` of a join URL: a digest of the number and the passcode, base64 text as Zoom's."""
    digest = hashlib.sha256(f"{meeting_id}:{password}".encode()).digest()[:24]
    return base64.urlsafe_b64encode(digest).decode().replace("-", "").replace("_", "")[:32]


def numeric_password(password: str) -> str:
    """The passcode for phone and H.323 dial-in: digits, derived from the passcode."""
    if password.isdigit():
        return password
    digest = int(hashlib.sha256(password.encode()).hexdigest(), 16)
    return str(digest % 10 ** max(6, len(password))).rjust(max(6, len(password)), "0")


def join_url(doc: Doc) -> str:
    path = "w" if doc.get("family") == "webinar" else "j"
    pwd = f"?pwd={doc['encrypted_password']}" if doc.get("password") else ""
    return f"{JOIN_HOST}/{path}/{doc['id']}{pwd}"


def start_url(doc: Doc, now: float, key: bytes) -> str:
    """A start URL whose zak token expires ``START_URL_LIFETIME`` after it is read."""
    claims = f"{doc['host_id']}.{doc['id']}.{int(now) + START_URL_LIFETIME}"
    mac = hmac.new(key, claims.encode(), hashlib.sha256).hexdigest()[:32]
    zak = base64.urlsafe_b64encode(f"{claims}.{mac}".encode()).decode().rstrip("=")
    path = "w" if doc.get("family") == "webinar" else "s"
    return f"{JOIN_HOST}/{path}/{doc['id']}?zak={zak}"


def zak_expiry(url: str) -> int:
    zak = url.split("zak=", 1)[1]
    claims = base64.urlsafe_b64decode(zak + "=" * (-len(zak) % 4)).decode()
    return int(claims.split(".")[2])


# times ----------------------------------------------------------------------------------------
def zone(name: str | None) -> dt.tzinfo:
    try:
        return ZoneInfo(name) if name else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def parse_start(text: Any, timezone: str | None) -> float:
    """``yyyy-MM-ddTHH:mm:ssZ`` is UTC; without ``Z`` it is local time in ``timezone``."""
    raw = str(text).strip()
    try:
        if raw.endswith("Z"):
            return parse_zulu(raw[:19] + "Z")
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed([{"field": "start_time", "message": "Invalid field."}]) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(timezone))
    return moment.timestamp()


def occurrence_times(start: float, recurrence: Doc, timezone: str | None) -> list[float]:
    """The start of each occurrence of a recurring meeting, in the meeting's time zone."""
    tz = zone(timezone)
    first = dt.datetime.fromtimestamp(start, tz)
    interval = max(1, int(recurrence.get("repeat_interval") or 1))
    kind = int(recurrence.get("type") or 1)
    end_at = parse_zulu(str(recurrence["end_date_time"])[:19] + "Z") if recurrence.get("end_date_time") else None
    count = int(recurrence.get("end_times") or (MAX_OCCURRENCES if end_at else 1))
    count = min(count, MAX_OCCURRENCES)
    out: list[float] = []
    for day in _days(first, kind, interval, recurrence):
        moment = day.timestamp()
        if (end_at is not None and moment > end_at) or len(out) >= count:
            break
        out.append(moment)
    return out


def _days(first: dt.datetime, kind: int, interval: int, rec: Doc) -> Iterator[dt.datetime]:
    if kind == 1:
        for n in range(MAX_OCCURRENCES * 400):
            yield first + dt.timedelta(days=n * interval)
    elif kind == 2:
        wanted = {int(d) for d in str(rec.get("weekly_days") or _zoom_weekday(first)).split(",") if d.strip()}
        week0 = first - dt.timedelta(days=(first.isoweekday() % 7))
        for week in range(0, MAX_OCCURRENCES * 400, interval):
            for offset in range(7):
                day = week0 + dt.timedelta(days=week * 7 + offset)
                if day >= first and offset + 1 in wanted:
                    yield day
    else:
        for month in range(0, MAX_OCCURRENCES * 12, interval):
            found = _monthly(first, month, rec)
            if found is not None and found >= first:
                yield found


def _zoom_weekday(moment: dt.datetime) -> str:
    return str(moment.isoweekday() % 7 + 1)  # Zoom counts 1 = Sunday ... 7 = Saturday


def _monthly(first: dt.datetime, months: int, rec: Doc) -> dt.datetime | None:
    year, month = divmod(first.month - 1 + months, 12)
    base = first.replace(year=first.year + year, month=month + 1, day=1)
    if rec.get("monthly_week"):
        weekday = int(rec.get("monthly_week_day") or 1)  # 1 = Sunday
        days = [base + dt.timedelta(days=n) for n in range(31) if (base + dt.timedelta(days=n)).month == base.month]
        matching = [d for d in days if d.isoweekday() % 7 + 1 == weekday]
        week = int(rec["monthly_week"])
        return matching[week if week < 0 else week - 1] if matching else None
    try:
        return base.replace(day=int(rec.get("monthly_day") or first.day))
    except ValueError:
        return None


def day_of(moment: float) -> str:
    return zulu(moment)[:10]
