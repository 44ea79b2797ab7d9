"""SIP phones: a user's third-party SIP phone registered with Zoom, served on both path forms.

The seed's (2023) ``/sip_phones`` and ``/sip_phones/{phoneId}`` name the servers ``proxy_server``,
``proxy_server2`` …; the current ``/sip_phones/phones`` nests them as ``server``, ``server_2`` and
``server_3``. Both read and write one record. A user has at most one SIP phone."""

from __future__ import annotations

from typing import Any

from zemu.errors import ZoomError
from zemu.services.context import Context
from zemu.services.documented import documented
from zemu.services.resource import Collection, Unique
from zemu.services.users.model import find_user

Doc = dict[str, Any]

SAME_EMAIL = documented(300, "SIP Phone with the same email")
PHONES = Collection(
    "sip_phone",
    sort=lambda d: d["user_email"].lower(),
    keywords=lambda d: (d["user_email"], d["user_name"], d["authorization_name"]),
    uniques=(Unique("email", lambda d: d["user_email"], SAME_EMAIL, scope=lambda d: d["account_id"]),),
)
PLAIN = (
    "authorization_name",
    "domain",
    "password",
    "registration_expire_time",
    "user_name",
    "voice_mail",
    "display_number",
)
SUFFIXES = ("", "2", "3")  # legacy names: proxy_server, proxy_server2, proxy_server3
SERVERS = ("server", "server_2", "server_3")
SERVER_FIELDS = ("proxy_server", "register_server", "transport_protocol")


def _blank_server() -> Doc:
    return {"proxy_server": "", "register_server": "", "transport_protocol": "UDP"}


# views -----------------------------------------------------------------------------------
def legacy_view(phone: Doc) -> Doc:
    out: Doc = {
        "id": phone["id"],
        **{k: phone[k] for k in PLAIN if k != "display_number"},
        "user_email": phone["user_email"],
    }
    for suffix, server in zip(SUFFIXES, phone["servers"], strict=True):
        for name in SERVER_FIELDS:
            out[f"{name}{suffix}"] = server[name]
    return out


def current_view(phone: Doc) -> Doc:
    out: Doc = {"phone_id": phone["id"], **{k: phone[k] for k in PLAIN}, "user_email": phone["user_email"]}
    for key, server in zip(SERVERS, phone["servers"], strict=True):
        out[key] = dict(server)
    return out


# reading either form into the record -----------------------------------------------------
def _servers_from_legacy(body: Doc, servers: list[Doc]) -> None:
    for suffix, server in zip(SUFFIXES, servers, strict=True):
        for name in SERVER_FIELDS:
            if f"{name}{suffix}" in body:
                server[name] = body[f"{name}{suffix}"]


def _servers_from_current(body: Doc, servers: list[Doc]) -> None:
    for key, server in zip(SERVERS, servers, strict=True):
        if isinstance(body.get(key), dict):
            server.update({k: v for k, v in body[key].items() if k in SERVER_FIELDS})


def _apply(phone: Doc, body: Doc, legacy: bool) -> None:
    phone.update({k: body[k] for k in PLAIN if k in body})
    (_servers_from_legacy if legacy else _servers_from_current)(body, phone["servers"])


def new_phone(ctx: Context, body: Doc, *, legacy: bool) -> Doc:
    email = str(body.get("user_email") or "")
    user = find_user(ctx.tx, email) if email else None
    if user is None or user["account_id"] != ctx.account_id:
        raise ctx.fail(1001, "not exist", userId=email)
    phone: Doc = {
        "id": ctx.ids.uid(),
        "account_id": ctx.account_id,
        "user_id": user["id"],
        "user_email": user["email"],
        "registration_expire_time": 60,
        "voice_mail": "",
        "display_number": "",
        "servers": [_blank_server() for _ in SERVERS],
    }
    _apply(phone, body, legacy)
    try:
        PHONES.save(ctx.tx, phone)
    except ZoomError:
        raise ctx.fail(300, "same email") from None
    return phone


def _target(ctx: Context) -> Doc:
    phone_id = str(ctx.path["phoneId"])
    return PHONES.require(ctx, phone_id, ctx.fail(2305, phone_id=phone_id))


# handlers --------------------------------------------------------------------------------
def list_legacy(ctx: Context) -> Doc:
    page = PHONES.page(ctx, keyword=ctx.query.get("search_key"), shape=legacy_view)
    return {**page.fields(), "phones": page.items}


def create_legacy(ctx: Context) -> Doc:
    return legacy_view(new_phone(ctx, ctx.body or {}, legacy=True))


def update_legacy(ctx: Context) -> None:
    phone = _target(ctx)
    _apply(phone, ctx.body or {}, legacy=True)
    PHONES.save(ctx.tx, phone)


def delete_phone(ctx: Context) -> None:
    PHONES.delete(ctx.tx, _target(ctx))


def list_current(ctx: Context) -> Doc:
    page = PHONES.page(ctx, keyword=ctx.query.get("search_key"), shape=current_view, total=False)
    return {"next_page_token": page.next_page_token, "page_size": page.page_size, "phones": page.items}


def create_current(ctx: Context) -> Doc:
    return current_view(new_phone(ctx, ctx.body or {}, legacy=False))


def update_current(ctx: Context) -> None:
    phone = _target(ctx)
    _apply(phone, ctx.body or {}, legacy=False)
    PHONES.save(ctx.tx, phone)
