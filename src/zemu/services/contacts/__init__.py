"""Contacts: searching the company directory."""

from __future__ import annotations

from zemu.services.contacts import search
from zemu.services.context import Handler, Trigger

HANDLERS: dict[str, Handler] = {"searchCompanyContacts": search.search}

EMITS: tuple[str, ...] = ()
TRIGGERS: dict[str, Trigger] = {}
