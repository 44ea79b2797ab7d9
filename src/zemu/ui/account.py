"""The Account tab (``/``): what the emulated account holds (users, groups, phone sites,
extensions and numbers, call queues, auto receptionists, common areas, devices) and the
credentials to reach it, the secrets hidden until "show" asks for them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from zemu.demo import demo_credentials
from zemu.runtime import Runtime
from zemu.store import Tx
from zemu.ui.render import is_partial, reading, render

Doc = dict[str, Any]
SECRET_FIELDS = ("client_secret", "webhook_secret_token")
PAGE_SIZE = 12
# the most groups read to name a user's groups (an account has a handful; beyond, ids show)
GROUP_NAMES_LIMIT = 500


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Doc, Doc], Any]  # (document, lookups) -> text
    cls: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    kind: str
    columns: tuple[Column, ...]
    wide: bool = False  # spans the page's width (a table with many columns)
    lookups: Callable[[Tx, str, list[Doc]], Doc] = lambda tx, account_id, docs: {}


def numbers(doc: Doc) -> str:
    return ", ".join(str(n.get("number", "")) for n in doc.get("phone_numbers") or [])


def ext(doc: Doc) -> str:
    return str(doc.get("extension_number") or "")


def labelled(parties: list[Doc] | None) -> str:
    """``Name (ext)`` for each party of a list (members, assignees)."""
    return ", ".join(f"{p.get('name', '')} ({p.get('extension_number', '')})" for p in parties or [])


def site(doc: Doc) -> str:
    return str((doc.get("site") or {}).get("name", ""))


def user_lookups(tx: Tx, account_id: str, docs: list[Doc]) -> Doc:
    """The phone profile of each user on the page, and the names of the account's groups."""
    groups = {g.body["id"]: g.body["name"] for g in tx.list("group", account_id=account_id, limit=GROUP_NAMES_LIMIT)}
    phone = {d["id"]: tx.get("phone_user", d["id"]) for d in docs}
    return {"groups": groups, "phone": {k: v for k, v in phone.items() if v is not None}}


def user_phone(doc: Doc, found: Doc) -> Doc:
    profile: Doc = found["phone"].get(doc["id"]) or {}
    return profile


SECTIONS = (
    Section(
        "users",
        "Users",
        "user",
        (
            Column("Name", lambda d, f: d.get("display_name") or f"{d.get('first_name', '')} {d.get('last_name', '')}"),
            Column("Email", lambda d, f: d.get("email", "")),
            Column("Role", lambda d, f: d.get("role_name", "")),
            Column("Status", lambda d, f: d.get("status", ""), "pill"),
            Column("Ext.", lambda d, f: ext(user_phone(d, f)), "num"),
            Column("Numbers", lambda d, f: numbers(user_phone(d, f)), "mono"),
            Column("Site", lambda d, f: site(user_phone(d, f))),
            Column("Groups", lambda d, f: ", ".join(f["groups"].get(g, g) for g in d.get("group_ids") or [])),
        ),
        wide=True,
        lookups=user_lookups,
    ),
    Section(
        "groups",
        "Groups",
        "group",
        (
            Column("Name", lambda d, f: d.get("name", "")),
            Column("Members", lambda d, f: d.get("total_members", 0), "num"),
            Column("ID", lambda d, f: d["id"], "mono"),
        ),
    ),
    Section(
        "sites",
        "Phone sites",
        "phone_site",
        (
            Column("Name", lambda d, f: d.get("name", "")),
            Column("Main", lambda d, f: "yes" if d.get("main_site") else ""),
            Column("Country", lambda d, f: (d.get("country") or {}).get("name", "")),
            Column(
                "Auto receptionist",
                lambda d, f: (
                    "{name} ({extension_number})".format(**d["main_auto_receptionist"])
                    if d.get("main_auto_receptionist")
                    else ""
                ),
            ),
            Column(
                "Address",
                lambda d, f: ", ".join(
                    str(v)
                    for k, v in (d.get("default_emergency_address") or {}).items()
                    if k in ("address_line1", "city", "state_code", "zip") and v
                ),
            ),
        ),
    ),
    Section(
        "call_queues",
        "Call queues",
        "call_queue",
        (
            Column("Name", lambda d, f: d.get("name", "")),
            Column("Ext.", lambda d, f: ext(d), "num"),
            Column("Site", lambda d, f: site(d)),
            Column(
                "Members",
                lambda d, f: labelled(d.get("members")),
            ),
            Column("Numbers", lambda d, f: numbers(d), "mono"),
            Column("Status", lambda d, f: d.get("status", ""), "pill"),
        ),
        wide=True,
    ),
    Section(
        "auto_receptionists",
        "Auto receptionists",
        "auto_receptionist",
        (
            Column("Name", lambda d, f: d.get("name", "")),
            Column("Ext.", lambda d, f: ext(d), "num"),
            Column("Site", lambda d, f: site(d)),
            Column("Main", lambda d, f: "yes" if d.get("main") else ""),
            Column("Numbers", lambda d, f: numbers(d), "mono"),
        ),
    ),
    Section(
        "common_areas",
        "Common-area phones",
        "common_area",
        (
            Column("Name", lambda d, f: d.get("name", "")),
            Column("Ext.", lambda d, f: ext(d), "num"),
            Column("Site", lambda d, f: site(d)),
            Column("Numbers", lambda d, f: numbers(d), "mono"),
            Column(
                "Desk phones", lambda d, f: ", ".join(p.get("display_name", "") for p in d.get("desk_phones") or ())
            ),
            Column("Status", lambda d, f: d.get("status", ""), "pill"),
        ),
    ),
    Section(
        "devices",
        "Devices",
        "device",
        (
            Column("Name", lambda d, f: d.get("display_name", "")),
            Column("Model", lambda d, f: f"{d.get('device_type', '')} {d.get('model', '')}".strip()),
            Column("MAC", lambda d, f: d.get("mac_address", ""), "mono"),
            Column("Site", lambda d, f: site(d)),
            Column(
                "Assigned to",
                lambda d, f: labelled(d.get("assignees")),
            ),
            Column("Status", lambda d, f: d.get("status", ""), "pill"),
        ),
    ),
    Section(
        "numbers",
        "Phone numbers",
        "phone_number",
        (
            Column("Number", lambda d, f: d.get("number", ""), "mono"),
            Column("Type", lambda d, f: d.get("number_type", "")),
            Column("Product", lambda d, f: str(d.get("product") or "").replace("_", " ").lower()),
            Column(
                "Assigned to",
                lambda d, f: labelled([d["assignee"]]) if d.get("assignee") else "unassigned",
            ),
            Column("Site", lambda d, f: d.get("site_name", "")),
            Column("Status", lambda d, f: d.get("status", ""), "pill"),
        ),
    ),
)
BY_KEY = {s.key: s for s in SECTIONS}


def credentials(rt: Runtime, tx: Tx) -> Doc:
    return demo_credentials(tx, rt.config.origin) or {}


def main_account(rt: Runtime, tx: Tx, asked: str | None) -> Doc | None:
    """The account asked for, else the demo app's, else the first master account."""
    for account_id in (asked, credentials(rt, tx).get("account_id")):
        found = tx.get("account", account_id) if account_id else None
        if found is not None:
            return found
    for row in tx.list("account", limit=50):
        if not row.body.get("master_account_id"):
            return row.body
    return None


def section_page(tx: Tx, section: Section, account_id: str, page: int) -> Doc:
    total = tx.count(section.kind, account_id=account_id)
    last = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), last)
    offset = (page - 1) * PAGE_SIZE
    docs = [r.body for r in tx.list(section.kind, account_id=account_id, offset=offset, limit=PAGE_SIZE)]
    found = section.lookups(tx, account_id, docs)
    rows = [[(c.value(d, found), c.cls) for c in section.columns] for d in docs]
    return {"section": section, "rows": rows, "total": total, "page": page, "last": last, "account_id": account_id}


def routes(rt: Runtime) -> list[BaseRoute]:
    def overview(tx: Tx, asked: str | None) -> Doc:
        creds = credentials(rt, tx)
        account = main_account(rt, tx, asked)
        return {
            "account": account,
            "accounts": sorted(
                (r.body for r in tx.list("account", limit=50)), key=lambda a: bool(a.get("master_account_id"))
            ),
            "sections": [section_page(tx, s, account["id"], 1) for s in SECTIONS] if account else [],
            "creds": {k: v for k, v in creds.items() if k not in SECRET_FIELDS},
            "secrets": [k for k in SECRET_FIELDS if k in creds],
        }

    async def page(request: Request) -> Response:
        shown = await reading(rt, lambda tx: overview(tx, request.query_params.get("account")))
        return render(request, "account.html", tab="account", title="Account", **shown)

    async def section(request: Request) -> Response:
        found = BY_KEY.get(request.path_params["section"])
        if found is None:
            return PlainTextResponse("No such section.", status_code=404)
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            number = 1

        def read(tx: Tx) -> Doc | None:
            account = main_account(rt, tx, request.query_params.get("account"))
            return section_page(tx, found, account["id"], number) if account else None

        shown = await reading(rt, read)
        if shown is None:
            return PlainTextResponse("No account.", status_code=404)
        if not is_partial(request):  # a pager link opened in a tab of its own: the whole page
            return render(request, "account_section_page.html", tab="account", title=found.title, s=shown)
        return render(request, "account_section.html", s=shown)

    async def secret(request: Request) -> Response:
        """One secret, asked for by its "show" button: the page itself never holds it."""
        name = request.path_params["name"]
        creds = await reading(rt, lambda tx: credentials(rt, tx))
        if name not in SECRET_FIELDS or name not in creds:
            return PlainTextResponse("No such secret.", status_code=404)
        return PlainTextResponse(str(creds[name]), headers={"cache-control": "no-store"})

    return [
        Route("/", page),
        Route("/ui/account/secret/{name}", secret),
        Route("/ui/account/{section}", section),
    ]
