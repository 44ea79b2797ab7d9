"""Zoom Phone call routing: call queues and auto receptionists with their IVRs and policies."""

from __future__ import annotations

from zemu.services.context import Handler

HANDLERS: dict[str, Handler] = {}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = ()
