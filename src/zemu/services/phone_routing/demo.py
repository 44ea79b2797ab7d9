"""The phone_routing part of the demo account: three call queues and the main site's auto
receptionist with an IVR that routes to them.

Runs after the phone and numbers demos: members come from the demo's phone users, numbers from
the account's unassigned Zoom Phone numbers. Everything is drawn in a fixed order from seeded
ids, so the same seed builds the same routing.
"""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.numbers import model as numbers
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import (
    next_extension,
    queue_policy_defaults,
    receptionist_policy_defaults,
)
from zemu.services.phone_routing.ivr import fresh_menu
from zemu.services.phone_routing.members import COMMON_AREA, USER, set_manager
from zemu.services.phone_routing.phone_numbers import assignee
from zemu.services.phone_routing.queues import QUEUE_LEADING_DIGIT
from zemu.store import Tx

QUEUES = ("Sales", "Support", "Billing")
MEMBERS_PER_QUEUE = 3
IVR_KEYS = ("1", "2", "3")  # 1 → Sales, 2 → Support, 3 → Billing
FORWARD_TO_QUEUE = 7
FORWARD_TO_USER = 2


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    account_id = master["id"]
    sites = phone.list_sites(tx, account_id)
    users = sorted(phone.list_phone_users(tx, account_id), key=lambda u: u["extension_number"])
    if not sites or not users:
        return {}
    site = phone.main_site(tx, account_id)
    queues = [
        demo_queue(tx, ids, now, site, name, users[i * MEMBERS_PER_QUEUE : (i + 1) * MEMBERS_PER_QUEUE])
        for i, name in enumerate(QUEUES)
    ]
    areas = phone.list_common_areas(tx, account_id)
    if areas:
        model.add_member(tx, queues[1], areas[0], COMMON_AREA)  # a common-area phone helps Support
    receptionist = demo_receptionist(tx, site, queues, operator=users[0])
    give_numbers(tx, account_id)
    return {"call_queue_ids": [q["id"] for q in queues], "auto_receptionist_id": receptionist["id"]}


def free_numbers(tx: Tx, account_id: str) -> list[dict[str, Any]]:
    return [
        n for n in numbers.account_numbers(tx, account_id) if n.get("product") == "ZOOM_PHONE" and not numbers.in_use(n)
    ]


def give_numbers(tx: Tx, account_id: str) -> None:
    """One free number to each demo queue, then to the receptionist with the IVR."""
    free = free_numbers(tx, account_id)
    owners = [(q, model.QUEUE_TYPE) for q in model.list_call_queues(tx, account_id) if q["name"] in QUEUES]
    owners.sort(key=lambda owner: QUEUES.index(owner[0]["name"]))
    owners += [(r, model.RECEPTIONIST_TYPE) for r in model.list_auto_receptionists(tx, account_id) if r.get("ivr")]
    for owner, owner_type in owners:
        if free and not numbers.numbers_of(tx, owner_type, owner["id"]):
            numbers.assign(tx, free.pop(0), assignee(owner, owner_type))


def demo_queue(
    tx: Tx, ids: Ids, now: float, site: dict[str, Any], name: str, members: list[dict[str, Any]]
) -> dict[str, Any]:
    extension = next_extension(tx, site["account_id"], site, QUEUE_LEADING_DIGIT)
    queue = model.create_call_queue(
        tx,
        ids,
        now,
        account_id=site["account_id"],
        name=name,
        site_id=site["id"],
        extension_number=extension,
        policy=queue_policy_defaults(),
        timezone=site.get("timezone", "America/Los_Angeles"),
    )
    for user in members:
        model.add_member(tx, queue, user, USER)
    if members:
        set_manager(tx, queue, members[0])
    return queue


def demo_receptionist(
    tx: Tx, site: dict[str, Any], queues: list[dict[str, Any]], *, operator: dict[str, Any]
) -> dict[str, Any]:
    """The main site's receptionist: 1-3 reach the queues, 0 the operator."""
    receptionist = model.account_auto_receptionist(tx, site["account_id"], site["main_auto_receptionist"]["id"])
    if receptionist is None:
        raise RuntimeError("the main site has no auto receptionist")
    menu = fresh_menu()
    menu["key_actions"] = [
        {"action": FORWARD_TO_QUEUE, "key": key, "target": {"extension_id": q["extension_id"]}}
        for key, q in zip(IVR_KEYS, queues, strict=True)
    ]
    menu["key_actions"].append(
        {"action": FORWARD_TO_USER, "key": "0", "target": {"extension_id": operator["extension_id"]}}
    )
    receptionist["ivr"] = {"business_hours": menu}
    receptionist["policy"] = receptionist_policy_defaults()
    model.save_auto_receptionist(tx, receptionist)
    return receptionist
