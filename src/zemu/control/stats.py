"""``GET /zemu/stats``: counts of what the server holds, for a load generator's summary.

    GET /zemu/stats → {"now", "outbox": {"events", "last_seq"}, "scheduled": {"pending", "failed"},
                       "deliveries": {"pending", "delivered", "failed"}, "phone": {<record>: n}}

``outbox.events`` counts the events emitted since the store was made or reset (the difference of
two readings is how many were emitted between them), ``outbox.last_seq`` is the newest one's
sequence number (a reset empties the outbox but does not restart the numbering);
``phone`` counts the simulator's records of every account. Counts read indexes, not documents.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from zemu.runtime import Runtime
from zemu.services.phone_history import records
from zemu.sim.clock import zulu
from zemu.store import Tx

# the phone history's records a summary names, by the kind that holds them
PHONE_RECORDS = {
    "calls": records.CALL,
    "call_logs": records.CALL_LOG,
    "recordings": records.RECORDING,
    "voicemails": records.VOICEMAIL,
    "sms_sessions": records.SMS_SESSION,
    "sms_messages": records.SMS_MESSAGE,
    "fax_logs": records.FAX,
}


def stats(tx: Tx) -> dict[str, Any]:
    events, last_seq = tx.query("SELECT COUNT(*), MAX(seq) FROM outbox")[0]
    jobs = dict(tx.query("SELECT state, COUNT(*) FROM scheduled_work GROUP BY state"))
    deliveries = dict(tx.query("SELECT status, COUNT(*) FROM webhook_delivery GROUP BY status"))
    return {
        "outbox": {"events": int(events), "last_seq": int(last_seq or 0)},
        "scheduled": {"pending": int(jobs.get(0, 0)), "failed": int(jobs.get(2, 0))},
        "deliveries": {status: int(deliveries.get(status, 0)) for status in ("pending", "delivered", "failed")},
        "phone": {name: tx.count(kind) for name, kind in PHONE_RECORDS.items()},
    }


def stats_routes(rt: Runtime) -> list[Route]:
    async def endpoint(_request: Request) -> Response:
        with rt.store.transaction(write=False) as tx:
            found = stats(tx)
        return JSONResponse({"now": zulu(rt.clock.now()), **found})

    return [Route("/zemu/stats", endpoint)]
