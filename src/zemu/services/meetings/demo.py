"""The meetings part of the demo: a webinar licence for the owner, upcoming meetings and a
webinar, and a week of past meetings (some recorded, some with polls) played by the simulator
itself, each step at its own emulated time. History is not announced: the demo's past sends no
webhooks. Recording files are rendered only when downloaded, so this costs rows, not megabytes.
"""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.paging import Pager
from zemu.services.accounts.model import get_part, put_part
from zemu.services.accounts.settings import deep_merge
from zemu.services.context import Context
from zemu.services.meetings import model as m
from zemu.services.meetings import polls, registrants, schedule, simulate
from zemu.services.resource import Doc
from zemu.sim.clock import zulu
from zemu.store import Tx

DAY = 86400
PAST = (
    ("Daily stand-up", 15, 5, False, False),
    ("Design review", 45, 6, True, True),
    ("Customer call: Acme", 30, 3, True, False),
    ("Sprint planning", 60, 8, True, True),
    ("1:1 Blake / Avery", 25, 2, False, False),
    ("All hands", 40, 12, True, True),
)


class _Quiet(Context):
    """A context whose changes are history: it announces nothing."""

    __slots__ = ()

    def emit(self, event: str, payload: dict[str, Any], *, account_id: str | None = None) -> None:
        return None


def add_demo(tx: Tx, ids: Ids, now: float, master: Doc) -> Doc:
    owner = master["owner_id"]
    stored = get_part(tx, "user_settings", owner)
    stored[""] = deep_merge(stored.get("", {}), {"feature": {"webinar": True, "webinar_capacity": 500}})
    put_part(tx, "user_settings", owner, stored, account_id=master["id"])
    ctx = _Quiet(
        op=None,
        tx=tx,
        ids=ids,
        pager=Pager(b"demo" * 8, lambda: now),
        now=now,
        account_id=master["id"],
        user_id=owner,
        scopes=frozenset(),
    )
    start = (int(now) // 3600 + 1) * 3600
    upcoming = [
        _create(
            ctx,
            m.MEETING,
            owner,
            topic="Weekly team sync",
            type=8,
            start_time=zulu(start + DAY),
            duration=30,
            recurrence={"type": 2, "end_times": 4},
        ),
        _create(
            ctx,
            m.MEETING,
            owner,
            topic="Customer onboarding",
            start_time=zulu(start + 2 * DAY),
            duration=45,
            settings={"approval_type": 0},
        ),
    ]
    webinar = _create(
        ctx,
        m.WEBINAR,
        owner,
        topic="Product launch webinar",
        type=5,
        start_time=zulu(start + 3 * DAY),
        duration=60,
        settings={"approval_type": 0},
    )
    for email, first in (("lee.park@example.com", "Lee"), ("mia.ross@example.com", "Mia")):
        _as(ctx, m.WEBINAR, webinar, body={"email": email, "first_name": first, "last_name": "Guest"})
        registrants.create(ctx, m.WEBINAR)
    past = [_past(ctx, owner, day, spec) for day, spec in enumerate(PAST, start=1)]
    return {"meetings": [d["id"] for d in upcoming], "webinars": [webinar["id"]], "past_instances": past}


def _as(ctx: Context, fam: m.Family, doc: Doc | None = None, *, body: Doc | None = None, user: str = "") -> None:
    ctx.path = {"userId": user, **({fam.path_key: str(doc["id"])} if doc else {})}
    ctx.query, ctx.body = {}, body or {}


def _create(ctx: Context, fam: m.Family, user: str, **body: Any) -> Doc:
    _as(ctx, fam, body=body, user=user)
    return schedule.create(ctx, fam)


def _past(ctx: Context, owner: str, days_ago: int, spec: tuple[str, int, int, bool, bool]) -> str:
    topic, minutes, people, record, with_polls = spec
    now = ctx.now
    at = (int(now) // DAY - days_ago) * DAY + 15 * 3600
    ctx.now = at - DAY
    doc = _create(ctx, m.MEETING, owner, topic=topic, start_time=zulu(at), duration=minutes)
    if with_polls:
        ctx.body = {
            "title": "Quick check",
            "questions": [{"name": "Was this useful?", "type": "single", "answers": ["Yes", "Somewhat", "No"]}],
        }
        ctx.path = {"meetingId": str(doc["id"])}
        polls.create(ctx, m.MEETING, "meetingPollCreate")
    answer = simulate.plan(
        ctx,
        doc,
        {"participants": people, "duration_minutes": minutes, "record": record, "polls": with_polls, "at": zulu(at)},
        play_now=True,
        announce=False,
    )
    ctx.now = now
    return str(answer["uuid"])
