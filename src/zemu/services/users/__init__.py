"""Users: the people of an account. The full users API arrives with the identity work."""

from __future__ import annotations

from zemu.services.context import Handler

HANDLERS: dict[str, Handler] = {}
