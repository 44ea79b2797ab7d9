"""``GET /marketplace/apps/{appId}/webhook_logs``: an app's delivery attempts, newest first.

Query rules (zoom-conventions §8.6): ``type`` 1 all, 2 failed (the default), 3 successful;
``retry_num`` 0 (first attempt) … 3; ``from``/``to`` as ``yyyy-MM-ddTHH:mm:ssZ`` within the last
7 days (default: the last 7 days). URL-validation requests are not webhook deliveries and are
not listed.
"""

from __future__ import annotations

from typing import Any

from zemu.events.log import webhook_log_item
from zemu.paging import Window
from zemu.services.apps import get_app
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.sim.clock import parse_zulu
from zemu.store import webhooks as store

WEEK = 7 * 86400
BAD_FORMAT = documented(1503)


def _moment(text: Any, default: float) -> float:
    if text in (None, ""):
        return default
    try:
        return parse_zulu(str(text))
    except ValueError:
        raise BAD_FORMAT from None


def webhook_logs(ctx: Context) -> dict[str, Any]:
    app_id = ctx.path["appId"]
    app = get_app(ctx.tx, app_id)
    if app is None or app["account_id"] != ctx.account_id:
        raise ctx.fail(1401, appId=app_id)
    query = ctx.query
    retry_num = query.get("retry_num")
    if retry_num is not None and (not isinstance(retry_num, int) or not 0 <= retry_num <= 3):
        raise ctx.fail(1506)
    until = _moment(query.get("to"), ctx.now)
    since = _moment(query.get("from"), until - WEEK)
    if until < since:
        raise ctx.fail(1501)
    if since > ctx.now:
        raise ctx.fail(1504)
    if since < ctx.now - WEEK - 1:
        raise ctx.fail(1502)
    kind = int(query.get("type") or 2)
    filters = {
        "app": app_id,
        "from": since,
        "to": until + 0.999,
        "event": query.get("event") or "",
        "ok": {1: None, 2: False, 3: True}.get(kind),
        "retry_num": retry_num,
    }

    def fetch(f: dict[str, Any], window: Window) -> list[tuple[tuple[str, str], Any]]:
        before = (float(window.after[0]), window.after[1]) if window.after else None
        rows = store.list_attempts(
            ctx.tx,
            app_id=f["app"],
            kinds=("delivery", "replay"),
            since=f["from"],
            until=f["to"],
            event=f["event"] or None,
            ok=f["ok"],
            retry_num=f["retry_num"],
            before=before,
            limit=window.offset + window.limit,
        )[window.offset :]
        return [((repr(a["at"]), a["id"]), webhook_log_item(a, app["owner_id"])) for a in rows]

    page = ctx.paginate(fetch, filters=filters)
    return {"next_page_token": page.next_page_token, "page_size": page.page_size, "webhook_logs": page.items}
