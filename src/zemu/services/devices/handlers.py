"""The devices product: users' SIP phones (the seed's paths and the current ones) and H.323/SIP
room systems."""

from __future__ import annotations

from zemu.services.context import Handler
from zemu.services.devices import demo, h323, sip_phones
from zemu.services.registry import Product

HANDLERS: dict[str, Handler] = {
    "listSipPhones": sip_phones.list_legacy,
    "createSIPPhone": sip_phones.create_legacy,
    "updateSIPPhone": sip_phones.update_legacy,
    "deleteSIPPhone": sip_phones.delete_phone,
    "ListSIPPhonePhones": sip_phones.list_current,
    "EnableSIPPhonePhones": sip_phones.create_current,
    "UpdateSIPPhonePhones": sip_phones.update_current,
    "deleteSIPPhonePhones": sip_phones.delete_phone,
    "deviceList": h323.list_devices,
    "deviceCreate": h323.create_device,
    "deviceUpdate": h323.update_device,
    "deviceDelete": h323.delete_device,
}

PRODUCT = Product(name="devices", handlers=HANDLERS, demo=demo.add_demo)
