"""What the routing handlers share: Zoom's per-operation errors, the addressed queue or
receptionist, site references, extension numbers and the default policy trees."""

from __future__ import annotations

import re
from typing import Any

from zemu.catalog import load_catalog
from zemu.errors import ZoomError
from zemu.services.accounts.defaults import defaults
from zemu.services.context import Context
from zemu.services.phone import model as phone
from zemu.services.phone_routing import model
from zemu.store import Tx

Doc = dict[str, Any]
_PLACEHOLDER = re.compile(r"\{[^}]*\}|\$[A-Za-z_]+")
_DIGITS_MAX = 6  # Zoom's longest extension (site code + short extension)


def fill(message: str, value: str) -> str:
    """Zoom's messages name their one subject as ``{callQueueId}``, ``$id`` or ``{0}``."""
    return _PLACEHOLDER.sub(lambda _: value, message)  # a function: the value is text, never a template


def op_error(ctx: Context, pattern: str, value: str = "", *, fallback: tuple[int, int, str] | None = None) -> ZoomError:
    """The operation's documented error whose message matches ``pattern`` (a regex, case-blind).
    Some documents pack several errors in one message; only the matching sentence is kept."""
    needle = re.compile(pattern, re.IGNORECASE)
    for spec in ctx.op.errors if ctx.op is not None else ():
        sentences = _sentences(spec.message)
        for index, sentence in enumerate(sentences):
            if needle.search(sentence):
                # "Validation Failed. The group does not exist…" is one message with a prefix
                if index and sentences[index - 1].lower() == "validation failed.":
                    sentence = f"{sentences[index - 1]} {sentence}"
                return ZoomError(spec.code, fill(sentence, value), spec.http_status)
    status, code, message = fallback or (400, 300, "Validation Failed.")
    return ZoomError(code, fill(message, value), status)


def _sentences(message: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"(?<=\.)\s+(?=[A-Z])", message) if p.strip()]
    return parts or [message]


# the addressed queue or receptionist -----------------------------------------------------
QUEUE_MISSING = r"(call queue|group) does not exist"
RECEPTIONIST_MISSING = r"auto ?receptionist does not exist"


def queue_missing(ctx: Context, call_queue_id: str) -> ZoomError:
    return op_error(ctx, QUEUE_MISSING, call_queue_id, fallback=(404, 404, "Call Queue does not exist: {callQueueId}."))


def target_queue(ctx: Context) -> Doc:
    call_queue_id = ctx.path["callQueueId"]
    queue = model.account_call_queue(ctx.tx, ctx.account_id, call_queue_id)
    if queue is None:
        raise queue_missing(ctx, call_queue_id)
    return queue


def target_receptionist(ctx: Context) -> Doc:
    receptionist_id = ctx.path["autoReceptionistId"]
    receptionist = model.account_auto_receptionist(ctx.tx, ctx.account_id, receptionist_id)
    if receptionist is None:
        raise op_error(
            ctx,
            RECEPTIONIST_MISSING,
            receptionist_id,
            fallback=(404, 404, "Auto Receptionist does not exist: {autoReceptionistId}."),
        )
    return receptionist


# sites -----------------------------------------------------------------------------------
def account_site(ctx: Context, site_id: str | None) -> Doc:
    """The named site of the account (Zoom's site error when it is not one), else the main site."""
    if not site_id:
        return phone.main_site(ctx.tx, ctx.account_id)
    site = phone.get_site(ctx.tx, site_id)
    if site is None or site["account_id"] != ctx.account_id:
        raise op_error(ctx, r"site does not exist", site_id, fallback=(400, 8001, "Site does not exist: {siteId}."))
    return site


# extensions ------------------------------------------------------------------------------
def short_length(site: Doc) -> int:
    return int((site.get("short_extension") or {}).get("length") or 3)


def check_extension(ctx: Context, site: Doc, extension_number: int) -> None:
    """An extension has at least the site's short-extension length and at most six digits."""
    low = short_length(site)
    if extension_number > 0 and low <= len(str(extension_number)) <= _DIGITS_MAX:
        return
    for spec in ctx.op.errors if ctx.op is not None else ():
        if "{min}" in spec.message:
            message = spec.message.replace("{min}", str(low)).replace("{max}", str(_DIGITS_MAX))
            raise ZoomError(spec.code, message, spec.http_status)
    raise op_error(ctx, r"short number length", fallback=(400, 400, "Invalid short number length."))


def next_extension(tx: Tx, account_id: str, site: Doc, leading: int) -> int:
    """The lowest free extension in the site's length that starts with ``leading`` (8 for queues)."""
    length = short_length(site)
    start = leading * 10 ** (length - 1) + 1
    for candidate in range(start, start + 10**length):
        if phone.owner_of_extension(tx, account_id, candidate) is None:
            return candidate
    raise ZoomError(400, "Invalid short number length.", 400)


# policies --------------------------------------------------------------------------------
_DEFAULTS: dict[str, Doc] = {}


def default_tree(operation_id: str) -> Doc:
    """A fresh copy of the defaults of ``operation_id``'s response schema (built once)."""
    if operation_id not in _DEFAULTS:
        op = load_catalog().by_operation_id[operation_id][0]
        _DEFAULTS[operation_id] = defaults(op.response_schema or {}) or {}
    return _copy(_DEFAULTS[operation_id])


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def queue_policy_defaults() -> Doc:
    return default_tree("getCallQueuePolicy")


def receptionist_policy_defaults() -> Doc:
    tree = default_tree("getAutoReceptionistsPolicy")
    tree["voicemail_access_members"] = []
    return tree
