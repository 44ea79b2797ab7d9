"""The numbers part of the demo account: a deterministic inventory in fictional ranges.

+1 408 555 01xx: users' direct numbers (0101…), numbers left for call queues and auto receptionists
(0170–0175), spares (0180–0186), the main site's company number (0190), a port-in (0199).
+1 512 555 01xx: the second site's company number (0190), peering numbers (0150–0153), BYOC (0160–0161).
+1 800 555 01xx: toll-free spares.
"""

from __future__ import annotations

from typing import Any

from zemu.ids import Ids
from zemu.services.numbers import model, peering, sms
from zemu.services.phone.model import list_phone_users, list_sites
from zemu.sim.clock import zulu
from zemu.store import Tx

Doc = dict[str, Any]
CARRIER_CODE = 3456
TRUNKS = ["demo-carrier-trunk-east", "demo-carrier-trunk-west"]
ROUTING_NUMBERS = [f"+1408555017{i}" for i in range(6)]
SPARES = [
    ("+14085550180", "Toll"),
    ("+14085550181", "Toll"),
    ("+14085550182", "Toll"),
    ("+18005550100", "TollFree"),
    ("+18005550101", "TollFree"),
]
PLANS = [
    ("ZOOM_PHONE", "US/CA Included Phone Numbers", 60, ["Toll"], False),
    ("ZOOM_PHONE", "US/CA Toll-free Numbers", 5, ["TollFree"], False),
    ("ZOOM_CONTACT_CENTER", "Contact Center Numbers", 10, ["Toll", "TollFree", "VirtualService"], False),
]
ADDRESS = {
    "address_line1": "55 Almaden Boulevard",
    "address_line2": "Floor 6",
    "city": "San Jose",
    "state_code": "CA",
    "country": "US",
    "zip": "95113",
}


def add_demo(tx: Tx, ids: Ids, now: float, master: dict[str, Any]) -> dict[str, Any]:
    account = master["id"]
    sites = sorted(list_sites(tx, account), key=lambda s: not s.get("main_site"))
    main_id = sites[0]["id"] if sites else None
    second_id = sites[1]["id"] if len(sites) > 1 else main_id

    def add(number: str, **kw: Any) -> Doc:
        kw.setdefault("site_id", main_id)
        return model.add_number(tx, ids, now, account_id=account, number=number, **kw)

    direct = _direct_numbers(tx, account, add)
    company = [add("+14085550190", display_name="Main Line")]
    model.set_company_number(tx, company[0], main_id or "")
    if second_id and second_id != main_id:
        company.append(add("+15125550190", site_id=second_id, display_name="Austin Main Line"))
        model.set_company_number(tx, company[1], second_id)
    routing = [add(e164) for e164 in ROUTING_NUMBERS]
    spares = [add(e164, number_type=kind) for e164, kind in SPARES]
    spares.append(add("+14085550185", product="UNALLOCATED"))
    spares.append(add("+14085550186", product="ZOOM_CONTACT_CENTER", caller_id_name="Support Desk"))
    peers = _peering(tx, ids, now, account, second_id)
    byoc = _byoc(tx, ids, now, account, add, second_id)
    _plans(tx, ids, account)
    campaign = _campaign(tx, ids, account, direct[:2])
    consent = _consent(tx, ids, now, master, direct[:3])
    order = _port_order(tx, ids, now, account)
    return {
        "direct_number_ids": [n["id"] for n in direct],
        "company_number_ids": [n["id"] for n in company],
        "routing_number_ids": [n["id"] for n in routing],
        "spare_number_ids": [n["id"] for n in spares],
        "peering_number_ids": [n["id"] for n in peers],
        "byoc_number_ids": [n["id"] for n in byoc["numbers"]],
        "sip_group_id": byoc["sip_group_id"],
        "sip_trunk_id": byoc["sip_trunk_id"],
        "carrier_code": CARRIER_CODE,
        "sms_campaign_id": campaign,
        "sms_consent_id": consent,
        "port_order_id": order,
    }


def _direct_numbers(tx: Tx, account: str, add: Any) -> list[Doc]:
    """One direct number per phone user, in the user's site, assigned to them."""
    made = []
    for index, user in enumerate(sorted(list_phone_users(tx, account), key=lambda u: u["extension_number"])):
        number = add(f"+14085550{101 + index:03d}", site_id=user.get("site_id"))
        model.assign(
            tx,
            number,
            {
                "id": user["id"],
                "type": "user",
                "name": user.get("name", ""),
                "extension_number": user.get("extension_number"),
            },
        )
        made.append(number)
    return made


def _peering(tx: Tx, ids: Ids, now: float, account: str, site_id: str | None) -> list[Doc]:
    """A Provider Exchange carrier operated by the demo account, with four numbers pushed into it."""
    carrier = peering.add_carrier(
        tx, code=CARRIER_CODE, name="Demo Peering Carrier", partner_account_id=account, trunks=TRUNKS
    )
    made = []
    for index in range(4):
        product = "ZOOM_PHONE" if index < 3 else "UNALLOCATED"
        info = {
            "carrier_code": CARRIER_CODE,
            "sip_trunk_name": TRUNKS[index % 2],
            "billing_ref_id": f"DEMO-{index}",
            "service_info": "Metered charges apply",
            "voice_direction": "INBOUND_AND_OUTBOUND",
            "voice_msg_capacity": "MULTI_USE",
            "outbound_dialer_not_supported": False,
            "outbound_cli_share_not_supported": False,
            "message_capability": "NOT_APPLICABLE",
        }
        number = model.add_number(
            tx,
            ids,
            now,
            account_id=account,
            number=f"+1512555015{index}",
            source="BYOCCloud",
            product=product,
            site_id=site_id if product == "ZOOM_PHONE" else None,
            carrier={"code": CARRIER_CODE, "name": carrier["name"]},
            peering=info,
            status="Normal" if index != 2 else "Pending",
        )
        made.append(number)
    return made


def _byoc(tx: Tx, ids: Ids, now: float, account: str, add: Any, site_id: str | None) -> Doc:
    trunk_id, group_id = ids.uid(), ids.uid()
    model.SIP_TRUNKS.save(
        tx,
        {
            "id": trunk_id,
            "account_id": account,
            "sort": "acme byoc trunk",
            "sip_trunk_id": trunk_id,
            "name": "Acme BYOC Trunk",
            "carrier": "Bandwidth",
            "carrier_account": "5551234567",
            "region": "us-west",
            "sbc_label": "ACME-SBC",
            "source_system": "COMMON",
        },
    )
    model.SIP_GROUPS.save(
        tx,
        {
            "id": group_id,
            "account_id": account,
            "sort": "sip 01",
            "sip_group_id": group_id,
            "display_name": "SIP 01",
            "description": "Austin office trunks",
            "send_sip_group_name": False,
            "pci_pal": True,
            "sip_trunk": {"sip_trunk_id": trunk_id, "name": "Acme BYOC Trunk", "type": "BYOC"},
            "source_system": "COMMON",
        },
    )
    numbers = [
        add(
            f"+1512555016{i}",
            site_id=site_id,
            source="BYOCPremises",
            sip_group_id=group_id,
            carrier={"code": 0, "name": "Bandwidth"},
            emergency_address=dict(ADDRESS),
            emergency_address_update_time=zulu(now),
            address_update_required=i == 1,
        )
        for i in range(2)
    ]
    return {"numbers": numbers, "sip_group_id": group_id, "sip_trunk_id": trunk_id}


def _plans(tx: Tx, ids: Ids, account: str) -> None:
    for index, (product, name, subscribed, types, unlimited) in enumerate(PLANS):
        plan_id = ids.uid()
        model.PLANS.save(
            tx,
            {
                "id": plan_id,
                "account_id": account,
                "sort": f"{index:02d}",
                "product": product,
                "name": name,
                "subscribed": subscribed,
                "number_types": types,
                "is_unlimited": unlimited,
            },
        )


def _campaign(tx: Tx, ids: Ids, account: str, numbers: list[Doc]) -> str:
    campaign_id = "C-" + ids.uid()
    model.CAMPAIGNS.save(
        tx,
        {
            "id": campaign_id,
            "account_id": account,
            "display_name": "Customer Notifications",
            "status": "active",
            "service_type": "zoomPhone",
            "capacity": 20,
            "brand": {"brand_id": "B-" + ids.uid(), "name": "Zemu Demo"},
            "response_to_opt_in": "Zemu Demo: you are subscribed to notifications. Reply STOP to end, HELP for help.",
            "response_to_opt_out": "Zemu Demo: you are unsubscribed and will receive no more messages.",
            "response_to_help": "Zemu Demo: reply STOP to end messages, START to receive them again.",
        },
    )
    for number in numbers:
        number["sms_campaign_id"] = campaign_id
        model.save(tx, number)
    return campaign_id


def _consent(tx: Tx, ids: Ids, now: float, master: Doc, numbers: list[Doc]) -> str:
    consent_id = "C-" + ids.uid()
    stamp = zulu(now)
    model.CONSENTS.save(
        tx,
        {
            "id": consent_id,
            "consent_id": consent_id,
            "consent_name": "Default consent",
            "description": "Opt-in keywords for the demo account",
            "user_id": master.get("owner_id", ""),
            "account_id": master["id"],
            "status": True,
            "capacity": sms.CONSENT_CAPACITY,
            "used_number": 0,
            "create_time": stamp,
            "modify_time": stamp,
            "in_out_bound": {
                "opt_in_message": {
                    "prompt": "Reply YES to receive messages.",
                    "keywords": ["YES", "START"],
                    "confirmation_message": "You are subscribed.",
                },
                "opt_out_message": {"message": "You are unsubscribed.", "keywords": ["STOP"]},
                "help_message": {"message": "Reply STOP to end messages.", "keywords": ["HELP"]},
                "disclaimer": {"message": "Message and data rates may apply.", "enable": True},
            },
        },
    )
    for number in numbers:
        number["sms_consent_id"] = consent_id
        model.save(tx, number)
    model.recount_consent(tx, master["id"], consent_id)
    return consent_id


def _port_order(tx: Tx, ids: Ids, now: float, account: str) -> str:
    order_id = ids.digits(19)
    stamp = zulu(now - 3 * 86400)
    model.PORT_ORDERS.save(
        tx,
        {
            "id": order_id,
            "account_id": account,
            "sort": stamp,
            "order_id": order_id,
            "status": "Processing",
            "numbers": ["+14085550199"],
            "submission_date_time": stamp,
            "replacing_numbers": [{"source_number": "+14085550199", "target_number": "+14085550183"}],
            "contact_emails": "it@example.com",
            "contact_number": "+14085550100",
            "isp": "Legacy Telco",
            "printed_name": "Pat Admin",
            "original_billing_info": {
                "account_number": "778899",
                "authorizing_person": "Pat Admin",
                "billing_telephone_number": "+14085550199",
                "company": "Zemu Demo Inc.",
                "customer_requested_date": zulu(now + 7 * 86400)[:10],
                "pin": "1234",
                "address": {
                    "house_number": "55",
                    "street_name": "Almaden Boulevard",
                    "city": "San Jose",
                    "state_code": "CA",
                    "zip": "95113",
                    "country": "US",
                },
            },
        },
    )
    return order_id
