"""Phone numbers of call queues and auto receptionists, held in the one numbers model.

The seed's names are confusing and kept as Zoom's: ``unAssignPhoneNumCallQueue`` removes ONE
number, ``unassignAPhoneNumCallQueue`` removes ALL of them.
"""

from __future__ import annotations

from typing import Any

from zemu.services.context import Context
from zemu.services.numbers import model as numbers
from zemu.services.phone_routing import model
from zemu.services.phone_routing.common import op_error, target_queue, target_receptionist

Doc = dict[str, Any]


def assignee(owner: Doc, owner_type: str) -> Doc:
    return {"id": owner["id"], "type": owner_type, "name": owner["name"], "extension_number": owner["extension_number"]}


def assign_numbers(ctx: Context, owner: Doc, owner_type: str) -> None:
    """Assign every listed number (by id or E.164); any refusal rolls the whole request back."""
    refs = [ref.get("id") or ref.get("number") or "" for ref in (ctx.body or {}).get("phone_numbers") or []]
    refs = [ref for ref in refs if ref]
    if not refs:
        raise op_error(
            ctx, r"at least one phone number", fallback=(400, 400, "Need to specify at least one phone number")
        )
    for ref in refs:
        number = numbers.get_number(ctx.tx, ref)
        if number is None or number.get("account_id") != ctx.account_id:
            raise op_error(
                ctx, r"phone number does not exist", ref, fallback=(400, 300, "Phone number does not exist: {0}.")
            )
        held = {n["id"] for n in numbers.numbers_of(ctx.tx, owner_type, owner["id"])}
        if number["id"] not in held:
            numbers.assign(ctx.tx, number, assignee(owner, owner_type))


def unassign_one(ctx: Context, owner: Doc, owner_type: str, not_theirs: tuple[int, int, str]) -> None:
    ref = ctx.path["phoneNumberId"]
    held = numbers.numbers_of(ctx.tx, owner_type, owner["id"])
    number = next((n for n in held if ref in (n["id"], n["number"])), None)
    if number is None:
        raise op_error(ctx, r"not belong", fallback=not_theirs)
    numbers.unassign(ctx.tx, number)


# call queues -----------------------------------------------------------------------------
def assign_to_queue(ctx: Context) -> None:
    assign_numbers(ctx, target_queue(ctx), model.QUEUE_TYPE)


def unassign_one_from_queue(ctx: Context) -> None:
    unassign_one(ctx, target_queue(ctx), model.QUEUE_TYPE, (404, 404, "Phone number not belong to call queue."))


def unassign_all_from_queue(ctx: Context) -> None:
    numbers.release_owner(ctx.tx, model.QUEUE_TYPE, target_queue(ctx)["id"])


# auto receptionists ----------------------------------------------------------------------
def assign_to_receptionist(ctx: Context) -> None:
    assign_numbers(ctx, target_receptionist(ctx), model.RECEPTIONIST_TYPE)


def unassign_one_from_receptionist(ctx: Context) -> None:
    unassign_one(
        ctx,
        target_receptionist(ctx),
        model.RECEPTIONIST_TYPE,
        (400, 400, "Phone number does not belong to auto receptionist."),
    )


def unassign_all_from_receptionist(ctx: Context) -> None:
    numbers.release_owner(ctx.tx, model.RECEPTIONIST_TYPE, target_receptionist(ctx)["id"])
