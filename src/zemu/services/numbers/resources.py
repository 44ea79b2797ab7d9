"""An account's number plans (usage computed from its numbers), ported-number orders, SIP groups
and BYOC SIP trunks. These are provisioned by Zoom (the demo, or an operator); the API reads them."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.numbers import common, model

Doc = dict[str, Any]
PLANS, PORT_ORDERS, SIP_GROUPS, SIP_TRUNKS = model.PLANS, model.PORT_ORDERS, model.SIP_GROUPS, model.SIP_TRUNKS


# plans ----------------------------------------------------------------------------------------
def list_plans(ctx: Context) -> Doc:
    """Listphonenumberplaninformation: subscriptions, and usage counted from the number inventory
    (one counted range per number type a plan covers)."""
    account = common.account_id(ctx)
    product = ctx.query["product"]

    def item(plan: Doc) -> Doc:
        used = sum(
            model.NUMBERS.count(ctx.tx, account, {"product": product, "zoom_source": True, "number_type": t})
            for t in plan["number_types"]
        )
        available = 0 if plan.get("is_unlimited") else max(plan["subscribed"] - used, 0)
        return {
            "assigned": used,
            "available": available,
            "subscribed": plan["subscribed"],
            "name": plan["name"],
            "is_unlimited": bool(plan.get("is_unlimited")),
        }

    page = PLANS.page(ctx, scope=account, where={"product": product}, shape=item)
    return {"next_page_token": page.next_page_token, "page_size": page.page_size, "plans": page.items}


# ported-number orders ---------------------------------------------------------------------------
_ORDER_LIST_FIELDS = ("numbers", "order_id", "replacing_numbers", "status", "submission_date_time")


def list_port_orders(ctx: Context) -> Doc:
    """Listportednumbers"""
    page = PORT_ORDERS.page(
        ctx, scope=common.account_id(ctx), shape=lambda o: {k: o[k] for k in _ORDER_LIST_FIELDS if k in o}
    )
    return {
        "next_page_token": page.next_page_token,
        "page_size": page.page_size,
        "ported_numbers": page.items,
        "total_records": page.total_records,
    }


def get_port_order(ctx: Context) -> Doc:
    """Getportednumbersdetails"""
    account = common.account_id(ctx)
    order = PORT_ORDERS.get(ctx.tx, ctx.path["orderId"])
    if order is None or order["account_id"] != account:
        raise ctx.fail(400, "Port in order does not exist")
    return {k: v for k, v in order.items() if k not in ("id", "account_id", "sort")}


# SIP groups and BYOC trunks ---------------------------------------------------------------------
def sip_group(ctx: Context, account: str, group_id: str) -> Doc | None:
    group = SIP_GROUPS.get(ctx.tx, group_id)
    return group if group is not None and group["account_id"] == account else None


def byoc_trunks(ctx: Context, account: str) -> list[Doc]:
    return list(SIP_TRUNKS.each(ctx.tx, account))


_GROUP_FIELDS = ("sip_group_id", "display_name", "description", "send_sip_group_name", "sip_trunk", "source_system")
_TRUNK_FIELDS = ("sip_trunk_id", "name", "carrier", "carrier_account", "region", "sbc_label", "source_system")


def list_sip_groups(ctx: Context) -> Doc:
    """ListSIPgroups"""
    page = SIP_GROUPS.page(
        ctx,
        scope=common.account_id(ctx),
        where={"product": ctx.query["allocated_product"]},
        shape=lambda g: {k: g[k] for k in _GROUP_FIELDS if k in g},
    )
    return {"next_page_token": page.next_page_token, "total_records": page.total_records, "sip_groups": page.items}


def list_sip_trunks(ctx: Context) -> Doc:
    """ListBYOCSIPtrunks"""
    page = SIP_TRUNKS.page(
        ctx,
        scope=common.account_id(ctx),
        where={"product": ctx.query["allocated_product"]},
        shape=lambda t: {k: t[k] for k in _TRUNK_FIELDS if k in t},
    )
    return {"byoc_sip_trunk": page.items, "next_page_token": page.next_page_token, "total_records": page.total_records}
