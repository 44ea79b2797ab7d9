"""Accounts: master and sub-accounts, settings, options, plans, billing, domains, SIP trunks."""

from __future__ import annotations

from zemu.services.context import Handler

HANDLERS: dict[str, Handler] = {}
