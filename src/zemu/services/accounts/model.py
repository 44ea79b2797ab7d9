"""The account record: a master account and its sub-accounts."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.ids import Ids
from zemu.services.resource import Collection, Unique
from zemu.services.users.model import create_user
from zemu.sim.clock import zulu
from zemu.store import Tx

KIND = "account"


def create_account(
    tx: Tx,
    ids: Ids,
    now: float,
    *,
    account_name: str,
    owner_email: str,
    first_name: str,
    last_name: str,
    master_id: str | None = None,
    account_type: str = "Business",
    phone_enabled: bool = False,
) -> dict[str, Any]:
    """An account with its owner user. A sub-account is filed under its master."""
    account_id = ids.uid()
    owner = create_user(
        tx,
        ids,
        now,
        account_id=account_id,
        email=owner_email,
        first_name=first_name,
        last_name=last_name,
        role_name="Owner",
    )
    account = {
        "id": account_id,
        "account_name": account_name,
        "account_number": ids.number(10_000_000, 99_999_999),
        "account_type": account_type,
        "created_at": zulu(now),
        "owner_id": owner["id"],
        "owner_email": owner_email,
        "master_account_id": master_id,
        "phone_enabled": phone_enabled,
        "options": {},
    }
    save_account(tx, account)
    return account


LIST_FIELDS = ("id", "account_name", "owner_email", "account_type", "account_number", "created_at")


def summary(account: dict[str, Any]) -> dict[str, Any]:
    """What the sub-account list shows of an account (saved with it as its list view)."""
    out = {key: account[key] for key in LIST_FIELDS}
    out["seats"] = account.get("seats", 0)
    return out


# an account is listed under its master (a master under ""), in creation order, with its list view
ACCOUNTS = Collection(
    KIND,
    sort=lambda a: a["created_at"],
    scope=lambda a: a.get("master_account_id") or "",
    filters={"owner_email": lambda a: a["owner_email"].lower()},
    view=summary,
)


def save_account(tx: Tx, account: dict[str, Any]) -> None:
    ACCOUNTS.save(tx, account)


def get_account(tx: Tx, account_id: str) -> dict[str, Any] | None:
    return ACCOUNTS.get(tx, account_id)


def is_paid(account: dict[str, Any]) -> bool:
    return account.get("account_type") not in ("Free", None)


def sip_number_taken(number: str) -> ZoomError:
    return ZoomError(300, f"The phone number {number} is already assigned to another account.", 400)


# a master's SIP trunk numbers, unique under the master and filed by the sub-account holding them
SIP_NUMBERS = Collection(
    "sip_trunk_number",
    sort=lambda n: n["number"],
    scope=lambda n: n["master_id"],
    filters={"account": lambda n: n["account_id"]},
    uniques=(Unique("number", lambda n: n["number"], sip_number_taken(""), scope=lambda n: n["master_id"]),),
)
# an account's cloud recordings, keyed by their ``uuid`` (their ``id`` is the meeting's), listed by
# the meeting's start time; the saved list view is the recording list's item


# Documents an owner holds one of (an account's settings, plans or billing contact, a user's
# settings or picture, a group's settings), each a collection keyed by the owner's id, the
# document kept whole under ``data``.
PART_KINDS = (
    "account_settings",
    "account_lock_settings",
    "account_billing",
    "account_domains",
    "account_plans",
    "sip_trunk_config",
    "tsp_account",
    "user_settings",
    "user_picture",
    "group_settings",
)
PARTS = {kind: Collection(kind, sort=lambda d: "") for kind in PART_KINDS}


def get_part(tx: Tx, kind: str, owner_id: str) -> dict[str, Any]:
    found = PARTS[kind].get(tx, owner_id)
    return dict(found["data"]) if found else {}


def put_part(tx: Tx, kind: str, owner_id: str, body: dict[str, Any], *, account_id: str | None = None) -> None:
    """Save an owner's part; ``account_id`` is the owner's account when the owner is not one."""
    PARTS[kind].save(tx, {"id": owner_id, "account_id": account_id or owner_id, "data": body})


def delete_part(tx: Tx, kind: str, owner_id: str) -> None:
    PARTS[kind].delete(tx, owner_id)
