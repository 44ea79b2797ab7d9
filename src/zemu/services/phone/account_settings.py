"""Zoom Phone settings of the account: the settings tree (``/phone/account_settings``), the
account's phone settings (``/phone/settings``) and account policies (``/phone/policies``).

Every tree starts from its response schema's defaults; the account's own values are one
document (kind ``phone_account_settings``, id = account id) of overrides per block.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from zemu.services.context import Context
from zemu.services.phone import model
from zemu.services.phone.common import body, deep_merge, defaults_of, schema_of
from zemu.store import Tx

KIND = "phone_account_settings"
POLICY_TYPES = ("allow_emergency_calls",)


def overrides(tx: Tx, account_id: str) -> dict[str, Any]:
    return tx.get(KIND, account_id) or {"settings": {}, "phone": {}}


def save_overrides(tx: Tx, account_id: str, doc: dict[str, Any]) -> None:
    """Save the account's own values with the whole tree they make, so a read merges nothing,
    and with the answer to an unfiltered ``listZoomPhoneAccountSettings`` as the view, so the
    read most clients make parses nothing either."""
    doc.pop("tree", None)
    doc["tree"] = deep_merge(defaults_of("listZoomPhoneAccountSettings"), copy.deepcopy(doc["settings"]))
    tx.put(KIND, account_id, doc, account_id=account_id, parent=account_id, view=_blocks(doc["tree"], ()))


def settings_tree(tx: Tx, account_id: str) -> dict[str, Any]:
    """Every setting block: the schema's defaults under the account's own values."""
    doc = overrides(tx, account_id)
    return doc.get("tree") or defaults_of("listZoomPhoneAccountSettings")


# /phone/account_settings ----------------------------------------------------------------------
def list_settings(ctx: Context) -> Any:
    wanted = [t.strip() for t in str(ctx.query.get("setting_types") or "").split(",") if t.strip()]
    if not wanted:
        saved = ctx.tx.get_view(KIND, ctx.account_id)
        if saved is not None:
            return saved
    known = _known()
    if any(t not in known for t in wanted):
        raise ctx.fail(400)
    return _blocks(settings_tree(ctx.tx, ctx.account_id), wanted)


def _known() -> list[str]:
    return list(schema_of("listZoomPhoneAccountSettings").get("properties", {}))


def _blocks(tree: dict[str, Any], wanted: Sequence[str]) -> dict[str, Any]:
    """The blocks asked for (all the documented ones when none is named), in that order."""
    return {name: tree[name] for name in (wanted or _known()) if name in tree}


# /phone/settings ------------------------------------------------------------------------------
def get_phone_settings(ctx: Context) -> dict[str, Any]:
    tree = defaults_of("phoneSetting")
    sites = model.list_sites(ctx.tx, ctx.account_id)
    main = next((s for s in sites if s.get("main_site")), sites[0] if sites else None)
    if main:
        tree["country"] = dict(main["country"])
    tree["multiple_sites"]["enabled"] = len(sites) > 1
    tree["billing_account"] = {"id": "", "name": ""}
    return deep_merge(tree, copy.deepcopy(overrides(ctx.tx, ctx.account_id)["phone"]))


def update_phone_settings(ctx: Context) -> None:
    data = body(ctx)
    doc = overrides(ctx.tx, ctx.account_id)
    multiple = data.get("multiple_sites") or {}
    if multiple.get("enabled") is False and model.SITES.count(ctx.tx, ctx.account_id) > 1:
        raise ctx.fail(412)
    phone = doc.setdefault("phone", {})
    if "enabled" in multiple:
        phone.setdefault("multiple_sites", {})["enabled"] = bool(multiple["enabled"])
    if isinstance(multiple.get("site_code"), dict) and "enable" in multiple["site_code"]:
        phone.setdefault("multiple_sites", {})["site_code"] = bool(multiple["site_code"]["enable"])
    for key in ("byoc", "show_device_ip_for_call_log"):
        if isinstance(data.get(key), dict):
            phone[key] = {"enable": bool(data[key].get("enable", False))}
    if isinstance(data.get("billing_account"), dict):
        phone["billing_account"] = {"id": str(data["billing_account"].get("id") or ""), "name": ""}
    save_overrides(ctx.tx, ctx.account_id, doc)


# /phone/policies/{policyType} ----------------------------------------------------------------
def _policy_type(ctx: Context) -> str:
    kind = str(ctx.path["policyType"])
    if kind not in POLICY_TYPES:
        raise ctx.fail(400, "policyType")
    return kind


def policy_block(tx: Tx, account_id: str, kind: str) -> dict[str, Any]:
    tree = settings_tree(tx, account_id)
    return deep_merge(defaults_of("GetAccountPolicyDetails", kind) or {}, tree.get(kind, {}))


def get_policy(ctx: Context) -> dict[str, Any]:
    kind = _policy_type(ctx)
    return {kind: policy_block(ctx.tx, ctx.account_id, kind)}


def update_policy(ctx: Context) -> None:
    kind = _policy_type(ctx)
    patch = dict(body(ctx).get(kind) or {})
    if "reset" in patch:
        raise ctx.fail(400, "reset")
    apply_policy(ctx, kind, patch)


def apply_policy(ctx: Context, kind: str, patch: dict[str, Any]) -> dict[str, Any]:
    """Store a policy change and announce it (``phone.account_settings_updated``) if it changed."""
    old = policy_block(ctx.tx, ctx.account_id, kind)
    doc = overrides(ctx.tx, ctx.account_id)
    stored = doc["settings"].setdefault(kind, {})
    stored.update(patch)
    if patch.get("locked"):
        stored["locked_by"] = "account"
    save_overrides(ctx.tx, ctx.account_id, doc)
    new = policy_block(ctx.tx, ctx.account_id, kind)
    if new != old:
        ctx.emit(
            "phone.account_settings_updated",
            {
                "object": {"id": ctx.account_id, "settings": {kind: new}},
                "old_object": {"id": ctx.account_id, "settings": {kind: old}},
            },
        )
    return new
