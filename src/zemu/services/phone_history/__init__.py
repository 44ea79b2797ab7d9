"""Zoom Phone history, read side: call history and paths, call logs, recordings, voicemails, SMS, faxes, metrics and reports."""

from __future__ import annotations

from zemu.services.context import Handler

HANDLERS: dict[str, Handler] = {}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = ()
