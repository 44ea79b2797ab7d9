"""Roles: privileges and members."""

from __future__ import annotations

from zemu.services.context import Handler

HANDLERS: dict[str, Handler] = {}

# webhook events this product's operations emit
EMITS: tuple[str, ...] = ()
