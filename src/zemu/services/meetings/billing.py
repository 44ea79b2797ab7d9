"""Billing reports and their invoices, computed per calendar month from the account's plan and
licences: one report per month from the month the account was created to the current one, whose
invoice lines are the licensed users (at the plan's monthly price) and the Zoom Phone licences
held at the month's end. A free account pays nothing and has no reports.

Users and phone users removed from the account no longer count, in past months too: the store
keeps no history of licences, only what the account holds now and when each user was created.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from zemu.services.context import Context
from zemu.services.resource import Doc
from zemu.services.users.model import USERS
from zemu.sim.clock import zulu

CURRENCY = "USD"
# list prices per licence and month
PLAN_PRICES = {"Pro": ("Pro Monthly", 15.99), "Business": ("Business Monthly", 21.99)}
ENTERPRISE = ("Enterprise Monthly", 26.99)
PHONE_LICENCE = ("Zoom Phone Pro Monthly", 10.00)
TAX_RATE = 0.0  # zemu's accounts are billed without sales tax
BILLING_ID = re.compile(r"^bill-(\d{4})(\d{2})$")


def _plan(account: Doc) -> tuple[str, float] | None:
    kind = str(account.get("account_type") or "Free")
    if kind == "Free":
        return None
    return PLAN_PRICES.get(kind, ENTERPRISE)


def _months(account: Doc, now: float) -> list[tuple[int, int]]:
    """Every month from the account's creation to now, newest first."""
    first, today = str(account.get("created_at") or zulu(now)), zulu(now)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while (year, month) <= (int(today[:4]), int(today[5:7])):
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out[::-1]


def _period(year: int, month: int) -> tuple[str, str]:
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"


def _holders(ctx: Context, account: Doc) -> tuple[list[str], list[str]]:
    """The creation days of the licensed users and of the phone users: read once per request,
    then counted for each month."""
    from zemu.services.phone.model import PHONE_USERS  # phone builds on users, not the other way round

    licensed, created = [], {}
    for user in USERS.each(ctx.tx, account["id"]):
        created[user["id"]] = str(user.get("created_at") or "")[:10]
        if user.get("type") == 2 and user["status"] == "active":
            licensed.append(created[user["id"]])
    phones = [created.get(p["id"], "") for p in PHONE_USERS.each(ctx.tx, account["id"])]
    return licensed, phones


def _lines(account: Doc, holders: tuple[list[str], list[str]], year: int, month: int) -> list[tuple[str, int, float]]:
    """(charge, quantity, price) of one month: licences held by users created by its last day."""
    plan = _plan(account)
    if plan is None:
        return []
    _, last = _period(year, month)
    licensed = sum(1 for day in holders[0] if day <= last)
    phones = sum(1 for day in holders[1] if day <= last)
    lines = [(plan[0], licensed, plan[1])]
    if phones:
        lines.append((PHONE_LICENCE[0], phones, PHONE_LICENCE[1]))
    return lines


def _money(amount: float) -> str:
    return f"{amount:.2f}"


def _account(ctx: Context) -> Doc:
    return ctx.tx.get("account", ctx.account_id) or {"id": ctx.account_id}


def reports(ctx: Context) -> Doc:
    account = _account(ctx)
    rows = []
    if _plan(account) is not None:
        holders = _holders(ctx, account)
        for year, month in _months(account, ctx.now):
            amount = sum(q * price for _, q, price in _lines(account, holders, year, month))
            start, end = _period(year, month)
            rows.append(
                {
                    "id": f"bill-{year:04d}{month:02d}",
                    "start_date": start,
                    "end_date": end,
                    "total_amount": _money(amount * (1 + TAX_RATE)),
                    "tax_amount": _money(amount * TAX_RATE),
                    "type": 0,  # a detailed billing report
                }
            )
    return {"currency": CURRENCY, "billing_reports": rows}


def invoices(ctx: Context) -> Doc:
    found = BILLING_ID.match(str(ctx.query.get("billing_id") or ""))
    if found is None:
        raise ctx.fail(300, 'Invalid parameter "billing_id"')
    account = _account(ctx)
    wanted = (int(found[1]), int(found[2]))
    if _plan(account) is None or wanted not in _months(account, ctx.now):
        raise ctx.fail(5010)
    start, end = _period(*wanted)
    lines: list[dict[str, Any]] = []
    for n, (charge, quantity, price) in enumerate(_lines(account, _holders(ctx, account), *wanted), 1):
        amount = quantity * price
        lines.append(
            {
                "invoice_number": str(n),
                "invoice_charge_name": charge,
                "quantity": quantity,
                "start_date": start,
                "end_date": end,
                "total_amount": _money(amount * (1 + TAX_RATE)),
                "tax_amount": _money(amount * TAX_RATE),
            }
        )
    return {"currency": CURRENCY, "invoices": lines}
