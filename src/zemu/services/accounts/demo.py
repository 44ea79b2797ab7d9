"""The accounts part of the demo: settings, a paid sub-account with plans and billing, domains, SIP trunk.

Deterministic for a given seeded ``ids``: every id comes from it, in a fixed order.
"""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.accounts import billing, domains, plans, sip_trunk
from zemu.services.accounts.model import create_account, get_part, put_part, save_account
from zemu.sim.clock import zulu
from zemu.store import Tx

SUB_OWNER = ("sub-owner@zemu-demo-east.example", "Jordan", "Reyes")
CONTACT = {
    "first_name": "Jordan",
    "last_name": "Reyes",
    "email": "billing@zemu-demo-east.example",
    "phone_number": "+1 212 555 0142",
    "address": "200 Park Avenue",
    "apt": "Suite 1700",
    "city": "New York",
    "state": "NY",
    "zip": "10166",
    "country": "US",
}


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    master["options"] = {"share_rc": False, "share_mc": False, "pay_mode": "master"}
    save_account(tx, master)
    domain = master["owner_email"].split("@", 1)[1]
    domains.set_domains(
        tx, master["id"], trusted=[f"partners.{domain}"], managed=[{"domain": domain, "status": "verified"}]
    )
    sip_trunk.set_master_config(
        tx,
        master["id"],
        [
            {
                "id": ids.uid(),
                "name": "Demo SIP trunk",
                "sip_server_address": "sip.zemu-demo.example",
                "dnis": "+12125550100",
                "outbound_caller_id": "+12125550100",
            }
        ],
    )

    email, first, last = SUB_OWNER
    sub = create_account(
        tx,
        ids,
        now,
        account_name="Zemu Demo East",
        owner_email=email,
        first_name=first,
        last_name=last,
        master_id=master["id"],
        account_type="Free",
    )
    sub["options"] = {"share_rc": False, "share_mc": False, "pay_mode": "master"}
    save_account(tx, sub)
    _subscribe(tx, now, sub)
    billing.merge_contact(tx, sub["id"], CONTACT)
    domains.set_domains(tx, sub["id"], trusted=[], managed=[{"domain": "zemu-demo-east.example", "status": "verified"}])
    put_part(tx, sip_trunk.CONFIG, sub["id"], get_part(tx, sip_trunk.CONFIG, master["id"]))
    return {"sub_account_id": sub["id"], "sub_account_owner_id": sub["owner_id"]}


def _subscribe(tx: Tx, now: float, sub: dict[str, Any]) -> None:
    """A Business base plan of 10 hosts and a webinar add-on, as AccountPlanCreate leaves them."""

    def plan(plan_type: str, hosts: int) -> dict[str, Any]:
        return {
            "type": plan_type,
            "hosts": hosts,
            "status": "active",
            "service_effective_date": zulu(now),
            "next_invoice_date": zulu(now + 30 * 86400),
        }

    put_part(
        tx,
        plans.KIND,
        sub["id"],
        {"plan_base": plan("business_monthly", 10), "addons": [plan("webinar500_monthly", 1)]},
    )
    sub["account_type"], sub["seats"] = "Business", 10
    save_account(tx, sub)
