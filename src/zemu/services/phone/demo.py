"""The phone part of the demo account: two sites, every demo user a phone user with an extension
(1001, 1002, ... in email order) and a calling plan, desk phones for the first few users, two
common-area phones, a shared line group, a blocked number and external contacts. The numbers
package's demo runs next and gives these users and sites their numbers."""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.phone import (
    account_settings,
    blocked_list,
    calling_plans,
    common_areas,
    devices,
    external_contacts,
    shared_line_groups,
    sites,
    users,
)
from zemu.services.users.model import USERS
from zemu.store import Tx

SITES = (
    (
        "San Jose HQ",
        "Main Auto Receptionist",
        {"address_line1": "55 Almaden Blvd", "city": "San Jose", "state_code": "CA", "zip": "95113", "country": "US"},
    ),
    (
        "Austin",
        "Austin Auto Receptionist",
        {"address_line1": "500 W 2nd St", "city": "Austin", "state_code": "TX", "zip": "78701", "country": "US"},
    ),
)
PLAN_SUBSCRIPTIONS = {200: 40, 100: 10, 300: 5}
FIRST_EXTENSION = 1001
DESK_PHONES = (("Yealink T54W", "yealink", "T54W"), ("Poly VVX 450", "poly", "VVX450"), ("Cisco 8851", "cisco", "8851"))
AREAS = (("Lobby", 801, "poly", "Trio C60"), ("Break Room", 802, "yealink", "CP965"))
# the account's own values over the schema defaults: what a working phone account has switched on
ACCOUNT_SETTINGS = {
    "allow_emergency_calls": {
        "enable": True,
        "allow_emergency_calls_from_clients": True,
        "allow_emergency_calls_from_deskphones": True,
    },
    "voicemail": {"enable": True, "allow_download": True, "allow_delete": True},
    "sms": {"enable": True},
    "outbound_calling": {"enable": True},
    "international_calling": {"enable": True},
}
CONTACTS = (
    {
        "name": "Acme Supplies",
        "email": "orders@acme-supplies.example",
        "phone_numbers": ["+14155550142"],
        "description": "Office supplies vendor",
    },
    {
        "name": "Building Security",
        "email": "desk@sj-security.example",
        "phone_numbers": ["+14085550119"],
        "description": "24/7 front desk",
        "auto_call_recorded": True,
    },
    {
        "name": "Northwind Legal",
        "email": "counsel@northwind.example",
        "phone_numbers": ["+15125550177"],
        "description": "Outside counsel",
    },
    {
        "name": "IT Helpdesk (MSP)",
        "email": "help@msp.example",
        "phone_numbers": ["+18005550100"],
        "description": "Managed service provider",
    },
)


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    account_id = master["id"]
    made = [
        sites.new_site(
            tx,
            ids,
            now,
            account_id=account_id,
            name=name,
            address=address,
            auto_receptionist_name=ar_name,
            main=index == 0,
        )
        for index, (name, ar_name, address) in enumerate(SITES)
    ]
    calling_plans.subscribe(tx, account_id, PLAN_SUBSCRIPTIONS)
    people = list(USERS.each(tx, account_id))
    phone_users = []
    for index, user in enumerate(people):
        site = made[0] if index % 3 != 2 else made[1]  # two in three at headquarters
        plan = 200 if index % 5 else 100
        phone_users.append(
            users.new_phone_user(
                tx,
                ids,
                user,
                site_id=site["id"],
                extension_number=FIRST_EXTENSION + index,
                calling_plans=[calling_plans.plan_ref(tx, account_id, plan)],
            )
        )
    desk = _desk_phones(tx, ids, now, account_id, phone_users)
    areas = _common_areas(tx, ids, now, account_id, made[0])
    group = shared_line_groups.new_group(
        tx, ids, account_id=account_id, display_name="Front Desk", site_id=made[0]["id"], extension_number=501
    )
    group["users"] = [u["id"] for u in phone_users[:2]]
    group["common_areas"] = [areas[0]["id"]]
    shared_line_groups.model.save_shared_line_group(tx, group)
    blocked = blocked_list.new_entry(
        tx, ids, now, account_id, {"phone_number": "+12025550188", "comment": "Robocaller", "block_type": "inbound"}
    )
    contacts = [external_contacts.new_contact(tx, ids, account_id, data) for data in CONTACTS]
    account_settings.save_overrides(tx, account_id, {"settings": ACCOUNT_SETTINGS, "phone": {}})
    return {
        "site_ids": [s["id"] for s in made],
        "phone_user_ids": [u["id"] for u in phone_users],
        "device_ids": desk,
        "common_area_ids": [a["id"] for a in areas],
        "shared_line_group_id": group["id"],
        "blocked_list_id": blocked["id"],
        "external_contact_ids": [c["id"] for c in contacts],
    }


def _desk_phones(tx: Tx, ids: Ids, now: float, account_id: str, phone_users: list[dict[str, Any]]) -> list[str]:
    made = []
    for index, (name, kind, model_name) in enumerate(DESK_PHONES):
        owner = phone_users[index] if index < len(phone_users) else None
        device = devices.new_device(
            tx,
            ids,
            now,
            account_id=account_id,
            display_name=name,
            mac_address=f"0015650000{index + 1:02x}",
            device_type=kind,
            model_name=model_name,
            site_id=owner["site_id"] if owner else "",
            assignee_extension_ids=[owner["extension_id"]] if owner else [],
        )
        device["status"] = "online"
        devices.model.save_device(tx, device)
        made.append(device["id"])
    spare = devices.new_device(
        tx,
        ids,
        now,
        account_id=account_id,
        display_name="Spare Yealink",
        mac_address="001565000099",
        device_type="yealink",
        model_name="T33G",
    )
    return [*made, spare["id"]]


def _common_areas(tx: Tx, ids: Ids, now: float, account_id: str, site: dict[str, Any]) -> list[dict[str, Any]]:
    areas = []
    for index, (name, extension, kind, model_name) in enumerate(AREAS):
        area = common_areas.new_common_area(
            tx, ids, now, account_id=account_id, name=name, site_id=site["id"], extension_number=extension
        )
        area["calling_plans"] = [calling_plans.plan_ref(tx, account_id, 200)]
        area["status"] = "online"
        common_areas.model.save_common_area(tx, area)
        device = devices.new_device(
            tx,
            ids,
            now,
            account_id=account_id,
            display_name=name,
            mac_address=f"0004f2c0ff{index + 1:02x}",
            device_type=kind,
            model_name=model_name,
            site_id=site["id"],
            assignee_extension_ids=[area["extension_id"]],
        )
        device["status"] = "online"
        devices.model.save_device(tx, device)
        areas.append(area)
    return areas
