"""An account's number plans (usage computed from its numbers), ported-number orders, SIP groups
and BYOC SIP trunks. These are provisioned by Zoom (the demo, or an operator); the API reads them."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.numbers import common, model

Doc = dict[str, Any]
PLAN = "nm_plan"
PORT_ORDER = "nm_port_order"
SIP_GROUP = "nm_sip_group"
SIP_TRUNK = "nm_sip_trunk"
ZOOM_SOURCES = ("Zoom", "ZoomPorted", "ZoomReserved")


def _docs(ctx: Context, kind: str, account: str) -> list[Doc]:
    return [row.body for row in ctx.tx.list(kind, account_id=account, limit=100_000)]


def save(tx: Any, kind: str, doc: Doc) -> None:
    tx.put(kind, doc["id"], doc, account_id=doc["account_id"], sort=str(doc.get("sort", doc["id"])))


# plans ----------------------------------------------------------------------------------------
def list_plans(ctx: Context) -> Doc:
    """Listphonenumberplaninformation: subscriptions, and usage counted from the number inventory."""
    account = common.account_id(ctx)
    product = ctx.query["product"]
    numbers = [n for n in model.account_numbers(ctx.tx, account)
               if n["product"] == product and n.get("source") in ZOOM_SOURCES]

    def select(f: dict[str, Any]) -> list[Doc]:
        return [p for p in _docs(ctx, PLAN, f["a"]) if p["product"] == f["p"]]

    def view(plan: Doc) -> Doc:
        used = sum(1 for n in numbers if n.get("number_type") in plan["number_types"])
        available = 0 if plan.get("is_unlimited") else max(plan["subscribed"] - used, 0)
        return {"assigned": used, "available": available, "subscribed": plan["subscribed"],
                "name": plan["name"], "is_unlimited": bool(plan.get("is_unlimited"))}

    items, fields = common.page_docs(ctx, select, view, sort="sort", filters={"a": account, "p": product})
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"], "plans": items}


# ported-number orders ---------------------------------------------------------------------------
_ORDER_LIST_FIELDS = ("numbers", "order_id", "replacing_numbers", "status", "submission_date_time")


def list_port_orders(ctx: Context) -> Doc:
    """Listportednumbers"""
    account = common.account_id(ctx)
    items, fields = common.page_docs(ctx, lambda f: _docs(ctx, PORT_ORDER, f["a"]),
                                     lambda o: {k: o[k] for k in _ORDER_LIST_FIELDS if k in o},
                                     sort="sort", filters={"a": account})
    return {"next_page_token": fields["next_page_token"], "page_size": fields["page_size"],
            "ported_numbers": items, "total_records": fields["total_records"]}


def get_port_order(ctx: Context) -> Doc:
    """Getportednumbersdetails"""
    account = common.account_id(ctx)
    order = ctx.tx.get(PORT_ORDER, ctx.path["orderId"])
    if order is None or order["account_id"] != account:
        raise ZoomError(400, "Port in order does not exist", 400)
    return {k: v for k, v in order.items() if k not in ("id", "account_id", "sort")}


# SIP groups and BYOC trunks ---------------------------------------------------------------------
def _for_product(doc: Doc, product: str) -> bool:
    return doc.get("source_system") in (product, "COMMON")


def _of_product(ctx: Context, kind: str, f: dict[str, Any]) -> list[Doc]:
    return [d for d in _docs(ctx, kind, f["a"]) if _for_product(d, f["p"])]


def sip_group(ctx: Context, account: str, group_id: str) -> Doc | None:
    group = ctx.tx.get(SIP_GROUP, group_id)
    return group if group is not None and group["account_id"] == account else None


def byoc_trunks(ctx: Context, account: str) -> list[Doc]:
    return _docs(ctx, SIP_TRUNK, account)


_GROUP_FIELDS = ("sip_group_id", "display_name", "description", "send_sip_group_name", "sip_trunk", "source_system")
_TRUNK_FIELDS = ("sip_trunk_id", "name", "carrier", "carrier_account", "region", "sbc_label", "source_system")


def list_sip_groups(ctx: Context) -> Doc:
    """ListSIPgroups"""
    account = common.account_id(ctx)
    product = ctx.query["allocated_product"]
    items, fields = common.page_docs(ctx, lambda f: _of_product(ctx, SIP_GROUP, f),
                                     lambda g: {k: g[k] for k in _GROUP_FIELDS if k in g},
                                     sort="sort", filters={"a": account, "p": product})
    return {"next_page_token": fields["next_page_token"], "total_records": fields["total_records"],
            "sip_groups": items}


def list_sip_trunks(ctx: Context) -> Doc:
    """ListBYOCSIPtrunks"""
    account = common.account_id(ctx)
    product = ctx.query["allocated_product"]
    items, fields = common.page_docs(ctx, lambda f: _of_product(ctx, SIP_TRUNK, f),
                                     lambda t: {k: t[k] for k in _TRUNK_FIELDS if k in t},
                                     sort="sort", filters={"a": account, "p": product})
    return {"byoc_sip_trunk": items, "next_page_token": fields["next_page_token"],
            "total_records": fields["total_records"]}
