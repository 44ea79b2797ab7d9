"""Behaviour, one package per product. ``HANDLERS`` maps a Zoom operationId to its handler.

Each product registers its handlers in one place (its ``HANDLERS`` dict); this table is built
once from them, and coverage is computed from it.
"""

from __future__ import annotations

from zemu.services import accounts
from zemu.services.context import Context, Handler

HANDLERS: dict[str, Handler] = {**accounts.HANDLERS}

# the webhook events each product's operations emit, declared beside their handlers
EMITTED_EVENTS: set[str] = {*getattr(accounts, "EMITS", ())}

__all__ = ["EMITTED_EVENTS", "HANDLERS", "Context", "Handler"]
