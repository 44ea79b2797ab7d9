"""The numbers product's tables: its handlers by operationId, the events it emits,
its triggers and what it does when a member leaves."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.numbers import demo, inventory, model, peering, phone_numbers, resources, sms
from zemu.services.numbers.triggers import TRIGGERS
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    # Zoom Phone
    "listAccountPhoneNumbers": phone_numbers.list_numbers,
    "getPhoneNumberDetails": phone_numbers.get_details,
    "updatePhoneNumberDetails": phone_numbers.update_details,
    "deleteUnassignedPhoneNumbers": phone_numbers.delete_unassigned,
    "updateSiteForUnassignedPhoneNumbers": phone_numbers.move_to_site,
    "addBYOCNumber": phone_numbers.add_byoc,
    "assignPhoneNumber": phone_numbers.assign_to_user,
    "UnassignPhoneNumber": phone_numbers.unassign_from_user,
    "ChangeMainCompanyNumber": phone_numbers.change_company_number,
    # Number Management: cloud peering
    "Listpeeringphonenumbersforprovider": peering.list_for_provider,
    "listPeeringPhoneNumbers": peering.list_peering_numbers,
    "phone:listPeeringPhoneNumbers": peering.list_phone_peering_numbers,
    "addPeeringPhoneNumbers": peering.add_peering_numbers,
    "updatePeeringPhoneNumbers": peering.update_peering_numbers,
    "deletePeeringPhoneNumbers": peering.delete_peering_numbers,
    # Number Management: phone numbers
    "AllocateNumber": inventory.allocate,
    "AddBYOCPhoneNumber": inventory.add_byoc,
    "listPhoneNumbers": inventory.list_numbers,
    "getPhoneNumber": inventory.get_number,
    "updatePhoneNumberDetail": inventory.update_number,
    "DeleteNumbers": inventory.delete_numbers,
    # Number Management: plans, ports, SIP
    "Listphonenumberplaninformation": resources.list_plans,
    "Listportednumbers": resources.list_port_orders,
    "Getportednumbersdetails": resources.get_port_order,
    "ListSIPgroups": resources.list_sip_groups,
    "ListBYOCSIPtrunks": resources.list_sip_trunks,
    # Number Management: SMS campaigns (the Phone twins share these operationIds)
    "listAccountSMSCampaigns": sms.list_campaigns,
    "GetSMSCampaign": sms.get_campaign,
    "assignCampaignPhoneNumbers": sms.assign_to_campaign,
    "unassignCampaignPhoneNumber": sms.unassign_from_campaign,
    # Number Management: SMS consent
    "ListSMSConsents": sms.list_consents,
    "CreateSMSConsent": sms.create_consent,
    "GetSMSConsent": sms.get_consent,
    "UpdateSMSConsent": sms.update_consent,
    "DeleteSMSConsents": sms.delete_consents,
    "ListConsentPhoneNumbers": sms.list_consent_numbers,
    "AssignPhoneNumbersToConsent": sms.assign_to_consent,
    "UnassignPhoneNumbersFromConsent": sms.unassign_from_consent,
}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = (
    "phone.peering_number_cnam_updated",
    "phone.peering_number_emergency_address_updated",
    "number_management.peering_number_cnam_updated",
    "number_management.peering_number_emergency_address_updated",
)

PRODUCT = Product(
    name="numbers",
    handlers=HANDLERS,
    emits=frozenset(EMITS),
    triggers=TRIGGERS,
    demo=demo.add_demo,
    on_site_moved=(model.move_site,),
)
