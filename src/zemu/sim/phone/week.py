"""The demo account's week of phone history, played by the simulator itself.

The week before today (UTC) gets the traffic ``zemu traffic`` would send (``traffic.Traffic``):
calls between users and the outside world with every outcome, calls to the call queues and to
the auto receptionist with the keys callers press, recordings, voicemails, text messages and
faxes. Each is checked, built and played through the same code as a call placed on a running
server (``plan``, ``engine.play``, ``sms.send``, ``fax.send``) at its own moment of the week, so
call history, call logs, recordings, voicemails, SMS sessions and fax logs name the same ids.
Nothing is scheduled and no event is queued: the week happened before anyone could subscribe.
Recordings, voicemails and faxes are files with a recipe, rendered when first downloaded.

Everything is drawn from the seeded ids, and the week ends at today's midnight, so the same
seed on the same day gives the same history.
"""

from __future__ import annotations

import random
from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.paging import Pager
from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model as routing
from zemu.sim.phone import engine, fax, plan, sms
from zemu.sim.phone.traffic import CALL, FAX, SMS, Parties, Traffic
from zemu.store import Tx

Doc = dict[str, Any]
DAY = 86400
DAYS = 7
WEEKDAY_ITEMS = 30  # calls, messages and faxes on a working day; a weekend day has a fifth of it
# the working day, in UTC hours: 9:00 to 18:00 on the US east coast, and early enough that a call
# of the longest talk time (an hour) ends before the day does
OPEN_HOURS = (13, 22)
ORIGIN_KEY = "demo_origin"  # where the server that built the demo answers (download URLs)


def add_demo(tx: Tx, ids: Ids, now: float, master: Doc) -> dict[str, Any]:
    parties = account_parties(tx, master["id"])
    if len(parties.users) < 2:
        return {}
    draw = random.Random(ids.number(0, 2**62))
    traffic = Traffic(draw.randrange(2**62), parties)
    ctx = Context(
        op=None,
        tx=tx,
        ids=ids,
        pager=Pager(b"demo", lambda: now),  # never pages: nothing is listed here
        now=now,
        account_id=master["id"],
        user_id=master["owner_id"],
        scopes=frozenset(),
        origin=tx.meta(ORIGIN_KEY) or "",
        emitting=False,
    )
    made = {"calls": 0, "sms": 0, "faxes": 0}
    for at in moments(draw, now):
        ctx.now = float(at)
        _kind, request, body = traffic.next()
        try:
            play(ctx, request, body)
        except ZoomError:  # a party the account's own settings refuse (a blocked number): not made
            continue
        made[request] += 1
    return made


def play(ctx: Context, request: str, body: Doc) -> None:
    """One request of the traffic, happening at ``ctx.now``."""
    at = ctx.now
    if request == CALL:
        call = plan.build(ctx, plan.check(ctx, body))
        engine.play(ctx, call)
    elif request == SMS:
        sms.send(ctx, body)
    elif request == FAX:
        fax.send(ctx, body)
    ctx.now = at


def moments(draw: random.Random, now: float) -> list[int]:
    """When the week's traffic happens: working hours of the seven days before today, in order."""
    midnight = int(now) // DAY * DAY
    found: list[int] = []
    for day in range(DAYS, 0, -1):
        start = midnight - day * DAY
        weekend = (start // DAY + 3) % 7 >= 5  # 1970-01-01 was a Thursday
        count = WEEKDAY_ITEMS // 5 if weekend else WEEKDAY_ITEMS
        low, high = start + OPEN_HOURS[0] * 3600, start + OPEN_HOURS[1] * 3600
        found += sorted(draw.randrange(low, high) for _ in range(count))
    return found


def account_parties(tx: Tx, account_id: str) -> Parties:
    """The account's active phone users (extension, own number), call queues and receptionists."""
    users = [
        (str(u["extension_number"]), str((u.get("phone_numbers") or [{}])[0].get("number") or ""))
        for u in sorted(phone.list_phone_users(tx, account_id), key=lambda u: u["extension_number"])
        if u.get("extension_number") and u.get("status") == "activate"
    ]
    queues = [
        str(q["extension_number"])
        for q in routing.list_call_queues(tx, account_id)
        if q.get("extension_number") and q.get("status", "active") == "active"
    ]
    receptionists = [
        (str(r["extension_number"]), _keys(r))
        for r in routing.list_auto_receptionists(tx, account_id)
        if r.get("extension_number")
    ]
    return Parties(users=users, queues=sorted(queues), receptionists=sorted(receptionists))


def _keys(receptionist: Doc) -> list[str]:
    menu = (receptionist.get("ivr") or {}).get("business_hours") or {}
    return sorted({str(a["key"]) for a in menu.get("key_actions") or [] if a.get("key") is not None})
