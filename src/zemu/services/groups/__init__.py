"""Groups: members, admins, settings and lock settings."""

from __future__ import annotations

from zemu.services.context import Handler

HANDLERS: dict[str, Handler] = {}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = ()
