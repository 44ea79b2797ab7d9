"""Users: the people of an account, their settings, permissions and lifecycle."""

from __future__ import annotations

from zemu.services.context import Handler

HANDLERS: dict[str, Handler] = {}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = ()
