"""The phone traffic simulator declared as a product: the REST sends it serves (SMS), the events
its calls, messages and faxes emit and the scheduled work that plays them."""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.registry import Product
from zemu.sim.phone import engine, fax, plan, sms
from zemu.sim.phone.triggers import TRIGGERS

Doc = dict[str, Any]


def place_call(ctx: Context, body: Any) -> Doc:
    """Place a call (``POST /zemu/phone/calls``): checked, kept and its first step scheduled, in
    the caller's transaction; answers the ids the call will leave behind."""
    call = plan.build(ctx, plan.check(ctx, body))
    engine.start(ctx, call)
    return plan.answer(call)


PRODUCT = Product(
    name="phone_sim",
    handlers={"postSmsMessage": sms.post_sms_message, "SendEFax": fax.send_efax},
    emits=engine.EMITS | sms.EMITS | fax.EMITS,
    triggers=TRIGGERS,
    jobs={engine.STEP: engine.perform, sms.DELIVER: sms.perform, fax.DELIVER: fax.perform},
)
